using FsCheck;
using FsCheck.Fluent;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Properties.Generators;

/// <summary>
/// Tiny planted instances for the theory checker's brute-force properties: N = p·d ≤ 12 (so every support of every level
/// can be enumerated), planted or planted + one random unit, any weights, either pattern rule, and whether the audit
/// restricts to supports ⊇ S*.
/// </summary>
public static class TinyTheoryCase
{
    /// <summary>d ∈ 2..6, m ∈ 1..3 with N ≤ 12, s ∈ 1..min(<paramref name="maxSparsity"/>, d·m), n in [<paramref name="minSamples"/>, <paramref name="maxSamples"/>].</summary>
    public static Gen<(SmallNetworkCase Case, bool Restrict)> Gen(int maxSparsity, int minSamples, int maxSamples) =>
        from d in FsCheck.Fluent.Gen.Choose(2, 6)
        from m in FsCheck.Fluent.Gen.Choose(1, Math.Min(3, 12 / d))
        from kind in (m + 1) * d <= 12 ? FsCheck.Fluent.Gen.Elements(DictionaryKind.Planted, DictionaryKind.PlantedPlusRandom) : FsCheck.Fluent.Gen.Constant(DictionaryKind.Planted)
        from s in FsCheck.Fluent.Gen.Choose(1, Math.Min(maxSparsity, d * m))
        from n in FsCheck.Fluent.Gen.Choose(minSamples, maxSamples)
        from seed in InstanceGenerators.Seed
        from weights in FsCheck.Fluent.Gen.Elements(WeightDistribution.Gaussian, WeightDistribution.Signs, WeightDistribution.Ones)
        from rule in FsCheck.Fluent.Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
        from restrict in FsCheck.Fluent.Gen.Elements(true, false)
        select (new SmallNetworkCase(d, m, s, n, seed, weights, rule, kind, kind == DictionaryKind.PlantedPlusRandom ? 1 : 0), restrict);
}
