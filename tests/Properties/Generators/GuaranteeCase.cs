using FsCheck;
using FsCheck.Fluent;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Theory.Audit;
using SparseIhtVerify.Theory.Constants;

namespace SparseIhtVerify.Properties.Generators;

/// <summary>
/// A planted network whose units are all non-empty, audited against the guarantee catalogue with a planted
/// dictionary and k = s: mostly single units (m = 1, d ∈ 4..12, s ∈ 1..3), some two-unit networks (m = 2, d ∈ 4..8,
/// s ∈ 2..3), n ∈ 300..3000, ±1 or Gaussian weights, and whether the verdicts use support-restricted constants.
/// The network fields live in a <see cref="SmallNetworkCase"/> (planted dictionary, rule ≥) so that its shrinker applies.
/// </summary>
public sealed record GuaranteeCase(SmallNetworkCase Network, bool RestrictToSupport)
{
    /// <summary>The audit budget the brief prescribes: 300 supports or 2 s per level, 1 s of model check.</summary>
    public static readonly EstimationBudget Budget = new(Supports: 300);

    public int Inputs => Network.Inputs;

    public int Width => Network.Width;

    public int Sparsity => Network.Nonzeros;

    public int Samples => Network.Samples;

    public long Seed => Network.Seed;

    /// <summary>Number of unknowns N = m·d.</summary>
    public int Columns => Width * Inputs;

    public override string ToString() =>
        $"GuaranteeCase(d={Inputs}, m={Width}, s=k={Sparsity}, n={Samples}, N={Columns}, seed={Seed}, weights={Network.Weights}, restrict={RestrictToSupport})";

    /// <summary>The spec: every unit non-empty, output weights +1.</summary>
    public PlantedNetworkSpec Spec => new(Inputs, Width, Sparsity, Samples, Seed, Network.Weights, OutputWeights.Positive, KeepUnitsNonEmpty: true);

    /// <summary>Cases; <paramref name="restrict"/> fixes the support restriction, else it is drawn.</summary>
    public static Gen<GuaranteeCase> CaseGen(bool? restrict = null, int minSamples = 300, int maxSamples = 3000) =>
        from m in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Constant(2)))
        from d in m == 1 ? Gen.Choose(4, 12) : Gen.Choose(4, 8)
        from s in m == 1 ? Gen.Choose(1, 3) : Gen.Choose(2, 3)
        from n in Gen.Choose(minSamples, maxSamples)
        from seed in InstanceGenerators.Seed
        from weights in Gen.Elements(WeightDistribution.Signs, WeightDistribution.Gaussian)
        from r in restrict is bool fixedRestrict ? Gen.Constant(fixedRestrict) : Gen.Elements(true, false)
        select new GuaranteeCase(new SmallNetworkCase(d, m, s, n, seed, weights, PatternRule.GreaterOrEqual, DictionaryKind.Planted, 0), r);

    /// <summary>
    /// Shrinks width, nonzeros, samples and inputs through <see cref="InstanceGenerators.Shrink"/>, keeping
    /// m ≤ s ≤ m·d (every unit non-empty) and n ≥ 10.
    /// </summary>
    public static IEnumerable<GuaranteeCase> Shrink(GuaranteeCase c) =>
        InstanceGenerators.Shrink(c.Network)
            .Where(x => x.Nonzeros >= x.Width && x.Nonzeros <= x.Width * x.Inputs && x.Samples >= 10)
            .Select(x => c with { Network = x });

    /// <summary>The arbitrary of <see cref="CaseGen"/> with <see cref="Shrink"/>.</summary>
    public static Arbitrary<GuaranteeCase> Cases(bool? restrict = null, int minSamples = 300, int maxSamples = 3000) =>
        Arb.From(CaseGen(restrict, minSamples, maxSamples), Shrink);

    /// <summary>Builds the instance and runs the audit.</summary>
    public AuditedCase Audit()
    {
        PlantedNetwork network = PlantedNetwork.Create(Spec);
        GeneratorDictionary dictionary = GeneratorDictionary.Create(DictionaryKind.Planted, network, 0, Seed);
        var sensing = ActivationPatternOperator.FromDictionary(network.Data, dictionary, PatternRule.GreaterOrEqual);
        var subject = AuditSubject.Planted(new PlantedInstance(network, dictionary, sensing), Sparsity);
        AuditReport report = Auditor.Run(subject, new AuditOptions(Budget, [], RestrictToSupport));
        return new AuditedCase(this, network, subject, report);
    }
}

/// <summary>An audited <see cref="GuaranteeCase"/>.</summary>
public sealed record AuditedCase(GuaranteeCase Case, PlantedNetwork Network, AuditSubject Subject, AuditReport Report);
