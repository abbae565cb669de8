
namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// Masks of dense generators by one dot product per sample and block: bit (j, i) = 1[dot(x_i, h_j) ≥ 0] (or &gt; 0), for
/// blocks j ≥ <c>firstBlock</c> and the samples of a row range. With <see cref="VectorKernels.Dot"/> it is the portable
/// mask kernel (and the AVX-512 kernel's remainder); with <see cref="VectorKernels.DotReference"/> the reference.
/// </summary>
public static class DotMasks
{
    /// <summary>A dot product of two equal-length vectors.</summary>
    public delegate double DotProduct(ReadOnlySpan<double> a, ReadOnlySpan<double> b);

    /// <summary>Sets the bits of blocks [firstBlock, p) for samples [firstRow, firstRow + rowCount) by <paramref name="dot"/>.</summary>
    public static void Dense(DataMatrix data, ReadOnlySpan<double> generators, PatternRule rule, Span<ulong> words, int wordsPerBlock, int firstRow, int rowCount, DotProduct dot, int firstBlock = 0)
    {
        int d = data.Columns, blocks = generators.Length / d;
        for (int j = firstBlock; j < blocks; j++)
        {
            ReadOnlySpan<double> h = generators.Slice(j * d, d);
            Span<ulong> mask = words.Slice(j * wordsPerBlock, wordsPerBlock);
            for (int i = firstRow; i < firstRow + rowCount; i++)
            {
                double pre = dot(data.Row(i), h);
                bool on = rule == PatternRule.GreaterOrEqual ? pre >= 0 : pre > 0;
                mask[i >> 6] = on ? mask[i >> 6] | (1UL << (i & 63)) : mask[i >> 6] & ~(1UL << (i & 63));
            }
        }
    }
}
