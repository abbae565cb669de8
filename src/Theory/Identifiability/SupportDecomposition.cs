using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>
/// The singular value decomposition A_T = Σ_i σ_i u_i v_iᵀ of a column submatrix, computed from A_T itself (thin Householder
/// QR A_T = QR, then the SVD of R; the SVD of A_T directly when n &lt; |T|), never from A_TᵀA_T, whose rounding squares the
/// condition number. Numerical rank: the number of σ_i &gt; σ_1·max(n, |T|)·ε (the usual pseudo-inverse threshold).
/// </summary>
internal sealed class SupportDecomposition
{
    /// <summary>Machine epsilon 2⁻⁵².</summary>
    public const double Epsilon = 2.220446049250313e-16;

    private readonly Matrix<double> _left;

    private SupportDecomposition(int[] support, double[] singular, Matrix<double> left, Matrix<double> right, int rank)
    {
        Support = support;
        Singular = singular;
        _left = left;
        Right = right;
        Rank = rank;
    }

    /// <summary>The support T (strictly increasing).</summary>
    public int[] Support { get; }

    /// <summary>σ_1 ≥ … ≥ σ_|T| (zeros past min(n, |T|)).</summary>
    public double[] Singular { get; }

    /// <summary>|T|×|T|: column i is v_i.</summary>
    public Matrix<double> Right { get; }

    /// <summary>The numerical rank.</summary>
    public int Rank { get; }

    /// <summary>False when A_T holds a non-finite entry: then every σ_i is NaN and nothing may be concluded from T.</summary>
    public bool IsFinite => double.IsFinite(Singular[0]);

    /// <summary>σ_min(A_T).</summary>
    public double Smallest => Singular[^1];

    /// <summary>Decomposes A_T for <paramref name="support"/> (strictly increasing, non-empty).</summary>
    public static SupportDecomposition Of(SensingOperator sensing, int[] support)
    {
        int n = sensing.Rows, k = support.Length;
        Matrix<double> a = sensing.ColumnSubmatrix(support);
        if (!a.Enumerate().All(double.IsFinite))
        {
            // No decomposition of a non-finite A_T means anything (MathNet's SVD may also fail to converge): σ = NaN, rank 0.
            return new SupportDecomposition(support, Enumerable.Repeat(double.NaN, k).ToArray(), Matrix<double>.Build.Dense(n, k), Matrix<double>.Build.DenseIdentity(k), 0);
        }

        Matrix<double> left, right;
        Vector<double> s;
        if (n >= k)
        {
            QR<double> qr = a.QR(QRMethod.Thin);
            Svd<double> svd = qr.R.Svd(computeVectors: true);
            (left, s, right) = (qr.Q * svd.U, svd.S, svd.VT.Transpose());
        }
        else
        {
            Svd<double> svd = a.Svd(computeVectors: true);
            (left, s, right) = (svd.U, svd.S, svd.VT.Transpose());
        }

        var singular = new double[k];
        for (int i = 0; i < s.Count; i++)
        {
            singular[i] = s[i];
        }

        double threshold = singular[0] * Math.Max(n, k) * Epsilon;
        int rank = singular.Count(v => v > threshold);
        return new SupportDecomposition(support, singular, left, right, rank);
    }

    /// <summary>The minimum-norm least-squares coefficients on T: Σ_{i ≤ rank} v_i (u_iᵀy)/σ_i.</summary>
    public double[] LeastSquares(ReadOnlySpan<double> labels)
    {
        int k = Support.Length;
        var coefficients = new double[k];
        for (int i = 0; i < Rank; i++)
        {
            double projection = 0;
            for (int r = 0; r < _left.RowCount; r++)
            {
                projection += _left[r, i] * labels[r];
            }

            double scale = projection / Singular[i];
            for (int t = 0; t < k; t++)
            {
                coefficients[t] += scale * Right[t, i];
            }
        }

        return coefficients;
    }

    /// <summary>v_|T|, the right singular vector of σ_min (a unit vector on T).</summary>
    public double[] SmallestRightVector() => Right.Column(Support.Length - 1).ToArray();

    /// <summary>
    /// v_|T| as a vector of length <paramref name="length"/>: as computed, and without the entries below 1e−9 and 1e−6 of its
    /// largest (rounding noise that would make a second solution built from it denser), distinct supports only.
    /// </summary>
    public List<SparseVector> NullVectorForms(int length)
    {
        double[] v = SmallestRightVector();
        double largest = v.Max(x => Math.Abs(x));
        var forms = new List<SparseVector>();
        foreach (double cut in (double[])[0, 1e-9, 1e-6])
        {
            int[] kept = Enumerable.Range(0, v.Length).Where(t => Math.Abs(v[t]) > cut * largest).ToArray();
            if (kept.Length > 0 && !forms.Any(f => f.Count == kept.Length))
            {
                forms.Add(new SparseVector(length, kept.Select(t => Support[t]).ToArray(), kept.Select(t => v[t]).ToArray()));
            }
        }

        return forms;
    }
}
