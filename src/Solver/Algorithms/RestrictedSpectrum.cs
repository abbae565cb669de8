using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>Extreme eigenvalues of A_Tᵀ A_T through restricted products only (A_T is never formed).</summary>
public static class RestrictedSpectrum
{
    /// <summary>
    /// λ_max(A_Tᵀ A_T) by power iteration from the all-ones start (deterministic), as the Rayleigh quotient
    /// ‖A_T v‖²/‖v‖² after <paramref name="iterations"/> steps. A lower bound that converges to λ_max.
    /// NaN when a product is not finite.
    /// </summary>
    public static double LargestEigenvalue(SensingOperator sensing, ReadOnlySpan<int> support, int iterations = 50)
    {
        if (support.Length == 0)
        {
            return 0;
        }

        var v = new double[support.Length];
        Array.Fill(v, 1.0 / Math.Sqrt(support.Length));
        var image = new double[sensing.Rows];
        double rayleigh = 0;
        for (int t = 0; t < iterations; t++)
        {
            sensing.RestrictedForward(support, v, image);
            rayleigh = VectorKernels.SumOfSquares(image);
            sensing.RestrictedAdjoint(support, image, v);
            double norm = VectorKernels.Norm(v);
            if (!double.IsFinite(norm) || !double.IsFinite(rayleigh))
            {
                return double.NaN;
            }

            if (!(norm > 0))
            {
                return 0;
            }

            for (int i = 0; i < v.Length; i++)
            {
                v[i] /= norm;
            }
        }

        return rayleigh;
    }
}
