using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Thresholding;

namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>
/// One streamed pass of the gradient g = Aᵀ r, r = Aw − y, that keeps only O(k) numbers: g on the current
/// support S = supp w, and the k off-support entries of largest |g_i| (ties: lower index). That is enough to
/// evaluate H_k(w − μ g) exactly for every step μ &gt; 0: off S, z_i = −μ g_i, so the order of |z_i| is the order
/// of |g_i|, and an off-support index outside the top k by |g| can never enter H_k(z). (One caveat of floating
/// point: if rounding μ·|g_a| and μ·|g_b| makes two different magnitudes equal, dense H_k would break that new tie
/// by index, while the candidates were chosen by |g|; the two can then differ in that one entry.)
/// Chunks of columns are spread over the threads; each thread keeps its own top-k buffer, and the buffers are
/// merged afterwards. The top-k of a set under a strict total order does not depend on the order of the offers,
/// so the result is bit-identical for every thread count.
/// For the network operator a chunk is a run of whole blocks (at most 384, about equal chunks, a multiple of the
/// thread count of them, claimed dynamically by the threads) whose gradients come from one call of
/// <see cref="GradientGemmKernel"/> with the worker's own workspace; every gradient entry is one fixed row-order
/// chain, so neither the chunking nor the schedule changes anything in the result.
/// Scratch is O(d·chunk) per thread, allocated once per solve.
/// </summary>
public sealed class StreamedGradient
{
    private const int TargetChunkColumns = 4096;
    private const int MaxChunkBlocks = 384;
    private readonly SensingOperator _operator;
    private readonly IGatedBlocks? _network;
    private readonly GradientWorkspace[] _workspaces = [];
    private readonly int _parallelism;
    private readonly int _chunkColumns;
    private readonly double[][] _scratch;
    private readonly TopKBuffer[] _workerBuffers;
    private readonly TopKBuffer _merged;
    private int _nextChunk;

    /// <summary>A pass over <paramref name="sensing"/> keeping k candidates, on up to <paramref name="parallelism"/> threads.</summary>
    public StreamedGradient(SensingOperator sensing, int k, int parallelism)
    {
        _operator = sensing;
        _network = sensing as IGatedBlocks;
        int chunks;
        if (_network is not null)
        {
            (_chunkColumns, chunks) = BlockChunks(_network.Blocks, _network.BlockSize, Math.Max(1, parallelism));
        }
        else
        {
            int unit = Math.Max(1, sensing.ChunkColumns);
            _chunkColumns = Math.Max(1, TargetChunkColumns / unit) * unit;
            chunks = (sensing.Columns + _chunkColumns - 1) / _chunkColumns;
        }

        _parallelism = Math.Clamp(parallelism, 1, Math.Max(1, chunks));
        _scratch = new double[_parallelism][];
        _workerBuffers = new TopKBuffer[_parallelism];
        if (_network is not null)
        {
            _workspaces = new GradientWorkspace[_parallelism];
        }

        for (int t = 0; t < _parallelism; t++)
        {
            _scratch[t] = new double[_chunkColumns];
            _workerBuffers[t] = new TopKBuffer(k);
            if (_network is not null)
            {
                _workspaces[t] = new GradientWorkspace();
            }
        }

        _merged = new TopKBuffer(k);
    }

    /// <summary>
    /// Columns per chunk (whole blocks) and the number of chunks for p blocks of size d on the given threads: at most
    /// <see cref="MaxChunkBlocks"/> blocks and ⌊65536/d⌋ blocks (at least one), as few chunks as that allows on one
    /// thread; on several, about three per thread (of at least 64 blocks) and never fewer than min(threads, p); a
    /// multiple of 16 blocks whenever rounding up to one keeps those limits.
    /// </summary>
    internal static (int Columns, int Chunks) BlockChunks(int blocks, int d, int threads)
    {
        int limit = Math.Max(1, Math.Min(MaxChunkBlocks, 65536 / Math.Max(1, d)));
        int chunks = (blocks + limit - 1) / limit;
        if (threads > 1)
        {
            // About three chunks per thread (of at least 64 blocks), claimed dynamically, so that a thread slowed by
            // another process does not hold up the pass; each chunk streams X once more.
            chunks = Math.Max(chunks, Math.Min(3 * threads, blocks / 64));
        }

        chunks = Math.Min(blocks, (chunks + threads - 1) / threads * threads);
        int per = (blocks + chunks - 1) / chunks;
        if ((blocks + per - 1) / per < Math.Min(threads, blocks))
        {
            // Rounding the size up left a thread without a chunk (9 blocks in chunks of 3 are 3, not 4): round down.
            per = blocks / chunks;
        }

        int rounded = (per + GradientGemmKernel.PanelBlocks - 1) / GradientGemmKernel.PanelBlocks * GradientGemmKernel.PanelBlocks;
        if (rounded <= limit && (blocks + rounded - 1) / rounded >= Math.Min(threads, blocks))
        {
            per = rounded;
        }

        return (per * d, (blocks + per - 1) / per);
    }

    /// <summary>Columns per chunk: whole blocks for the network operator, else whole units of <see cref="SensingOperator.ChunkColumns"/>.</summary>
    internal int ChunkColumns => _chunkColumns;

    /// <summary>Threads actually used (at most one per chunk).</summary>
    public int Parallelism => _parallelism;

    /// <summary>g restricted to supp w, aligned with <see cref="SparseVector.Indices"/> of the last <see cref="Compute"/>.</summary>
    public double[] OnSupport { get; private set; } = [];

    /// <summary>The k off-support entries of largest |g_i| (values are g_i).</summary>
    public SparseVector OffSupportTop { get; private set; } = SparseVector.Zero(0);

    /// <summary>True when the pass met a NaN or infinity.</summary>
    public bool SawNonFinite { get; private set; }

    /// <summary>Streams g = Aᵀ r for the current iterate <paramref name="w"/>.</summary>
    public void Compute(SparseVector w, double[] residual)
    {
        var onSupport = new double[w.Count];
        int chunks = (_operator.Columns + _chunkColumns - 1) / _chunkColumns;
        _nextChunk = 0;
        if (_parallelism == 1)
        {
            Worker(0, w, residual, onSupport, chunks);
        }
        else
        {
            Parallel.For(0, _parallelism, new ParallelOptions { MaxDegreeOfParallelism = _parallelism }, worker => Worker(worker, w, residual, onSupport, chunks));
        }

        _merged.Clear();
        bool sawNonFinite = false;
        foreach (TopKBuffer buffer in _workerBuffers)
        {
            sawNonFinite |= buffer.SawNonFinite;
            SparseVector part = buffer.ToSparseVector(_operator.Columns);
            for (int t = 0; t < part.Count; t++)
            {
                _merged.Offer(part.Indices[t], part.Values[t]);
            }
        }

        OnSupport = onSupport;
        OffSupportTop = _merged.ToSparseVector(_operator.Columns);
        SawNonFinite = sawNonFinite || !Kernels.VectorKernels.AllFinite(onSupport);
        StepOverflowed = false;
    }

    /// <summary>
    /// H_k(w − μ g) from the stored candidates. Entries of S that become exactly zero are dropped, like any zero.
    /// </summary>
    public SparseVector ThresholdedStep(SparseVector w, double step, int k)
    {
        var buffer = new TopKBuffer(k);
        ReadOnlySpan<int> support = w.Indices;
        ReadOnlySpan<double> values = w.Values;
        for (int t = 0; t < support.Length; t++)
        {
            buffer.Offer(support[t], values[t] - step * OnSupport[t]);
        }

        SparseVector top = OffSupportTop;
        for (int t = 0; t < top.Count; t++)
        {
            buffer.Offer(top.Indices[t], -step * top.Values[t]);
        }

        StepOverflowed = buffer.SawNonFinite;
        return buffer.ToSparseVector(w.Length);
    }

    /// <summary>
    /// Whether the last <see cref="ThresholdedStep"/> since the gradient pass met a non-finite w − μ·g (a step so large that the
    /// candidates overflow; the buffer drops them, so the returned vector alone would not show it).
    /// </summary>
    public bool StepOverflowed { get; private set; }

    private void Worker(int worker, SparseVector w, double[] residual, double[] onSupport, int chunks)
    {
        TopKBuffer buffer = _workerBuffers[worker];
        buffer.Clear();
        double[] scratch = _scratch[worker];
        ReadOnlySpan<int> support = w.Indices;
        // Chunks are claimed dynamically; which worker takes a chunk changes nothing in the result.
        for (int chunk = Interlocked.Increment(ref _nextChunk) - 1; chunk < chunks; chunk = Interlocked.Increment(ref _nextChunk) - 1)
        {
            int first = chunk * _chunkColumns;
            int length = Math.Min(_chunkColumns, _operator.Columns - first);
            Span<double> g = scratch.AsSpan(0, length);
            if (_network is not null)
            {
                int d = _network.BlockSize;
                _network.AdjointBlocks(residual, first / d, length / d, g, _workspaces[worker]);
            }
            else
            {
                _operator.AdjointRange(residual, first, g);
            }

            int t = SortedIndex.LowerBound(support, first);
            for (int c = 0; c < length; c++)
            {
                int column = first + c;
                if (t < support.Length && support[t] == column)
                {
                    onSupport[t++] = g[c];
                }
                else
                {
                    double magnitude = Math.Abs(g[c]);
                    if (buffer.Count < buffer.Capacity || !(magnitude < buffer.Threshold))
                    {
                        buffer.Offer(column, g[c]);
                    }
                }
            }
        }
    }
}
