
namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// The gradient pass of the network operator over a chunk of blocks: for blocks j in the chunk,
/// g_j = (D_j X)ᵀ r = Σ_{i : D_j[i] = 1} r_i x_i ∈ ℝ^d. Rows are the outer loop, so X is read once per chunk.
/// Every g_j accumulates its rows in increasing order, whatever the chunking, so results do not depend on
/// the chunk size or on the number of threads, and equal <see cref="ReferenceGradient.Accumulate"/> bit for bit (each
/// entry one fused multiply–add chain over the rows in order). Part of <see cref="PortableBackend"/>: it needs no
/// instruction set beyond what <see cref="System.Numerics.Tensors.TensorPrimitives"/> picks.
/// </summary>
public static class RowOuterGradientKernel
{
    /// <summary>result[b·d .. b·d+d) ← g_{firstBlock+b} for b &lt; blockCount.</summary>
    public static void Accumulate(DataMatrix data, ActivationPatterns patterns, ReadOnlySpan<double> r, int firstBlock, int blockCount, Span<double> result)
    {
        KernelChecks.Gradient(data, patterns, r, firstBlock, blockCount, result);
        int d = data.Columns;
        result.Clear();
        for (int i = 0; i < data.Rows; i++)
        {
            double ri = r[i];
            if (ri == 0)
            {
                continue;
            }

            ReadOnlySpan<double> row = data.Row(i);
            int word = i >> 6, bit = i & 63;
            for (int b = 0; b < blockCount; b++)
            {
                if (((patterns.Mask(firstBlock + b)[word] >> bit) & 1UL) != 0)
                {
                    VectorKernels.Axpy(ri, row, result.Slice(b * d, d));
                }
            }
        }
    }
}
