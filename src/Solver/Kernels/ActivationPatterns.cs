using System.Numerics;

namespace SparseIhtVerify.Solver.Kernels;

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

    /// <summary>All masks, block-major: word w of block j is <c>Words[j·WordsPerBlock + w]</c>; bits of samples ≥ n are 0.</summary>
    public ReadOnlySpan<ulong> Words => _bits;

    /// <summary>Bytes held by the masks.</summary>
    public long Bytes => (long)_bits.Length * sizeof(ulong);

    /// <summary>
    /// The patterns of the dense generators (p·d values, block-major) on data X, by the backend's <see cref="IKernelBackend.DenseMasks"/>
    /// (bit-identical to <see cref="SetDense"/> for every block); rows are split over <paramref name="parallelism"/>
    /// threads in whole mask words.
    /// </summary>
    public static ActivationPatterns Compute(DataMatrix data, ReadOnlySpan<double> generators, PatternRule rule, int parallelism = 1, IKernelBackend? backend = null)
    {
        int d = data.Columns;
        if (generators.Length % d != 0)
        {
            throw new ArgumentException($"generator values ({generators.Length}) must be a multiple of d = {d}");
        }

        int blocks = generators.Length / d;
        var patterns = new ActivationPatterns(data.Rows, blocks, rule, new ulong[(long)blocks * ((data.Rows + 63) / 64)]);
        double[] h = generators.ToArray();
        backend ??= KernelBackendCatalogue.Automatic;
        int words = patterns.WordsPerBlock;
        int threads = (long)data.Rows * h.Length < ParallelWorkThreshold ? 1 : Math.Max(1, parallelism);
        int parts = RowParts(threads, words);
        ForParts(parts, threads, part =>
        {
            (int firstWord, int endWord) = Split(words, parts, part);
            int firstRow = firstWord * 64, endRow = Math.Min(data.Rows, endWord * 64);
            backend.DenseMasks(data, h, rule, patterns._bits, words, firstRow, endRow - firstRow);
        });
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

    /// <summary>D_j := 0 (the all-off pattern) for block j.</summary>
    public void Clear(int block) => _bits.AsSpan(block * WordsPerBlock, WordsPerBlock).Clear();

    /// <summary>
    /// Recomputes every block of <paramref name="generators"/> (grouped with values; an empty group is an all-zero
    /// generator) by the backend's <see cref="IKernelBackend.SparseMasks"/>, bit-identical to <see cref="SetSparse"/> per block, with the
    /// samples split over <paramref name="parallelism"/> threads (cost n·Σ nnz over the groups).
    /// </summary>
    public void SetSparseBlocks(RowTiles tiles, BlockGroups generators, int parallelism = 1, IKernelBackend? backend = null)
    {
        if (tiles.Rows != Samples)
        {
            throw new ArgumentException($"the tiles cover {tiles.Rows} samples but the patterns {Samples}");
        }

        backend ??= KernelBackendCatalogue.Automatic;
        int tileCount = tiles.Count;
        long work = (long)Samples * (generators.Positions + generators.Count);
        int threads = work < ParallelWorkThreshold ? 1 : Math.Max(1, parallelism);
        int parts = RowParts(threads, (tileCount + 7) / 8);
        ForParts(parts, threads, part =>
        {
            // Split on 8-tile (one mask word) boundaries.
            (int first, int end) = Split((tileCount + 7) / 8, parts, part);
            int firstTile = first * 8, endTile = Math.Min(tileCount, end * 8);
            backend.SparseMasks(tiles, generators, Rule, _bits, WordsPerBlock, firstTile, endTile - firstTile);
        });
    }

    /// <summary>
    /// Mask computations with less work than this (samples × generator entries) run on one thread. Results never
    /// depend on it; tests lower it to exercise the parallel paths on small instances.
    /// </summary>
    internal static long ParallelWorkThreshold { get; set; } = 500_000;

    /// <summary>[first, end) of part <paramref name="part"/> when <paramref name="count"/> items are cut into <paramref name="parts"/> nearly equal parts.</summary>
    internal static (int First, int End) Split(int count, int parts, int part) =>
        ((int)((long)count * part / parts), (int)((long)count * (part + 1) / parts));

    /// <summary>
    /// Runs <paramref name="body"/> for parts 0 … parts−1 on up to <paramref name="threads"/> threads (parts are handed
    /// out dynamically, so a thread delayed by another process does not hold the others up); on the calling thread when
    /// there is one thread or one part. Callers make parts independent, so the results do not depend on the schedule.
    /// </summary>
    internal static void ForParts(int parts, int threads, Action<int> body)
    {
        if (parts <= 1 || threads <= 1)
        {
            for (int part = 0; part < parts; part++)
            {
                body(part);
            }

            return;
        }

        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }

    /// <summary>Parts for a row split over <paramref name="threads"/> threads: four per thread (dynamic balance), at most <paramref name="limit"/>.</summary>
    internal static int RowParts(int threads, int limit) => threads <= 1 ? 1 : Math.Clamp(4 * threads, 1, Math.Max(1, limit));

    private bool IsActive(double preActivation) => Rule == PatternRule.GreaterOrEqual ? preActivation >= 0 : preActivation > 0;
}
