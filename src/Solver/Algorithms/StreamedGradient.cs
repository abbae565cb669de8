using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Thresholding;

namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>
/// One streamed pass of the gradient g = Aᵀ r, r = Aw − y, that keeps only O(k) numbers: g on the current
/// support S = supp w, and the k off-support entries of largest |g_i| (ties: lower index). That is enough to
/// evaluate H_k(w − μ g) exactly for every step μ &gt; 0: off S, z_i = −μ g_i, so the order of |z_i| is the order
/// of |g_i|, and an off-support index outside the top k by |g| can never enter H_k(z).
/// Chunks of columns are spread over the threads; each thread keeps its own top-k buffer, and the buffers are
/// merged afterwards. The top-k of a set under a strict total order does not depend on the order of the offers,
/// so the result is bit-identical for every thread count.
/// </summary>
internal sealed class StreamedGradient
{
    private const int TargetChunkColumns = 4096;
    private readonly SensingOperator _operator;
    private readonly int _parallelism;
    private readonly int _chunkColumns;
    private readonly double[][] _scratch;
    private readonly TopKBuffer[] _workerBuffers;
    private readonly TopKBuffer _merged;

    public StreamedGradient(SensingOperator sensing, int k, int parallelism)
    {
        _operator = sensing;
        int unit = Math.Max(1, sensing.ChunkColumns);
        _chunkColumns = Math.Max(1, TargetChunkColumns / unit) * unit;
        int chunks = (sensing.Columns + _chunkColumns - 1) / _chunkColumns;
        _parallelism = Math.Clamp(parallelism, 1, Math.Max(1, chunks));
        _scratch = new double[_parallelism][];
        _workerBuffers = new TopKBuffer[_parallelism];
        for (int t = 0; t < _parallelism; t++)
        {
            _scratch[t] = new double[_chunkColumns];
            _workerBuffers[t] = new TopKBuffer(k);
        }

        _merged = new TopKBuffer(k);
    }

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

        return buffer.ToSparseVector(w.Length);
    }

    private void Worker(int worker, SparseVector w, double[] residual, double[] onSupport, int chunks)
    {
        TopKBuffer buffer = _workerBuffers[worker];
        buffer.Clear();
        double[] scratch = _scratch[worker];
        ReadOnlySpan<int> support = w.Indices;
        for (int chunk = worker; chunk < chunks; chunk += _parallelism)
        {
            int first = chunk * _chunkColumns;
            int length = Math.Min(_chunkColumns, _operator.Columns - first);
            Span<double> g = scratch.AsSpan(0, length);
            _operator.AdjointRange(residual, first, g);

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
