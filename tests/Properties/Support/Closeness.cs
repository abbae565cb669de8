using System.Globalization;

namespace SparseIhtVerify.Properties.Support;

/// <summary>
/// Vector comparisons with a rounding-aware tolerance: ‖actual − expected‖ ≤ 1e−12·‖expected‖ + 1e−14·‖magnitude‖,
/// where <c>magnitude</c> is the componentwise sum of absolute terms of each entry (e.g. |A||z|). The second term is
/// the "tiny absolute" floor: it bounds the rounding error of sums of up to ~45 terms computed in two different
/// orders (γ_45 ≈ 5e−15 each), so cancellation cannot make a correct result fail. Longer sums pass their term
/// count, and the floor becomes 2·terms·u (u = 2⁻⁵³).
/// </summary>
public static class Closeness
{
    /// <summary>Relative tolerance against the expected result.</summary>
    public const double Relative = 1e-12;

    /// <summary>Tolerance against the magnitude of the terms (the rounding floor).</summary>
    public const double Floor = 1e-14;

    /// <summary>The comparison's outcome and a one-line description for labels.</summary>
    public readonly record struct Outcome(bool Ok, double Error, double Bound)
    {
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"error {Error:G6} vs bound {Bound:G6}");
    }

    /// <summary>Compares <paramref name="actual"/> with <paramref name="expected"/> (same length required).</summary>
    public static Outcome Compare(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, ReadOnlySpan<double> magnitude, int terms = 45)
    {
        if (actual.Length != expected.Length)
        {
            return new Outcome(false, double.PositiveInfinity, 0);
        }

        double error = 0, reference = 0, scale = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double diff = actual[i] - expected[i];
            error += diff * diff;
            reference += expected[i] * expected[i];
        }

        foreach (double m in magnitude)
        {
            scale += m * m;
        }

        error = Math.Sqrt(error);
        double floor = Math.Max(Floor, 2 * terms * Math.Pow(2, -53));
        double bound = Relative * Math.Sqrt(reference) + floor * Math.Sqrt(scale);
        return new Outcome(error <= bound, error, bound);
    }

    /// <summary>Scalar version of <see cref="Compare(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>.</summary>
    public static Outcome Compare(double actual, double expected, double magnitude) =>
        Compare([actual], [expected], [magnitude]);

    /// <summary>True when the two vectors hold the same bits (so ±0 and NaN payloads count).</summary>
    public static bool BitIdentical(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first index where the bits differ, or −1.</summary>
    public static int FirstBitDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i]))
            {
                return i;
            }
        }

        return a.Length == b.Length ? -1 : Math.Min(a.Length, b.Length);
    }

    /// <summary>|A| |z| on support S for a dense matrix operator (the magnitude of the terms of A_S z).</summary>
    public static double[] ForwardMagnitude(Solver.Operators.DenseMatrixOperator a, ReadOnlySpan<int> support, ReadOnlySpan<double> z)
    {
        var m = new double[a.Rows];
        for (int i = 0; i < a.Rows; i++)
        {
            for (int t = 0; t < support.Length; t++)
            {
                m[i] += Math.Abs(a[i, support[t]] * z[t]);
            }
        }

        return m;
    }

    /// <summary>|A_c|ᵀ |r| for columns c of a dense matrix operator (the magnitude of the terms of A_cᵀ r).</summary>
    public static double[] AdjointMagnitude(Solver.Operators.DenseMatrixOperator a, ReadOnlySpan<int> columns, ReadOnlySpan<double> r)
    {
        var m = new double[columns.Length];
        for (int t = 0; t < columns.Length; t++)
        {
            for (int i = 0; i < a.Rows; i++)
            {
                m[t] += Math.Abs(a[i, columns[t]] * r[i]);
            }
        }

        return m;
    }

    /// <summary>Round-trip formatting for labels.</summary>
    public static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
