using MathNet.Numerics.LinearAlgebra;

namespace SparseIhtVerify.Solver.Operators;

/// <summary>
/// A linear sensing operator A ∈ ℝ^{n×N}, accessed only through products, so that implementations need never
/// store A. The loss everything minimises is f(w) = ½‖Aw − y‖².
/// </summary>
public abstract class SensingOperator
{
    /// <summary>Number of measurements n (rows).</summary>
    public abstract int Rows { get; }

    /// <summary>Number of unknowns N (columns).</summary>
    public abstract int Columns { get; }

    /// <summary>
    /// The natural granularity of <see cref="AdjointRange"/>: callers stream the gradient in ranges that start at
    /// multiples of this (the block size d for the network operator).
    /// </summary>
    public virtual int ChunkColumns => 1;

    /// <summary>result ← A_S z, for a support S (strictly increasing) and its values z; result has length n.</summary>
    public abstract void RestrictedForward(ReadOnlySpan<int> support, ReadOnlySpan<double> z, Span<double> result);

    /// <summary>result ← A_Sᵀ r, one entry per index of S; r has length n.</summary>
    public abstract void RestrictedAdjoint(ReadOnlySpan<int> support, ReadOnlySpan<double> r, Span<double> result);

    /// <summary>result ← (Aᵀ r)[first, first + result.Length): one chunk of the full gradient, streamed.</summary>
    public abstract void AdjointRange(ReadOnlySpan<double> r, int firstColumn, Span<double> result);

    /// <summary>Copies column c of A (length n) into <paramref name="destination"/>.</summary>
    public abstract void CopyColumn(int column, Span<double> destination);

    /// <summary>A w for a sparse w, a new array of length n.</summary>
    public double[] Forward(SparseVector w)
    {
        var result = new double[Rows];
        RestrictedForward(w.Indices, w.Values, result);
        return result;
    }

    /// <summary>The full Aᵀ r as a dense vector of length N (O(N) memory: tests and small problems only).</summary>
    public double[] Adjoint(ReadOnlySpan<double> r)
    {
        var result = new double[Columns];
        AdjointRange(r, 0, result);
        return result;
    }

    /// <summary>The dense column submatrix A_S (n×|S|), for least squares and eigenvalue work on small supports.</summary>
    public Matrix<double> ColumnSubmatrix(ReadOnlySpan<int> support)
    {
        var matrix = Matrix<double>.Build.Dense(Rows, support.Length);
        var column = new double[Rows];
        for (int t = 0; t < support.Length; t++)
        {
            CopyColumn(support[t], column);
            matrix.SetColumn(t, column);
        }

        return matrix;
    }

    /// <summary>Throws unless <paramref name="support"/> is strictly increasing within [0, N) and matches <paramref name="valuesLength"/>.</summary>
    protected void CheckSupport(ReadOnlySpan<int> support, int valuesLength)
    {
        if (support.Length != valuesLength)
        {
            throw new ArgumentException($"support has {support.Length} indices but {valuesLength} values were given");
        }

        for (int t = 0; t < support.Length; t++)
        {
            if (support[t] < 0 || support[t] >= Columns || (t > 0 && support[t] <= support[t - 1]))
            {
                throw new ArgumentException($"support must be strictly increasing within [0, {Columns}); position {t} holds {support[t]}");
            }
        }
    }
}
