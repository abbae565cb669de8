using MathNet.Numerics.LinearAlgebra;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>
/// argmin_z ‖A_T z − y‖₂ for a support T. When n·|T| ≤ <see cref="DenseLimit"/> the dense A_T is formed and
/// solved by Householder QR (MathNet); otherwise conjugate gradients on the normal equations
/// A_Tᵀ A_T z = A_Tᵀ y (CGLS form), warm-started from <c>start</c>, using only restricted products.
/// </summary>
public static class RestrictedLeastSquares
{
    /// <summary>Largest n·|T| solved densely (32 MB of doubles).</summary>
    public const long DenseLimit = 4_000_000;

    /// <summary>The least-squares coefficients on <paramref name="support"/>.</summary>
    public static double[] Solve(SensingOperator sensing, ReadOnlySpan<int> support, ReadOnlySpan<double> labels, ReadOnlySpan<double> start)
    {
        if (support.Length == 0)
        {
            return [];
        }

        if ((long)sensing.Rows * support.Length <= DenseLimit && sensing.Rows >= support.Length)
        {
            Matrix<double> a = sensing.ColumnSubmatrix(support);
            return a.QR().Solve(Vector<double>.Build.DenseOfArray(labels.ToArray())).ToArray();
        }

        return ConjugateGradients(sensing, support, labels, start);
    }

    /// <summary>Most CGLS steps per solve: HTP calls it every iteration from a warm start, so a bound keeps each call O(n·k·steps).</summary>
    public const int MaxConjugateGradientSteps = 200;

    /// <summary>CGLS on A_T from <paramref name="start"/>, stopping when ‖A_Tᵀ r‖ ≤ 1e−13·‖A_Tᵀ y‖ or after min(4|T| + 50, <see cref="MaxConjugateGradientSteps"/>) steps.</summary>
    public static double[] ConjugateGradients(SensingOperator sensing, ReadOnlySpan<int> support, ReadOnlySpan<double> labels, ReadOnlySpan<double> start)
    {
        int k = support.Length, n = sensing.Rows;
        double[] z = start.ToArray();
        var residual = new double[n];
        sensing.RestrictedForward(support, z, residual);
        for (int i = 0; i < n; i++)
        {
            residual[i] = labels[i] - residual[i];
        }

        var s = new double[k];
        sensing.RestrictedAdjoint(support, residual, s);
        var reference = new double[k];
        sensing.RestrictedAdjoint(support, labels, reference);
        double target = 1e-13 * VectorKernels.Norm(reference);
        double[] p = (double[])s.Clone();
        double gamma = VectorKernels.SumOfSquares(s);
        var q = new double[n];
        for (int iteration = 0; iteration < Math.Min(4 * k + 50, MaxConjugateGradientSteps) && Math.Sqrt(gamma) > target; iteration++)
        {
            sensing.RestrictedForward(support, p, q);
            double qq = VectorKernels.SumOfSquares(q);
            if (!(qq > 0))
            {
                break;
            }

            double alpha = gamma / qq;
            VectorKernels.Axpy(alpha, p, z);
            VectorKernels.Axpy(-alpha, q, residual);
            sensing.RestrictedAdjoint(support, residual, s);
            double next = VectorKernels.SumOfSquares(s);
            double beta = next / gamma;
            gamma = next;
            for (int t = 0; t < k; t++)
            {
                p[t] = s[t] + beta * p[t];
            }
        }

        return z;
    }
}
