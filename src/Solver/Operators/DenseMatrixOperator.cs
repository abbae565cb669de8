using SparseIhtVerify.Solver.Kernels;

namespace SparseIhtVerify.Solver.Operators;

/// <summary>
/// A test oracle: an explicit dense n×N matrix with textbook loops (sequential sums, no vectorisation).
/// For small sizes only. <see cref="FromPatternDefinition"/> builds A[i, j·d+ℓ] = 1[x_iᵀh_j ≥ 0]·X[i, ℓ] straight
/// from the definition in theory.md §1, independently of <see cref="ActivationPatterns"/>.
/// </summary>
public sealed class DenseMatrixOperator : SensingOperator
{
    private readonly double[,] _matrix;

    /// <summary>Wraps a copy of <paramref name="matrix"/>.</summary>
    public DenseMatrixOperator(double[,] matrix)
    {
        _matrix = (double[,])matrix.Clone();
    }

    /// <inheritdoc />
    public override int Rows => _matrix.GetLength(0);

    /// <inheritdoc />
    public override int Columns => _matrix.GetLength(1);

    /// <summary>The entry A[i, c].</summary>
    public double this[int i, int c] => _matrix[i, c];

    /// <summary>Materialises any operator column by column.</summary>
    public static DenseMatrixOperator FromOperator(SensingOperator source)
    {
        var matrix = new double[source.Rows, source.Columns];
        var column = new double[source.Rows];
        for (int c = 0; c < source.Columns; c++)
        {
            source.CopyColumn(c, column);
            for (int i = 0; i < source.Rows; i++)
            {
                matrix[i, c] = column[i];
            }
        }

        return new DenseMatrixOperator(matrix);
    }

    /// <summary>A = [D_1 X | … | D_p X] from the definition, with plain sequential pre-activations.</summary>
    public static DenseMatrixOperator FromPatternDefinition(DataMatrix data, ReadOnlySpan<double> generators, PatternRule rule)
    {
        int n = data.Rows, d = data.Columns, p = generators.Length / d;
        var matrix = new double[n, p * d];
        for (int j = 0; j < p; j++)
        {
            for (int i = 0; i < n; i++)
            {
                double pre = 0;
                for (int l = 0; l < d; l++)
                {
                    pre += data[i, l] * generators[j * d + l];
                }

                bool on = rule == PatternRule.GreaterOrEqual ? pre >= 0 : pre > 0;
                for (int l = 0; l < d; l++)
                {
                    matrix[i, j * d + l] = on ? data[i, l] : 0.0;
                }
            }
        }

        return new DenseMatrixOperator(matrix);
    }

    /// <inheritdoc />
    public override void RestrictedForward(ReadOnlySpan<int> support, ReadOnlySpan<double> z, Span<double> result)
    {
        CheckSupport(support, z.Length);
        for (int i = 0; i < Rows; i++)
        {
            double sum = 0;
            for (int t = 0; t < support.Length; t++)
            {
                sum += _matrix[i, support[t]] * z[t];
            }

            result[i] = sum;
        }
    }

    /// <inheritdoc />
    public override void RestrictedAdjoint(ReadOnlySpan<int> support, ReadOnlySpan<double> r, Span<double> result)
    {
        CheckSupport(support, result.Length);
        for (int t = 0; t < support.Length; t++)
        {
            result[t] = ColumnDot(support[t], r);
        }
    }

    /// <inheritdoc />
    public override void AdjointRange(ReadOnlySpan<double> r, int firstColumn, Span<double> result)
    {
        for (int t = 0; t < result.Length; t++)
        {
            result[t] = ColumnDot(firstColumn + t, r);
        }
    }

    /// <inheritdoc />
    public override void CopyColumn(int column, Span<double> destination)
    {
        for (int i = 0; i < Rows; i++)
        {
            destination[i] = _matrix[i, column];
        }
    }

    private double ColumnDot(int column, ReadOnlySpan<double> r)
    {
        double sum = 0;
        for (int i = 0; i < Rows; i++)
        {
            sum += _matrix[i, column] * r[i];
        }

        return sum;
    }
}
