
namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// The plain twins of the mask computations D_j = diag(1[X h_j ≥ 0]) (or &gt; 0), for dense and sparse generators,
/// which every backend's mask kernels are tested against.
/// </summary>
public static class ReferenceMasks
{
    /// <summary>
    /// Plain reference of <see cref="PatternKernels.Dense"/>: bit (j, i) = 1[<see cref="VectorKernels.DotReference"/>(x_i, h_j) ≥ 0]
    /// (or &gt; 0) for the samples of the range.
    /// </summary>
    public static void Dense(DataMatrix data, ReadOnlySpan<double> generators, PatternRule rule, Span<ulong> words, int wordsPerBlock, int firstRow, int rowCount) =>
        DotMasks.Dense(data, generators, rule, words, wordsPerBlock, firstRow, rowCount, VectorKernels.DotReference);

    /// <summary>Plain reference of <see cref="PatternKernels.Sparse"/>: per block and sample, the sequential chain and the comparison.</summary>
    public static void Sparse(RowTiles tiles, BlockGroups generators, PatternRule rule, Span<ulong> words, int wordsPerBlock, int firstTile, int tileCount)
    {
        int first = firstTile * RowTiles.Height, last = Math.Min(tiles.Rows, (firstTile + tileCount) * RowTiles.Height);
        for (int g = 0; g < generators.Count; g++)
        {
            Span<ulong> mask = words.Slice(generators.Blocks[g] * wordsPerBlock, wordsPerBlock);
            for (int i = first; i < (firstTile + tileCount) * RowTiles.Height; i++)
            {
                bool on = false;
                if (i < last)
                {
                    double pre = 0;
                    for (int t = generators.Starts[g]; t < generators.Starts[g + 1]; t++)
                    {
                        pre = Math.FusedMultiplyAdd(tiles.Entry(i, generators.Coordinates[t]), generators.Values[t], pre);
                    }

                    on = rule == PatternRule.GreaterOrEqual ? pre >= 0 : pre > 0;
                }

                mask[i >> 6] = on ? mask[i >> 6] | (1UL << (i & 63)) : mask[i >> 6] & ~(1UL << (i & 63));
            }
        }
    }
}
