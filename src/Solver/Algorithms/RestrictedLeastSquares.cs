using MathNet.Numerics.LinearAlgebra;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>
/// argmin_z ‖A_T z − y‖₂ for a support T. When n·|T| ≤ <see cref="DenseLimit"/> the dense A_T is formed and
/// solved by Householder QR (MathNet) (<see cref="SolveMinimumNorm"/> also when A_T is rank-deficient); otherwise conjugate gradients on the normal equations
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

    /// <summary>
    /// As <see cref="Solve"/>, but safe where A_T is rank-deficient (two blocks with one pattern give equal columns, and QR
    /// divides by a rounding error into huge cancelling values): when R has a diagonal entry below max(n, |T|)·ε of its
    /// largest, the minimum-norm solution from the SVD of R, singular values below that cutoff treated as zero (numpy's lstsq
    /// rule). HTP keeps <see cref="Solve"/>, whose results the regression cases record.
    /// </summary>
    public static double[] SolveMinimumNorm(SensingOperator sensing, ReadOnlySpan<int> support, ReadOnlySpan<double> labels, ReadOnlySpan<double> start)
    {
        int n = sensing.Rows, k = support.Length;
        if (k == 0 || (long)n * k > DenseLimit || n < k)
        {
            return Solve(sensing, support, labels, start);
        }

        Vector<double> y = Vector<double>.Build.DenseOfArray(labels.ToArray());
        var qr = sensing.ColumnSubmatrix(support).QR();
        return FullRank(qr.R, n, k) ? qr.Solve(y).ToArray() : MinimumNorm(qr, y, n, k);
    }

    // Relative size of R's smallest diagonal entry below which A_T counts as rank-deficient: max(n, |T|)·ε, numpy's lstsq rule.
    private static double Cutoff(int n, int k) => Math.Max(n, k) * 2.220446049250313e-16; // ε = 2⁻⁵², the spacing of doubles at 1

    private static bool FullRank(Matrix<double> r, int n, int k)
    {
        double largest = 0, smallest = double.PositiveInfinity;
        for (int i = 0; i < k; i++)
        {
            largest = Math.Max(largest, Math.Abs(r[i, i]));
            smallest = Math.Min(smallest, Math.Abs(r[i, i]));
        }

        return !double.IsFinite(largest) || smallest > Cutoff(n, k) * largest; // non-finite entries: QR passes them on, and the solver stops on them
    }

    // z = V Σ⁺ Uᵀ (Qᵀy)₁..k from the SVD of R's leading k×k block, singular values below the cutoff treated as zero: the
    // minimum-norm least-squares solution, where QR would divide by a rounding error (two blocks with one pattern give equal columns).
    private static double[] MinimumNorm(MathNet.Numerics.LinearAlgebra.Factorization.QR<double> qr, Vector<double> y, int n, int k)
    {
        Vector<double> b = qr.Q.TransposeThisAndMultiply(y).SubVector(0, k);
        var svd = qr.R.SubMatrix(0, k, 0, k).Svd(computeVectors: true);
        Vector<double> c = svd.U.TransposeThisAndMultiply(b);
        double cutoff = Cutoff(n, k) * svd.S[0];
        for (int i = 0; i < k; i++)
        {
            c[i] = svd.S[i] > cutoff ? c[i] / svd.S[i] : 0;
        }

        return svd.VT.TransposeThisAndMultiply(c).ToArray();
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
