using SparseIhtVerify.Solver.Instances;
using SparseIhtVerify.Solver.Kernels;

namespace SparseIhtVerify.Solver.Operators;

/// <summary>
/// The sensing matrix of the gated (convex) reformulation, A = [D_1 X | D_2 X | … | D_p X] ∈ ℝ^{n×pd}
/// (theory.md §1), never materialised: only X (n×d) and the pattern bit masks (p·n bits) are held.
/// Column c = j·d + ℓ is D_j X[:, ℓ] (block-major layout).
/// </summary>
public sealed class ActivationPatternOperator : SensingOperator
{
    private readonly int _parallelism;

    /// <summary>Creates the operator over <paramref name="data"/> with the given <paramref name="patterns"/>.</summary>
    public ActivationPatternOperator(DataMatrix data, ActivationPatterns patterns, int parallelism = 1)
    {
        if (patterns.Samples != data.Rows)
        {
            throw new ArgumentException($"patterns cover {patterns.Samples} samples but X has {data.Rows} rows");
        }

        Data = data;
        Patterns = patterns;
        _parallelism = Math.Max(1, parallelism);
    }

    /// <summary>Builds the operator of a dictionary's generators on X.</summary>
    public static ActivationPatternOperator FromDictionary(DataMatrix data, GeneratorDictionary dictionary, PatternRule rule, int parallelism = 1) =>
        new(data, ActivationPatterns.Compute(data, dictionary.Generators, rule, parallelism), parallelism);

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
    public ActivationPatternOperator WithOwnPatterns() => new(Data, Patterns.Clone(), _parallelism);

    /// <summary>
    /// Sequential-convex update h_j := w_j for every block whose entries differ between <paramref name="previous"/>
    /// and <paramref name="current"/> (every block when <paramref name="previous"/> is null); returns the number of
    /// blocks recomputed (cost n·nnz(w_j) each).
    /// </summary>
    public int UpdatePatternsFrom(SparseVector? previous, SparseVector current, int parallelism)
    {
        int d = BlockSize;
        var changed = new List<int>();
        for (int j = 0; j < Blocks; j++)
        {
            if (previous is null || !BlockEquals(previous, current, j, d))
            {
                changed.Add(j);
            }
        }

        Parallel.ForEach(changed, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, j =>
        {
            (int start, int end) = BlockRange(current.Indices, j, d);
            var coordinates = new int[end - start];
            for (int t = start; t < end; t++)
            {
                coordinates[t - start] = current.Indices[t] - j * d;
            }

            Patterns.SetSparse(j, Data, coordinates, current.Values[start..end]);
        });
        return changed.Count;
    }

    /// <inheritdoc />
    public override void RestrictedForward(ReadOnlySpan<int> support, ReadOnlySpan<double> z, Span<double> result)
    {
        CheckSupport(support, z.Length);
        result.Clear();
        int d = BlockSize;
        ReadOnlySpan<double> x = Data.Values;
        Span<int> coordinates = stackalloc int[d];
        for (int start = 0; start < support.Length;)
        {
            int block = support[start] / d;
            int end = start;
            while (end < support.Length && support[end] / d == block)
            {
                coordinates[end - start] = support[end] - block * d;
                end++;
            }

            ReadOnlySpan<int> local = coordinates[..(end - start)];
            ReadOnlySpan<double> values = z[start..end];
            ReadOnlySpan<ulong> mask = Patterns.Mask(block);
            for (int i = 0; i < Rows; i++)
            {
                if (((mask[i >> 6] >> (i & 63)) & 1UL) != 0)
                {
                    int rowStart = i * d;
                    double sum = 0;
                    for (int t = 0; t < local.Length; t++)
                    {
                        sum = Math.FusedMultiplyAdd(x[rowStart + local[t]], values[t], sum);
                    }

                    result[i] += sum;
                }
            }

            start = end;
        }
    }

    /// <inheritdoc />
    public override void RestrictedAdjoint(ReadOnlySpan<int> support, ReadOnlySpan<double> r, Span<double> result)
    {
        CheckSupport(support, result.Length);
        result.Clear();
        int d = BlockSize;
        ReadOnlySpan<double> x = Data.Values;
        for (int start = 0; start < support.Length;)
        {
            int block = support[start] / d;
            int end = start;
            while (end < support.Length && support[end] / d == block)
            {
                end++;
            }

            ReadOnlySpan<ulong> mask = Patterns.Mask(block);
            Span<double> local = result[start..end];
            int offset = block * d;
            for (int i = 0; i < Rows; i++)
            {
                if (((mask[i >> 6] >> (i & 63)) & 1UL) != 0)
                {
                    double ri = r[i];
                    int rowStart = i * d - offset;
                    for (int t = 0; t < local.Length; t++)
                    {
                        local[t] = Math.FusedMultiplyAdd(ri, x[rowStart + support[start + t]], local[t]);
                    }
                }
            }

            start = end;
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
            PatternGradientKernel.Accumulate(Data, Patterns, r, firstBlock, lastBlock - firstBlock, result);
            return;
        }

        var scratch = new double[(lastBlock - firstBlock) * d];
        PatternGradientKernel.Accumulate(Data, Patterns, r, firstBlock, lastBlock - firstBlock, scratch);
        scratch.AsSpan(firstColumn - firstBlock * d, result.Length).CopyTo(result);
    }

    /// <inheritdoc />
    public override void CopyColumn(int column, Span<double> destination)
    {
        int d = BlockSize, block = column / d, coordinate = column % d;
        for (int i = 0; i < Rows; i++)
        {
            destination[i] = Patterns.IsOn(block, i) ? Data[i, coordinate] : 0.0;
        }
    }

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
