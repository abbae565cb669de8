using FsCheck;
using FsCheck.Fluent;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;

namespace SparseIhtVerify.Properties.Generators;

/// <summary>
/// An instance small enough to enumerate every support of its level: d ∈ 2..5, m ∈ 1..3, n ∈ 30..300, a planted or
/// random dictionary (random: at most one extra generator, so N = p·d ≤ 20), and a level k ∈ 2..min(4, N).
/// When <see cref="Restricted"/>, the planted sparsity s is at most k, so that the planted support S* fits a level-k support.
/// </summary>
public sealed record EstimatorCase(SmallNetworkCase Network, int Level, bool Restricted)
{
    /// <summary>Number of unknowns N.</summary>
    public int Columns => Network.Columns;

    public override string ToString() => $"EstimatorCase(k={Level}, N={Columns}, restricted={Restricted}, {Network})";

    /// <summary>Cases for the uniform (<paramref name="restricted"/> false) or support-restricted constants.</summary>
    public static Gen<EstimatorCase> CaseGen(bool restricted) =>
        from d in Gen.Choose(2, 5)
        from m in Gen.Choose(1, 3)
        from kind in Gen.Elements(DictionaryKind.Planted, DictionaryKind.Random)
        from extra in kind == DictionaryKind.Random ? Gen.Choose(0, 1) : Gen.Constant(0)
        let columns = (m + extra) * d
        from level in Gen.Choose(2, Math.Min(4, columns))
        from s in Gen.Choose(1, restricted ? Math.Min(level, d * m) : d * m)
        from n in Gen.Choose(30, 300)
        from seed in InstanceGenerators.Seed
        from weights in Gen.Elements(WeightDistribution.Gaussian, WeightDistribution.Signs, WeightDistribution.Ones)
        from rule in Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
        select new EstimatorCase(new SmallNetworkCase(d, m, s, n, seed, weights, rule, kind, extra), level, restricted);

    /// <summary>
    /// Shrinks the network by <see cref="InstanceGenerators.Shrink"/> (width, nonzeros, samples, inputs, extra units) and the
    /// level towards 2, keeping d ≥ 2, 2 ≤ k ≤ N, and s ≤ k when restricted.
    /// </summary>
    public static IEnumerable<EstimatorCase> Shrink(EstimatorCase c)
    {
        IEnumerable<EstimatorCase> candidates = InstanceGenerators.Shrink(c.Network)
            .Select(network => c with { Network = network, Level = Math.Min(c.Level, network.Columns) })
            .Concat(InstanceGenerators.SmallerInts(c.Level, 2).Select(level => c with { Level = level }));
        return candidates.Where(x => x.Network.Inputs >= 2 && x.Level >= 2 && x.Level <= x.Columns && (!x.Restricted || x.Network.Nonzeros <= x.Level));
    }

    /// <summary>The arbitrary of <see cref="CaseGen(bool)"/> with <see cref="Shrink"/>.</summary>
    public static Arbitrary<EstimatorCase> Cases(bool restricted) => Arb.From(CaseGen(restricted), Shrink);
}
