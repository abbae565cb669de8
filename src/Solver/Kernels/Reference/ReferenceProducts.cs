
namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// The plain twins of the restricted products A_S z and A_Sᵀ r of the network operator, which every backend's
/// product kernels are tested against (and which <see cref="PortableBackend"/> runs).
/// </summary>
public static class ReferenceProducts
{
    /// <summary>Plain reference of <see cref="SupportKernels.Forward"/>: per block, per active sample, the position chain, then the running sum.</summary>
    public static void Forward(RowTiles tiles, ActivationPatterns patterns, BlockGroups support, ReadOnlySpan<double> z, Span<double> result, int firstTile, int tileCount)
    {
        KernelChecks.Tiles(tiles, patterns, firstTile, tileCount);
        int first = firstTile * RowTiles.Height, last = Math.Min(tiles.Rows, (firstTile + tileCount) * RowTiles.Height);
        result[first..last].Clear();
        for (int g = 0; g < support.Count; g++)
        {
            int block = support.Blocks[g];
            for (int i = first; i < last; i++)
            {
                if (!patterns.IsOn(block, i))
                {
                    continue;
                }

                double sum = 0;
                for (int t = support.Starts[g]; t < support.Starts[g + 1]; t++)
                {
                    sum = Math.FusedMultiplyAdd(tiles.Entry( i, support.Coordinates[t]), z[t], sum);
                }

                result[i] += sum;
            }
        }
    }

    /// <summary>Plain reference of <see cref="SupportKernels.Adjoint"/>: <see cref="VectorKernels.DotReference"/>(D_b r, X[:, c_t]) per position.</summary>
    public static void Adjoint(RowTiles tiles, ActivationPatterns patterns, BlockGroups support, int firstGroup, int groupEnd, ReadOnlySpan<double> r, Span<double> result)
    {
        int n = tiles.Rows, t0 = support.Starts[firstGroup];
        var masked = new double[n];
        var column = new double[n];
        for (int g = firstGroup; g < groupEnd; g++)
        {
            int block = support.Blocks[g];
            for (int i = 0; i < n; i++)
            {
                masked[i] = patterns.IsOn(block, i) ? r[i] : 0.0;
            }

            for (int t = support.Starts[g]; t < support.Starts[g + 1]; t++)
            {
                for (int i = 0; i < n; i++)
                {
                    column[i] = tiles.Entry(i, support.Coordinates[t]);
                }

                result[t - t0] = VectorKernels.DotReference(masked, column);
            }
        }
    }
}
