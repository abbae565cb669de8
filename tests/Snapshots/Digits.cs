using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SparseIhtVerify.Snapshots;

/// <summary>
/// How numbers are written into snapshots: six significant digits in invariant culture ("G6"), values whose
/// magnitude is below <see cref="NoiseFloor"/> as "0" (rounding noise, e.g. a residual of 3e−16, must not make a
/// snapshot depend on the last bits), negative zero as "0", and non-finite values as words.
/// </summary>
public static partial class Digits
{
    /// <summary>Magnitudes below this are written as "0".</summary>
    public const double NoiseFloor = 1e-10;

    /// <summary>The snapshot text of <paramref name="value"/>.</summary>
    public static string Of(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "Infinity"
        : double.IsNegativeInfinity(value) ? "-Infinity"
        : Math.Abs(value) < NoiseFloor ? "0"
        : value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>The snapshot text of an optional value ("none" when absent).</summary>
    public static string Of(double? value) => value is double v ? Of(v) : "none";

    /// <summary>
    /// Free text from the library (explanations, findings) with every number below the noise floor written as "0", e.g.
    /// "relative residual 9.01E-16" becomes "relative residual 0", so that sentences obey the same rule as the numbers.
    /// </summary>
    public static string Text(string text) => Number().Replace(text, m =>
        double.TryParse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v != 0 && Math.Abs(v) < NoiseFloor ? "0" : m.Value);

    /// <summary>Every bit of <paramref name="value"/> (round-trip format): for comparing thread counts, never snapshotted.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Every bit of a sequence of values, comma-separated.</summary>
    public static string Exact(IEnumerable<double> values) => string.Join(",", values.Select(Exact));

    /// <summary>PascalCase enum names as kebab-case words: HoldsCertified → holds-certified.</summary>
    public static string Word<T>(T value)
        where T : struct, Enum
    {
        string name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    [GeneratedRegex(@"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")]
    private static partial Regex Number();
}
