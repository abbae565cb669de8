using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Theory.Constants;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// The witness search finds the exact null vectors that dictionaries closed under negation always have (theory.md §3):
/// with generators h and −h, D_h + D_−h = I, so two complementary pairs give α₄ = 0 at every input coordinate although
/// every pattern covers half the samples and every pair is ≥ n/4 apart; under ≥ an all-on block (h = 0) and one
/// complementary pair give α₃ = 0. N = 10·6 = 60 here, far beyond enumeration (C(60, 4) = 487 635 supports).
/// </summary>
public sealed class StructuredWitnessTests
{
    private static ActivationPatternOperator Dictionary(long seed, PatternRule rule, Func<double[], double[][]> planted)
    {
        const int d = 6, n = 600, random = 6;
        var x = new double[n * d];
        var stream = new SeededRandom(seed, RandomStream.Data);
        stream.FillGaussian(x);
        var data = new DataMatrix(n, d, x);
        var h = new double[random * d];
        new SeededRandom(seed, RandomStream.Dictionary).FillGaussian(h);
        double[][] extra = planted(h);
        double[] generators = [.. h, .. extra.SelectMany(e => e)];
        return new ActivationPatternOperator(data, ActivationPatterns.Compute(data, generators, rule));
    }

    private static double[] Negate(double[] v) => v.Select(t => -t).ToArray();

    private static double[] Block(double[] h, int j) => h.Skip(j * 6).Take(6).ToArray();

    // Two complementary pairs (h1, −h1, h2, −h2) among six random generators: the search-only estimate of α₄ is 0 (≤ 1e−12 relative).
    [Theory]
    [InlineData(1L, PatternRule.GreaterOrEqual)]
    [InlineData(2L, PatternRule.Greater)]
    [InlineData(3L, PatternRule.GreaterOrEqual)]
    public void TwoComplementaryPairsGiveAlphaFourZero(long seed, PatternRule rule)
    {
        ActivationPatternOperator sensing = Dictionary(seed, rule, h => [Negate(Block(h, 0)), Negate(Block(h, 1))]);
        StructuredWitnesses structured = StructuredWitnesses.Find(sensing);
        RestrictedConstants alpha4 = RestrictedConstantEstimator.Estimate(sensing, 4, null, new EstimationBudget(Supports: 2000, Enumerate: false), sensing, structured: structured);
        Assert.True(alpha4.AlphaWitness <= 1e-12 * alpha4.BetaWitness, $"α₄ witness {alpha4.AlphaWitness} on [{string.Join(", ", alpha4.AlphaWitnessSupport)}]; methods {string.Join("; ", alpha4.Methods)}");
        Assert.Equal(4, alpha4.AlphaWitnessSupport.Select(c => c / 6).Distinct().Count());
    }

    // An all-on block (h = 0 under ≥) and one complementary pair: α₃ = 0, found without enumeration.
    [Theory]
    [InlineData(4L)]
    [InlineData(5L)]
    public void AllOnBlockAndComplementaryPairGiveAlphaThreeZero(long seed)
    {
        ActivationPatternOperator sensing = Dictionary(seed, PatternRule.GreaterOrEqual, h => [new double[6], Negate(Block(h, 2))]);
        StructuredWitnesses structured = StructuredWitnesses.Find(sensing);
        RestrictedConstants alpha3 = RestrictedConstantEstimator.Estimate(sensing, 3, null, new EstimationBudget(Supports: 2000, Enumerate: false), sensing, structured: structured);
        Assert.True(alpha3.AlphaWitness <= 1e-12 * alpha3.BetaWitness, $"α₃ witness {alpha3.AlphaWitness}; methods {string.Join("; ", alpha3.Methods)}");
        Assert.Contains(structured.Dependencies.Dependencies, dep => dep.Kind == SparseIhtVerify.Theory.Patterns.PatternDependencyKind.PairSumEqualsSingle);
    }
}
