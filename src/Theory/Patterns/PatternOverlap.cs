using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Theory.Patterns;

/// <summary>
/// The p×p overlap of the activation patterns (theory.md §3): counts C_jk = |D_j ∩ D_k| = Σ_i D_j(i)·D_k(i)
/// (symmetric, diagonal C_jj = tr(D_j)) and fractions O_jk = C_jk/n. For one input coordinate ℓ independent of the
/// patterns, E[G over the columns (j, ℓ), j ∈ B] = O_B, so subsets B on which O_B is (nearly) singular are where the
/// restricted eigenvalue α_|B| is smallest. Computed from the bit masks by popcount, C_jk = Σ_w popcount(m_j[w] ∧ m_k[w]):
/// p(p+1)/2 · ⌈n/64⌉ word operations; holds p² ints.
/// </summary>
public sealed class PatternOverlap
{
    /// <summary>Blocks per tile of the computation: a tile's masks stay in cache while the other blocks stream past.</summary>
    private const int TileBlocks = 16;

    private readonly int[] _counts;

    private PatternOverlap(int samples, int blocks, int[] counts)
    {
        Samples = samples;
        Blocks = blocks;
        _counts = counts;
    }

    /// <summary>Number of samples n.</summary>
    public int Samples { get; }

    /// <summary>Number of blocks p.</summary>
    public int Blocks { get; }

    /// <summary>
    /// C_jk = |D_j ∩ D_k| for every pair (exact integers; the result does not depend on <paramref name="parallelism"/>,
    /// which splits the rows of C over threads).
    /// </summary>
    public static PatternOverlap Compute(ActivationPatterns patterns, int parallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        int p = patterns.Blocks;
        var counts = new int[(long)p * p];
        int tiles = (p + TileBlocks - 1) / TileBlocks;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) };

        // Tile (s, t) with s ≤ t fills C_jk for j in tile s, k in tile t, k ≥ j, and mirrors it: no two tiles write the same entry.
        Parallel.For(0, tiles, options, s =>
        {
            int firstA = s * TileBlocks, endA = Math.Min(p, firstA + TileBlocks);
            for (int t = s; t < tiles; t++)
            {
                int firstB = t * TileBlocks, endB = Math.Min(p, firstB + TileBlocks);
                for (int a = firstA; a < endA; a++)
                {
                    ReadOnlySpan<ulong> ma = patterns.Mask(a);
                    for (int b = Math.Max(a, firstB); b < endB; b++)
                    {
                        int c = IntersectionCount(ma, patterns.Mask(b));
                        counts[(long)a * p + b] = c;
                        counts[(long)b * p + a] = c;
                    }
                }
            }
        });
        return new PatternOverlap(patterns.Samples, p, counts);
    }

    /// <summary>|D_j ∩ D_k| = Σ_w popcount(a[w] ∧ b[w]) of two masks of equal length.</summary>
    public static int IntersectionCount(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"masks of {a.Length} and {b.Length} words");
        }

        int c0 = 0, c1 = 0, c2 = 0, c3 = 0, w = 0;
        for (; w + 4 <= a.Length; w += 4)
        {
            c0 += BitOperations.PopCount(a[w] & b[w]);
            c1 += BitOperations.PopCount(a[w + 1] & b[w + 1]);
            c2 += BitOperations.PopCount(a[w + 2] & b[w + 2]);
            c3 += BitOperations.PopCount(a[w + 3] & b[w + 3]);
        }

        for (; w < a.Length; w++)
        {
            c0 += BitOperations.PopCount(a[w] & b[w]);
        }

        return c0 + c1 + c2 + c3;
    }

    /// <summary>C_jk = |D_j ∩ D_k|, the number of samples active in both blocks (C_jj = tr(D_j)).</summary>
    public int Count(int j, int k) => _counts[Index(j, k)];

    /// <summary>O_jk = |D_j ∩ D_k| / n.</summary>
    public double Fraction(int j, int k) => (double)_counts[Index(j, k)] / Samples;

    /// <summary>Hamming(D_j, D_k) = C_jj + C_kk − 2·C_jk, the number of samples active in exactly one of the blocks.</summary>
    public int Hamming(int j, int k) => Count(j, j) + Count(k, k) - 2 * Count(j, k);

    /// <summary>O_B = (|D_j ∩ D_k| / n) for j, k in <paramref name="blocks"/>, in the order given.</summary>
    public Matrix<double> Submatrix(ReadOnlySpan<int> blocks)
    {
        var result = Matrix<double>.Build.Dense(blocks.Length, blocks.Length);
        for (int s = 0; s < blocks.Length; s++)
        {
            for (int t = 0; t < blocks.Length; t++)
            {
                result[s, t] = Fraction(blocks[s], blocks[t]);
            }
        }

        return result;
    }

    private long Index(int j, int k)
    {
        if ((uint)j >= (uint)Blocks || (uint)k >= (uint)Blocks)
        {
            throw new ArgumentOutOfRangeException(nameof(j), $"blocks ({j}, {k}) outside 0..{Blocks - 1}");
        }

        return (long)j * Blocks + k;
    }
}
