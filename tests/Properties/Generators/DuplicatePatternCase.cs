using FsCheck;
using FsCheck.Fluent;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Properties.Generators;

/// <summary>
/// A planted network (every unit non-empty) whose planted dictionary gets one extra block: a copy of unit
/// <see cref="Duplicated"/>'s generator. The copy has exactly the pattern of the original, and carries no planted weight.
/// </summary>
public sealed record DuplicatePatternCase(SmallNetworkCase Network, int Duplicated)
{
    public override string ToString() => $"DuplicatePatternCase(duplicated unit {Duplicated}, {Network})";

    /// <summary>d ∈ 2..8, m ∈ 1..2, s ∈ m..min(3, d·m), n ∈ 20..400, either pattern rule.</summary>
    public static Gen<DuplicatePatternCase> CaseGen =>
        from d in Gen.Choose(2, 8)
        from m in Gen.Choose(1, 2)
        from s in Gen.Choose(m, Math.Min(3, d * m))
        from n in Gen.Choose(20, 400)
        from seed in InstanceGenerators.Seed
        from weights in Gen.Elements(WeightDistribution.Gaussian, WeightDistribution.Signs, WeightDistribution.Ones)
        from rule in Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
        from duplicated in Gen.Choose(0, m - 1)
        select new DuplicatePatternCase(new SmallNetworkCase(d, m, s, n, seed, weights, rule, DictionaryKind.Planted, 0), duplicated);

    /// <summary>Shrinks the network (width, nonzeros, samples, inputs) keeping m ≤ s and the duplicated unit in range.</summary>
    public static IEnumerable<DuplicatePatternCase> Shrink(DuplicatePatternCase c) =>
        InstanceGenerators.Shrink(c.Network)
            .Where(x => x.Nonzeros >= x.Width && x.Inputs >= 1)
            .Select(x => new DuplicatePatternCase(x, Math.Min(c.Duplicated, x.Width - 1)));

    public static Arbitrary<DuplicatePatternCase> Cases => Arb.From(CaseGen, Shrink);

    /// <summary>The network, the (m + 1)-block dictionary, its operator and dense oracle, and w* padded to (m + 1)·d.</summary>
    public (PlantedNetwork Network, ActivationPatternOperator Operator, DenseMatrixOperator Oracle, SparseVector Truth) Build()
    {
        int d = Network.Inputs, m = Network.Width;
        var spec = new PlantedNetworkSpec(d, m, Network.Nonzeros, Network.Samples, Network.Seed, Network.Weights, OutputWeights.Positive, KeepUnitsNonEmpty: true);
        PlantedNetwork network = PlantedNetwork.Create(spec);
        double[] generators = [.. network.HiddenWeights, .. network.Unit(Duplicated)];
        var dictionary = new GeneratorDictionary(DictionaryKind.Planted, d, generators, m);
        var sensing = ActivationPatternOperator.FromDictionary(network.Data, dictionary, Network.Rule);
        DenseMatrixOperator oracle = DenseMatrixOperator.FromPatternDefinition(network.Data, generators, Network.Rule);
        var truth = new SparseVector((m + 1) * d, network.FusedWeights.Indices, network.FusedWeights.Values);
        return (network, sensing, oracle, truth);
    }
}
