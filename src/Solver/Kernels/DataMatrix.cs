using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// The data matrix X ∈ ℝ^{n×d}, rows are samples, stored row-major (sample i occupies
/// <c>values[i·d .. i·d+d)</c>). Immutable once built.
/// </summary>
public sealed class DataMatrix
{
    private readonly double[] _values;

    /// <summary>Wraps row-major <paramref name="values"/> of an <paramref name="rows"/>×<paramref name="columns"/> matrix (copied).</summary>
    public DataMatrix(int rows, int columns, ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (values.Length != (long)rows * columns)
        {
            throw new ArgumentException($"expected {rows}×{columns} = {(long)rows * columns} values, got {values.Length}", nameof(values));
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"X[{i / columns}, {i % columns}] is {values[i]}: data must be finite", nameof(values));
            }
        }

        Rows = rows;
        Columns = columns;
        _values = values.ToArray();
    }

    private DataMatrix(int rows, int columns, double[] ownedValues)
    {
        Rows = rows;
        Columns = columns;
        _values = ownedValues;
    }

    /// <summary>Number of samples n.</summary>
    public int Rows { get; }

    /// <summary>Input dimension d.</summary>
    public int Columns { get; }

    /// <summary>All entries, row-major.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Sample i, a row of length d.</summary>
    public ReadOnlySpan<double> Row(int i) => new(_values, i * Columns, Columns);

    /// <summary>The entry X[i, j].</summary>
    public double this[int i, int j] => _values[i * Columns + j];

    /// <summary>An n×d matrix with i.i.d. N(0, 1) entries drawn row by row from <paramref name="random"/>.</summary>
    public static DataMatrix Gaussian(int rows, int columns, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        var values = new double[checked(rows * columns)];
        random.FillGaussian(values);
        return new DataMatrix(rows, columns, values);
    }
}
