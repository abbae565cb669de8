
namespace SparseIhtVerify.Solver.Kernels;

/// <summary>The plain twin of the gradient pass g_j = (D_j X)ᵀ r that every backend's gradient kernel is tested against.</summary>
public static class ReferenceGradient
{
    /// <summary>
    /// Plain reference: g_j[ℓ] = Σ_i 1[D_j[i]]·r_i·X[i, ℓ], each sum one fused multiply–add chain in row order from +0.
    /// </summary>
    public static void Accumulate(DataMatrix data, ActivationPatterns patterns, ReadOnlySpan<double> r, int firstBlock, int blockCount, Span<double> result)
    {
        KernelChecks.Gradient(data, patterns, r, firstBlock, blockCount, result);
        int d = data.Columns;
        for (int b = 0; b < blockCount; b++)
        {
            for (int l = 0; l < d; l++)
            {
                double sum = 0;
                for (int i = 0; i < data.Rows; i++)
                {
                    if (patterns.IsOn(firstBlock + b, i))
                    {
                        sum = Math.FusedMultiplyAdd(r[i], data[i, l], sum);
                    }
                }

                result[(b * d) + l] = sum;
            }
        }
    }
}
