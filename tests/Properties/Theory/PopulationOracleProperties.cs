using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Patterns;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// The population facts of theory.md §3 as test oracles, on fixed seeds and large n: coverage ½, Hamming fraction
/// θ/π, the same-coordinate pair's eigenvalues h/2 and 1 − h/2, and the Marchenko–Pastur edges of Gaussian sensing.
/// Tolerances are c/√n with c stated: each statistic is a mean of n i.i.d. terms with standard deviation σ ≤ c/5,
/// so c/√n is at least five standard deviations (the seeds are fixed, so the tests are deterministic).
/// </summary>
public sealed class PopulationOracleProperties
{
    private const int Inputs = 5;

    private static DataMatrix Data(int samples, long seed) => DataMatrix.Gaussian(samples, Inputs, new SeededRandom(seed, RandomStream.Data));

    /// <summary>Two unit generators in ℝ⁵ at angle θ in the plane of coordinates 0 and 1: a = e₀, b = cos θ e₀ + sin θ e₁ (coordinates 2–4 are ⟂ span(a, b)).</summary>
    private static double[] PairAtAngle(double theta)
    {
        var generators = new double[2 * Inputs];
        generators[0] = 1;
        generators[Inputs] = Math.Cos(theta);
        generators[Inputs + 1] = Math.Sin(theta);
        return generators;
    }

    // Coverage tr(D_j)/n of random N(0, I) generators is ½ ± 2.5/√n (σ = ½/√n per block; c = 2.5 is 5σ).
    [Theory]
    [InlineData(20_000, 11L)]
    [InlineData(50_000, 12L)]
    public void CoverageOfRandomGeneratorsIsOneHalf(int samples, long seed)
    {
        const int blocks = 16;
        var generators = new double[blocks * Inputs];
        new SeededRandom(seed, RandomStream.Dictionary).FillGaussian(generators);
        var patterns = ActivationPatterns.Compute(Data(samples, seed), generators, PatternRule.GreaterOrEqual);
        PatternStatistics statistics = PatternStatistics.Compute(patterns, generators, Inputs);
        double tolerance = 2.5 / Math.Sqrt(samples);
        int worst = Enumerable.Range(0, blocks).MaxBy(j => Math.Abs(statistics.Coverage[j] - 0.5));
        Assert.True(Math.Abs(statistics.Coverage[worst] - 0.5) <= tolerance,
            $"block {worst}: coverage {Closeness.R(statistics.Coverage[worst])} vs ½ ± {Closeness.R(tolerance)} (n={samples}, seed={seed}, p={blocks})");
        Assert.InRange(statistics.MinCoverage, 0.5 - tolerance, 0.5 + tolerance);
        Assert.InRange(statistics.MaxCoverage, 0.5 - tolerance, 0.5 + tolerance);
    }

    // The Hamming fraction between the patterns of unit generators at angle θ is θ/π ± 2.5/√n (σ ≤ ½/√n; c = 2.5), also through AngleAgreement.
    [Theory]
    [InlineData(1.0 / 6, 40_000, 21L)]
    [InlineData(1.0 / 3, 40_000, 22L)]
    [InlineData(1.0 / 2, 40_000, 23L)]
    [InlineData(2.0 / 3, 40_000, 24L)]
    public void HammingFractionEqualsAngleOverPi(double thetaOverPi, int samples, long seed)
    {
        double theta = thetaOverPi * Math.PI;
        double[] generators = PairAtAngle(theta);
        var patterns = ActivationPatterns.Compute(Data(samples, seed), generators, PatternRule.GreaterOrEqual);
        int[] hamming = PatternStatistics.PairwiseHamming(patterns);
        double fraction = (double)hamming[1] / samples;
        double tolerance = 2.5 / Math.Sqrt(samples);
        Assert.True(Math.Abs(fraction - thetaOverPi) <= tolerance,
            $"Hamming fraction {Closeness.R(fraction)} vs θ/π = {Closeness.R(thetaOverPi)} ± {Closeness.R(tolerance)} (n={samples}, seed={seed})");
        PatternStatistics statistics = PatternStatistics.Compute(patterns, generators, Inputs, hamming);
        Assert.NotNull(statistics.Angles);
        Assert.Equal(1, statistics.Angles!.Pairs);
        Assert.True(Math.Abs(statistics.Angles.MaxAbsoluteDeviation - Math.Abs(fraction - thetaOverPi)) <= 1e-12,
            $"AngleAgreement deviation {Closeness.R(statistics.Angles.MaxAbsoluteDeviation)} vs |{Closeness.R(fraction)} − θ/π| (n={samples}, seed={seed})");
        Assert.True(statistics.Angles.MaxAbsoluteDeviation <= tolerance);
    }

    // Same coordinate ℓ ⟂ span(a, b) in blocks a and b: the 2×2 Gram has eigenvalues h/2 and 1 − h/2 (h = θ/π) ± 10/√n (σ ≤ √6/√n to first order; c = 10 ≈ 4σ).
    [Theory]
    [InlineData(1.0 / 6, 50_000, 31L)]
    [InlineData(1.0 / 3, 50_000, 32L)]
    [InlineData(1.0 / 2, 50_000, 33L)]
    [InlineData(2.0 / 3, 50_000, 34L)]
    public void SameCoordinatePairHasEigenvaluesHalfHAndOneMinusHalfH(double thetaOverPi, int samples, long seed)
    {
        double[] generators = PairAtAngle(thetaOverPi * Math.PI);
        DataMatrix data = Data(samples, seed);
        var sensing = ActivationPatternOperator.FromDictionary(data, new GeneratorDictionary(DictionaryKind.Random, Inputs, generators, 0), PatternRule.GreaterOrEqual);
        double h = thetaOverPi, tolerance = 10 / Math.Sqrt(samples);
        foreach (int l in new[] { 2, 3, 4 })
        {
            int[] support = [l, Inputs + l];

            // The 2×2 Gram by the test itself, from the operator's columns, and its closed-form eigenvalues.
            var first = new double[samples];
            var second = new double[samples];
            sensing.CopyColumn(support[0], first);
            sensing.CopyColumn(support[1], second);
            double g11 = 0, g12 = 0, g22 = 0;
            for (int i = 0; i < samples; i++)
            {
                g11 += first[i] * first[i];
                g12 += first[i] * second[i];
                g22 += second[i] * second[i];
            }

            (g11, g12, g22) = (g11 / samples, g12 / samples, g22 / samples);
            double mean = (g11 + g22) / 2, radius = Math.Sqrt((g11 - g22) * (g11 - g22) / 4 + g12 * g12);
            string where = $"θ/π={Closeness.R(h)}, ℓ={l}, n={samples}, seed={seed}: G=[[{Closeness.R(g11)}, {Closeness.R(g12)}], [·, {Closeness.R(g22)}]]";
            Assert.True(Math.Abs(mean - radius - h / 2) <= tolerance, $"λ_min {Closeness.R(mean - radius)} vs h/2 = {Closeness.R(h / 2)} ± {Closeness.R(tolerance)}; {where}");
            Assert.True(Math.Abs(mean + radius - (1 - h / 2)) <= tolerance, $"λ_max {Closeness.R(mean + radius)} vs 1 − h/2 = {Closeness.R(1 - h / 2)} ± {Closeness.R(tolerance)}; {where}");

            // The library's own eigenvalues of G_S agree with the test's to rounding.
            (double min, double max) = SymmetricEigenvalues.OfSupport(sensing, support);
            Assert.True(Math.Abs(min - (mean - radius)) <= 1e-12 && Math.Abs(max - (mean + radius)) <= 1e-12,
                $"SymmetricEigenvalues.OfSupport gave ({Closeness.R(min)}, {Closeness.R(max)}); {where}");
        }
    }

    // Gaussian sensing: the extreme eigenvalues of G_S for random |S| = k lie within the Marchenko–Pastur edges (1 ± √(k/n))² ± 3/√n.
    [Theory]
    [InlineData(20_000, 40, 41L)]
    [InlineData(10_000, 100, 42L)]
    [InlineData(5_000, 200, 43L)]
    public void GaussianRestrictedSpectrumStaysWithinMarchenkoPasturEdges(int samples, int level, long seed)
    {
        // The finite-size fluctuation of the extreme eigenvalues at the edges is O(n^(−2/3)), far below 3/√n at these sizes.
        int columns = 3 * level;
        var sensing = new GaussianSensingOperator(samples, columns, seed);
        var random = new SeededRandom(seed, RandomStream.Support);
        double ratio = Math.Sqrt((double)level / samples), tolerance = 3 / Math.Sqrt(samples);
        double lower = (1 - ratio) * (1 - ratio), upper = (1 + ratio) * (1 + ratio);
        for (int trial = 0; trial < 2; trial++)
        {
            int[] support = random.SampleWithoutReplacement(columns, level).Order().ToArray();
            (double min, double max) = SymmetricEigenvalues.OfSupport(sensing, support);
            string where = $"n={samples}, N={columns}, k={level}, seed={seed}, trial {trial}: λ ∈ [{Closeness.R(min)}, {Closeness.R(max)}], MP edges [{Closeness.R(lower)}, {Closeness.R(upper)}] ± {Closeness.R(tolerance)}";
            Assert.True(min >= lower - tolerance, $"λ_min below the lower edge; {where}");
            Assert.True(max <= upper + tolerance, $"λ_max above the upper edge; {where}");

            // The spread reaches most of the way to the edges (not a trivially wide bracket): λ_max − λ_min ≥ ½ of the MP width.
            Assert.True(max - min >= 0.5 * (upper - lower), $"spectrum narrower than half the MP width; {where}");
        }
    }
}
