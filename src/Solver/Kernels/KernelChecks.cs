
namespace SparseIhtVerify.Solver.Kernels;

/// <summary>The argument checks every backend's kernels share, so that all of them refuse the same bad calls with the same words.</summary>
internal static class KernelChecks
{
    internal static void Gradient(DataMatrix data, ActivationPatterns patterns, ReadOnlySpan<double> r, int firstBlock, int blockCount, Span<double> result)
    {
        if (patterns.Samples != data.Rows || r.Length != data.Rows)
        {
            throw new ArgumentException($"X has {data.Rows} rows, the patterns {patterns.Samples} samples and r {r.Length} entries");
        }

        if (firstBlock < 0 || blockCount < 0 || firstBlock + blockCount > patterns.Blocks)
        {
            throw new ArgumentOutOfRangeException(nameof(firstBlock), $"blocks [{firstBlock}, {firstBlock + blockCount}) exceed [0, {patterns.Blocks})");
        }

        if (result.Length != blockCount * data.Columns)
        {
            throw new ArgumentException($"result must hold {blockCount}×{data.Columns} values");
        }
    }

    internal static void Tiles(RowTiles tiles, ActivationPatterns patterns, int firstTile, int tileCount)
    {
        if (patterns.Samples != tiles.Rows)
        {
            throw new ArgumentException($"patterns cover {patterns.Samples} samples but X has {tiles.Rows} rows");
        }

        if (firstTile < 0 || tileCount < 0 || firstTile + tileCount > tiles.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(firstTile), $"tiles [{firstTile}, {firstTile + tileCount}) exceed [0, {tiles.Count})");
        }
    }
}
