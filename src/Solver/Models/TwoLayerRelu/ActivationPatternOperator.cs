using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Solver.Models.TwoLayerRelu;

/// <summary>
/// The sensing matrix of the gated (convex) reformulation, A = [D_1 X | D_2 X | … | D_p X] ∈ ℝ^{n×pd}
/// (theory.md §1), never materialised: only X (n×d) and the pattern bit masks (p·n bits) are held.
/// Column c = j·d + ℓ is D_j X[:, ℓ] (block-major layout).
/// </summary>
public sealed class ActivationPatternOperator : SensingOperator, IRegating
{
    private readonly int _parallelism;
    private RowTiles? _tiles;
    private int[] _changed = [];

    /// <summary>Creates the operator over <paramref name="data"/> with the given <paramref name="patterns"/>, running <paramref name="backend"/>'s kernels (null: <see cref="KernelBackendCatalogue.Automatic"/>).</summary>
    public ActivationPatternOperator(DataMatrix data, ActivationPatterns patterns, int parallelism = 1, IKernelBackend? backend = null)
    {
        if (patterns.Samples != data.Rows)
        {
            throw new ArgumentException($"patterns cover {patterns.Samples} samples but X has {data.Rows} rows");
        }

        Data = data;
        Patterns = patterns;
        _parallelism = Math.Max(1, parallelism);
        Backend = backend ?? KernelBackendCatalogue.Automatic;
        if (!Backend.IsSupported)
        {
            throw new PlatformNotSupportedException($"the {Backend.Word} kernel backend cannot run on this machine");
        }
    }

    /// <summary>Builds the operator of a dictionary's generators on X.</summary>
    public static ActivationPatternOperator FromDictionary(DataMatrix data, GeneratorDictionary dictionary, PatternRule rule, int parallelism = 1, IKernelBackend? backend = null)
    {
        backend ??= KernelBackendCatalogue.Automatic;
        return new(data, ActivationPatterns.Compute(data, dictionary.Generators, rule, parallelism, backend), parallelism, backend);
    }

    /// <summary>The kernels every product, gradient pass and mask update of this operator runs.</summary>
    public IKernelBackend Backend { get; }

    /// <summary>The data X.</summary>
    public DataMatrix Data { get; }

    /// <summary>The cached patterns D_j.</summary>
    public ActivationPatterns Patterns { get; }

    /// <summary>Input dimension d (columns per block).</summary>
    public int BlockSize => Data.Columns;

    /// <summary>Number of blocks p.</summary>
    public int Blocks => Patterns.Blocks;

    /// <inheritdoc />
    public override int Rows => Data.Rows;

    /// <inheritdoc />
    public override int Columns => Patterns.Blocks * Data.Columns;

    /// <inheritdoc />
    public override int ChunkColumns => Data.Columns;

    /// <summary>An operator with its own copy of the patterns (for SCP mode, which rewrites them).</summary>
    public ActivationPatternOperator WithOwnPatterns() => new(Data, Patterns.Clone(), _parallelism, Backend);

    /// <inheritdoc/>
    SensingOperator IRegating.WithOwnPatterns() => WithOwnPatterns();

    /// <inheritdoc/>
    public void ClosePattern(int block) => Patterns.Clear(block);

    /// <inheritdoc/>
    public SensingOperator WithData(DataMatrix data) => new ActivationPatternOperator(data, Patterns, _parallelism, Backend);

    /// <summary>
    /// Sequential-convex update h_j := w_j for every block whose entries differ between <paramref name="previous"/>
    /// and <paramref name="current"/> (every block when <paramref name="previous"/> is null); returns the number of
    /// blocks recomputed (cost n·nnz(w_j) each, by <see cref="IKernelBackend.SparseMasks"/>, bit-identical to
    /// <see cref="ActivationPatterns.SetSparse"/>). A block with no entries gets h_j = 0.
    /// </summary>
    public int UpdatePatternsFrom(SparseVector? previous, SparseVector current, int parallelism) =>
        RecomputePatterns(ChangedBlocks(previous, current), current, parallelism);

    /// <summary>
    /// The blocks j, increasing, whose entries differ between <paramref name="previous"/> and <paramref name="current"/>
    /// (every block when <paramref name="previous"/> is null). The span is valid until the next call.
    /// </summary>
    public ReadOnlySpan<int> ChangedBlocks(SparseVector? previous, SparseVector current)
    {
        int d = BlockSize;
        if (_changed.Length < Blocks)
        {
            _changed = new int[Blocks];
        }

        int changed = 0;
        for (int j = 0; j < Blocks; j++)
        {
            if (previous is null || !BlockEquals(previous, current, j, d))
            {
                _changed[changed++] = j;
            }
        }

        return _changed.AsSpan(0, changed);
    }

    /// <summary>
    /// D_j := diag(1[X g_j ≥ 0]) (or &gt; 0) for the listed <paramref name="blocks"/> (increasing), g_j the block-j
    /// entries of <paramref name="generators"/> (h_j = 0 where it has none); cost n·nnz(g_j) per block. Returns the
    /// number of blocks recomputed.
    /// </summary>
    public int RecomputePatterns(ReadOnlySpan<int> blocks, SparseVector generators, int parallelism)
    {
        if (blocks.Length > 0)
        {
            BlockGroups groups = BlockGroups.ForCurrentThread().BuildBlocks(generators, blocks, BlockSize);
            Patterns.SetSparseBlocks(Tiles, groups, Math.Max(1, parallelism), Backend);
        }

        return blocks.Length;
    }

    /// <summary>The 8-sample tiles of X used by the support kernels (built on first use, shared per data matrix).</summary>
    public RowTiles Tiles => _tiles ??= RowTiles.Of(Data);

    /// <summary>Threads used by the products (results do not depend on it).</summary>
    public int Parallelism => _parallelism;

    /// <summary>
    /// A_S z by <see cref="IKernelBackend.Forward"/>: per sample, the blocks of S in increasing order, each block's
    /// x_iᵀz_b a fused multiply–add chain in support order, added when D_b[i] = 1. Samples are split over the threads
    /// (four ranges of whole mask words per thread, handed out dynamically).
    /// </summary>
    public override void RestrictedForward(ReadOnlySpan<int> support, ReadOnlySpan<double> z, Span<double> result)
    {
        CheckSupport(support, z.Length);
        if (result.Length != Rows)
        {
            throw new ArgumentException($"result must have length n = {Rows}");
        }

        BlockGroups groups = BlockGroups.ForCurrentThread().Build(support, BlockSize);
        RowTiles tiles = Tiles;
        int threads = Parts((long)Rows * (support.Length + groups.Count), tiles.Count);
        if (threads == 1)
        {
            Backend.Forward(tiles, Patterns, groups, z, result, 0, tiles.Count);
            return;
        }

        int parts = ActivationPatterns.RowParts(threads, (tiles.Count + 7) / 8);

        unsafe
        {
            fixed (double* zp = z)
            fixed (double* rp = result)
            {
                var zPointer = (IntPtr)zp;
                var resultPointer = (IntPtr)rp;
                int length = z.Length;
                ActivationPatterns.ForParts(parts, threads, part =>
                {
                    // Whole mask words (eight tiles) per part.
                    (int first, int end) = ActivationPatterns.Split((tiles.Count + 7) / 8, parts, part);
                    int firstTile = first * 8, endTile = Math.Min(tiles.Count, end * 8);
                    Backend.Forward(tiles, Patterns, groups, new ReadOnlySpan<double>((double*)zPointer, length), new Span<double>((double*)resultPointer, Rows), firstTile, endTile - firstTile);
                });
            }
        }
    }

    /// <summary>
    /// A_Sᵀ r by <see cref="IKernelBackend.Adjoint"/>: entry t is ⟨D_b r, X[:, c_t]⟩ in the eight-lane order of
    /// <see cref="VectorKernels.Dot"/>. Support positions are split over the threads in whole blocks, one range per
    /// thread (every range streams all of X's tiles, so more ranges would cost memory traffic).
    /// </summary>
    public override void RestrictedAdjoint(ReadOnlySpan<int> support, ReadOnlySpan<double> r, Span<double> result)
    {
        CheckSupport(support, result.Length);
        if (r.Length != Rows)
        {
            throw new ArgumentException($"r must have length n = {Rows}");
        }

        BlockGroups groups = BlockGroups.ForCurrentThread().Build(support, BlockSize);
        RowTiles tiles = Tiles;
        int parts = Math.Min(Parts((long)Rows * (support.Length + groups.Count), tiles.Count), Math.Max(1, groups.Count));
        if (parts == 1)
        {
            Backend.Adjoint(tiles, Patterns, groups, 0, groups.Count, r, result);
            return;
        }

        // Cut the groups where the running position count crosses each part's share.
        Span<int> cuts = stackalloc int[parts + 1];
        cuts[0] = 0;
        cuts[parts] = groups.Count;
        for (int part = 1, g = 0; part < parts; part++)
        {
            long target = (long)support.Length * part / parts;
            while (g < groups.Count && groups.Starts[g] < target)
            {
                g++;
            }

            cuts[part] = Math.Max(g, cuts[part - 1]);
        }

        int[] bounds = cuts.ToArray();
        unsafe
        {
            fixed (double* rp = r)
            fixed (double* op = result)
            {
                var rPointer = (IntPtr)rp;
                var outPointer = (IntPtr)op;
                ActivationPatterns.ForParts(parts, parts, part =>
                {
                    int g0 = bounds[part], g1 = bounds[part + 1];
                    int t0 = groups.Starts[g0], t1 = groups.Starts[g1];
                    Backend.Adjoint(tiles, Patterns, groups, g0, g1, new ReadOnlySpan<double>((double*)rPointer, Rows), new Span<double>((double*)outPointer + t0, t1 - t0));
                });
            }
        }
    }

    /// <inheritdoc />
    public override void AdjointRange(ReadOnlySpan<double> r, int firstColumn, Span<double> result)
    {
        int d = BlockSize;
        int end = firstColumn + result.Length;
        if (firstColumn < 0 || end > Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(firstColumn), $"range [{firstColumn}, {end}) exceeds [0, {Columns})");
        }

        int firstBlock = firstColumn / d;
        int lastBlock = (end + d - 1) / d;
        if (firstColumn % d == 0 && end % d == 0)
        {
            Backend.Gradient(Data, Patterns, r, firstBlock, lastBlock - firstBlock, result, GradientWorkspace.ForCurrentThread());
            return;
        }

        var scratch = new double[(lastBlock - firstBlock) * d];
        Backend.Gradient(Data, Patterns, r, firstBlock, lastBlock - firstBlock, scratch, GradientWorkspace.ForCurrentThread());
        scratch.AsSpan(firstColumn - firstBlock * d, result.Length).CopyTo(result);
    }

    /// <summary>
    /// The block gradients g_j = (D_j X)ᵀ r of blocks [firstBlock, firstBlock + blockCount) into
    /// result[b·d .. b·d+d), by <see cref="IKernelBackend.Gradient"/> with the caller's <paramref name="workspace"/>
    /// (one per thread). Bit-identical to <see cref="AdjointRange"/> on the same columns.
    /// </summary>
    public void AdjointBlocks(ReadOnlySpan<double> r, int firstBlock, int blockCount, Span<double> result, GradientWorkspace workspace) =>
        Backend.Gradient(Data, Patterns, r, firstBlock, blockCount, result, workspace);

    /// <inheritdoc />
    public override void CopyColumn(int column, Span<double> destination)
    {
        int d = BlockSize, block = column / d, coordinate = column % d;
        for (int i = 0; i < Rows; i++)
        {
            destination[i] = Patterns.IsOn(block, i) ? Data[i, coordinate] : 0.0;
        }
    }

    /// <summary>
    /// Products with less work than this (n·(|S| + blocks of S)) run on one thread. Results never depend on it; tests
    /// lower it to exercise the parallel paths on small instances.
    /// </summary>
    internal static long ParallelWorkThreshold { get; set; } = 1_000_000;

    private int Parts(long work, int tiles) =>
        work < ParallelWorkThreshold ? 1 : Math.Clamp(_parallelism, 1, Math.Max(1, tiles));

    private static (int Start, int End) BlockRange(ReadOnlySpan<int> indices, int block, int d)
    {
        int start = SortedIndex.LowerBound(indices, block * d);
        int end = SortedIndex.LowerBound(indices, (block + 1) * d);
        return (start, end);
    }

    private static bool BlockEquals(SparseVector a, SparseVector b, int block, int d)
    {
        (int sa, int ea) = BlockRange(a.Indices, block, d);
        (int sb, int eb) = BlockRange(b.Indices, block, d);
        return a.Indices[sa..ea].SequenceEqual(b.Indices[sb..eb]) && a.Values[sa..ea].SequenceEqual(b.Values[sb..eb]);
    }
}
