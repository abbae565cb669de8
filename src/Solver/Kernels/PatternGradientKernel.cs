using SparseIhtVerify.Solver.Instances;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// The gradient pass of the network operator over a chunk of blocks: for blocks j in the chunk,
/// g_j = (D_j X)ᵀ r = Σ_{i : D_j[i] = 1} r_i x_i ∈ ℝ^d. Rows are the outer loop, so X is read once per chunk.
/// Every g_j accumulates its rows in increasing order, whatever the chunking, so results do not depend on
/// the chunk size or on the number of threads.
/// </summary>
public static class PatternGradientKernel
{
    /// <summary>result[b·d .. b·d+d) ← g_{firstBlock+b} for b &lt; blockCount.</summary>
    public static void Accumulate(DataMatrix data, ActivationPatterns patterns, ReadOnlySpan<double> r, int firstBlock, int blockCount, Span<double> result)
    {
        int d = data.Columns;
        if (result.Length != blockCount * d)
        {
            throw new ArgumentException($"result must hold {blockCount}×{d} values");
        }

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

    /// <summary>Plain reference: g_j[ℓ] = Σ_i 1[D_j[i]] r_i X[i, ℓ], each sum in row order.</summary>
    public static void AccumulateReference(DataMatrix data, ActivationPatterns patterns, ReadOnlySpan<double> r, int firstBlock, int blockCount, Span<double> result)
    {
        int d = data.Columns;
        for (int b = 0; b < blockCount; b++)
        {
            for (int l = 0; l < d; l++)
            {
                double sum = 0;
                for (int i = 0; i < data.Rows; i++)
                {
                    if (patterns.IsOn(firstBlock + b, i) && r[i] != 0)
                    {
                        sum = Math.FusedMultiplyAdd(r[i], data[i, l], sum);
                    }
                }

                result[b * d + l] = sum;
            }
        }
    }
}
