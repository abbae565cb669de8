using System.Numerics;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Theory.Patterns;

/// <summary>
/// Statistics of the activation patterns D_j of a dictionary on data X (theory.md §3–§4): coverage tr(D_j)/n
/// (Assumption 2: ≥ ε), pairwise Hamming fractions Hamming(D_j, D_k)/n (Assumption 2: ≥ γ), duplicate
/// (Hamming 0) and complementary (Hamming n) pairs, all-on and all-off blocks, and, when generators are known,
/// the angle θ between generators against the Hamming fraction, whose population value is θ/π.
/// </summary>
public sealed record PatternStatistics(
    int Samples,
    int Blocks,
    IReadOnlyList<double> Coverage,
    double MinCoverage,
    int MinCoverageBlock,
    double MaxCoverage,
    double MinSeparation,
    (int First, int Second)? MinSeparationPair,
    IReadOnlyList<(int First, int Second)> DuplicatePairs,
    IReadOnlyList<(int First, int Second)> ComplementaryPairs,
    IReadOnlyList<int> AllOnBlocks,
    IReadOnlyList<int> AllOffBlocks,
    AngleAgreement? Angles)
{
    /// <summary>Most pairs listed in <see cref="DuplicatePairs"/> and <see cref="ComplementaryPairs"/>.</summary>
    public const int ListedPairs = 20;

    /// <summary>
    /// Computes the statistics; <paramref name="generators"/> (p·d values, block-major) enables the angle check;
    /// <paramref name="hamming"/> reuses pairwise distances computed by <see cref="PairwiseHamming"/>.
    /// </summary>
    public static PatternStatistics Compute(ActivationPatterns patterns, ReadOnlySpan<double> generators = default, int inputs = 0, int[]? hamming = null)
    {
        int p = patterns.Blocks, n = patterns.Samples;
        var coverage = new double[p];
        var allOn = new List<int>();
        var allOff = new List<int>();
        for (int j = 0; j < p; j++)
        {
            int active = patterns.ActiveCount(j);
            coverage[j] = (double)active / n;
            if (active == n)
            {
                allOn.Add(j);
            }
            else if (active == 0)
            {
                allOff.Add(j);
            }
        }

        int minBlock = Array.IndexOf(coverage, coverage.Min());
        hamming ??= PairwiseHamming(patterns);
        double minSeparation = double.NaN;
        (int, int)? minPair = null;
        var duplicates = new List<(int, int)>();
        var complements = new List<(int, int)>();
        for (int a = 0; a < p; a++)
        {
            for (int b = a + 1; b < p; b++)
            {
                int h = hamming[a * p + b];
                if (minPair is null || h < minSeparation * n)
                {
                    minSeparation = (double)h / n;
                    minPair = (a, b);
                }

                if (h == 0 && duplicates.Count < ListedPairs)
                {
                    duplicates.Add((a, b));
                }

                if (h == n && complements.Count < ListedPairs)
                {
                    complements.Add((a, b));
                }
            }
        }

        AngleAgreement? angles = inputs > 0 && generators.Length == p * inputs ? AngleAgreement.Compute(hamming, n, generators, inputs) : null;
        return new PatternStatistics(n, p, coverage, coverage[minBlock], minBlock, coverage.Max(), minSeparation, minPair,
            duplicates, complements, allOn, allOff, angles);
    }

    /// <summary>Hamming(D_a, D_b) for all pairs, as a p×p row-major matrix (symmetric, zero diagonal).</summary>
    public static int[] PairwiseHamming(ActivationPatterns patterns)
    {
        int p = patterns.Blocks;
        var result = new int[p * p];
        Parallel.For(0, p, a =>
        {
            ReadOnlySpan<ulong> ma = patterns.Mask(a);
            for (int b = a + 1; b < p; b++)
            {
                ReadOnlySpan<ulong> mb = patterns.Mask(b);
                int h = 0;
                for (int w = 0; w < ma.Length; w++)
                {
                    h += BitOperations.PopCount(ma[w] ^ mb[w]);
                }

                result[a * p + b] = h;
                result[b * p + a] = h;
            }
        });
        return result;
    }
}
