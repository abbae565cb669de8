using System.Numerics;
using SparseIhtVerify.Solver.Instances;
using SparseIhtVerify.Solver.Kernels;

namespace SparseIhtVerify.Solver.Operators;

/// <summary>
/// The activation patterns D_j = diag(1[X h_j ≥ 0]) (or <c>&gt; 0</c>, see <see cref="PatternRule"/>) of p
/// blocks on n samples, cached as bit masks: n bits per block, p·⌈n/64⌉ words in all.
/// </summary>
public sealed class ActivationPatterns
{
    private readonly ulong[] _bits;

    private ActivationPatterns(int samples, int blocks, PatternRule rule, ulong[] bits)
    {
        Samples = samples;
        Blocks = blocks;
        Rule = rule;
        WordsPerBlock = (samples + 63) / 64;
        _bits = bits;
    }

    /// <summary>Number of samples n.</summary>
    public int Samples { get; }

    /// <summary>Number of blocks p.</summary>
    public int Blocks { get; }

    /// <summary>The comparison used for the pattern bits.</summary>
    public PatternRule Rule { get; }

    /// <summary>⌈n/64⌉: words per block mask.</summary>
    public int WordsPerBlock { get; }

    /// <summary>Bytes held by the masks.</summary>
    public long Bytes => (long)_bits.Length * sizeof(ulong);

    /// <summary>The patterns of the dense generators (p·d values, block-major) on data X.</summary>
    public static ActivationPatterns Compute(DataMatrix data, ReadOnlySpan<double> generators, PatternRule rule, int parallelism = 1)
    {
        int d = data.Columns;
        if (generators.Length % d != 0)
        {
            throw new ArgumentException($"generator values ({generators.Length}) must be a multiple of d = {d}");
        }

        int blocks = generators.Length / d;
        var patterns = new ActivationPatterns(data.Rows, blocks, rule, new ulong[(long)blocks * ((data.Rows + 63) / 64)]);
        double[] h = generators.ToArray();
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, j =>
            patterns.SetDense(j, data, h.AsSpan(j * d, d)));
        return patterns;
    }

    /// <summary>1 when sample i is active in block j.</summary>
    public bool IsOn(int block, int sample) => ((_bits[block * WordsPerBlock + (sample >> 6)] >> (sample & 63)) & 1UL) != 0;

    /// <summary>The mask of block j (bit i of word i/64 is sample i).</summary>
    public ReadOnlySpan<ulong> Mask(int block) => new(_bits, block * WordsPerBlock, WordsPerBlock);

    /// <summary>tr(D_j): the number of samples active in block j.</summary>
    public int ActiveCount(int block)
    {
        int count = 0;
        foreach (ulong word in Mask(block))
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }

    /// <summary>An independent copy (SCP mode updates its own copy).</summary>
    public ActivationPatterns Clone() => new(Samples, Blocks, Rule, (ulong[])_bits.Clone());

    /// <summary>Recomputes block j from a dense generator h ∈ ℝ^d (cost n·d).</summary>
    public void SetDense(int block, DataMatrix data, ReadOnlySpan<double> generator)
    {
        Span<ulong> mask = _bits.AsSpan(block * WordsPerBlock, WordsPerBlock);
        mask.Clear();
        for (int i = 0; i < Samples; i++)
        {
            if (IsActive(VectorKernels.Dot(data.Row(i), generator)))
            {
                mask[i >> 6] |= 1UL << (i & 63);
            }
        }
    }

    /// <summary>
    /// Recomputes block j from a sparse generator given by in-block coordinates and values (cost n·nnz): the
    /// sequential-convex update h_j := w_j. An all-zero generator gives the all-on pattern under ≥ and the
    /// all-off pattern under &gt;.
    /// </summary>
    public void SetSparse(int block, DataMatrix data, ReadOnlySpan<int> coordinates, ReadOnlySpan<double> values)
    {
        Span<ulong> mask = _bits.AsSpan(block * WordsPerBlock, WordsPerBlock);
        mask.Clear();
        ReadOnlySpan<double> x = data.Values;
        int d = data.Columns;
        for (int i = 0; i < Samples; i++)
        {
            int rowStart = i * d;
            double pre = 0;
            for (int t = 0; t < coordinates.Length; t++)
            {
                pre = Math.FusedMultiplyAdd(x[rowStart + coordinates[t]], values[t], pre);
            }

            if (IsActive(pre))
            {
                mask[i >> 6] |= 1UL << (i & 63);
            }
        }
    }

    private bool IsActive(double preActivation) => Rule == PatternRule.GreaterOrEqual ? preActivation >= 0 : preActivation > 0;
}
