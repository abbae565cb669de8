using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Theory.Constants;

/// <summary>
/// Extreme eigenvalues of G_S = A_SᵀA_S/n: dense symmetric eigendecomposition (MathNet) for small supports,
/// Lanczos with full reorthogonalisation on the restricted operator otherwise. Every value returned is a
/// Rayleigh quotient of a vector supported on S, so the smallest is ≥ λ_min(G_S) and the largest ≤ λ_max(G_S)
/// even before convergence: both remain valid witnesses for α (upper bound) and β (lower bound).
/// </summary>
public static class SymmetricEigenvalues
{
    /// <summary>Supports up to this size are handled densely when n·|S| is also small.</summary>
    public const int DenseSupportLimit = 400;

    /// <summary>... and n·|S| (the doubles of scratch for the dense Gram) is at most this.</summary>
    public const long DenseScratchLimit = 20_000_000;

    /// <summary>(λ_min, λ_max) of a symmetric matrix.</summary>
    public static (double Min, double Max) Extremes(Matrix<double> symmetric)
    {
        if (symmetric.RowCount == 1)
        {
            return (symmetric[0, 0], symmetric[0, 0]);
        }

        if (symmetric.RowCount == 2)
        {
            double a = symmetric[0, 0], b = symmetric[0, 1], c = symmetric[1, 1];
            double mean = (a + c) / 2, radius = Math.Sqrt((a - c) * (a - c) / 4 + b * b);
            return (mean - radius, mean + radius);
        }

        Evd<double> evd = symmetric.Evd(Symmetricity.Symmetric);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var value in evd.EigenValues)
        {
            min = Math.Min(min, value.Real);
            max = Math.Max(max, value.Real);
        }

        return (min, max);
    }

    /// <summary>G_S = A_SᵀA_S/n, dense (n·|S| doubles of scratch).</summary>
    public static Matrix<double> Gram(SensingOperator sensing, ReadOnlySpan<int> support)
    {
        Matrix<double> columns = sensing.ColumnSubmatrix(support);
        return columns.TransposeThisAndMultiply(columns) / sensing.Rows;
    }

    /// <summary>(λ_min, λ_max) of G_S, dense or by Lanczos (<paramref name="lanczosSteps"/> steps).</summary>
    public static (double Min, double Max) OfSupport(SensingOperator sensing, ReadOnlySpan<int> support, int lanczosSteps = 60)
    {
        if (support.Length <= DenseSupportLimit && (long)sensing.Rows * support.Length <= DenseScratchLimit)
        {
            return Extremes(Gram(sensing, support));
        }

        return Lanczos(sensing, support, Math.Min(lanczosSteps, support.Length));
    }

    /// <summary>Ritz values of G_S after <paramref name="steps"/> Lanczos steps from a deterministic start.</summary>
    public static (double Min, double Max) Lanczos(SensingOperator sensing, ReadOnlySpan<int> support, int steps)
    {
        int k = support.Length, n = sensing.Rows;
        var basis = new List<double[]>();
        var alphas = new List<double>();
        var betas = new List<double>();
        var q = new double[k];
        for (int t = 0; t < k; t++)
        {
            // A fixed, non-symmetric start so that no eigenvector is missed by symmetry.
            q[t] = 1.0 + 0.5 * Math.Sin(t + 1.0);
        }

        Scale(q, 1 / VectorKernels.Norm(q));
        var image = new double[n];
        var w = new double[k];
        double scale = 0;
        for (int step = 0; step < steps; step++)
        {
            basis.Add((double[])q.Clone());
            sensing.RestrictedForward(support, q, image);
            sensing.RestrictedAdjoint(support, image, w);
            Scale(w, 1.0 / n);
            double alpha = VectorKernels.Dot(w, q);
            alphas.Add(alpha);
            foreach (double[] v in basis)
            {
                // Full reorthogonalisation (twice is enough).
                VectorKernels.Axpy(-VectorKernels.Dot(w, v), v, w);
                VectorKernels.Axpy(-VectorKernels.Dot(w, v), v, w);
            }

            // Breakdown (an invariant subspace) relative to G_S's scale seen so far, so that X·2^k takes the same steps.
            scale = Math.Max(scale, Math.Abs(alpha));
            double beta = VectorKernels.Norm(w);
            if (beta <= 1e-12 * scale || step == steps - 1)
            {
                break;
            }

            betas.Add(beta);
            for (int t = 0; t < k; t++)
            {
                q[t] = w[t] / beta;
            }
        }

        int size = alphas.Count;
        var tridiagonal = Matrix<double>.Build.Dense(size, size);
        for (int i = 0; i < size; i++)
        {
            tridiagonal[i, i] = alphas[i];
            if (i + 1 < size)
            {
                tridiagonal[i, i + 1] = tridiagonal[i + 1, i] = betas[i];
            }
        }

        return Extremes(tridiagonal);
    }

    private static void Scale(double[] v, double factor)
    {
        for (int t = 0; t < v.Length; t++)
        {
            v[t] *= factor;
        }
    }
}
