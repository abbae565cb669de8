using System.Globalization;

namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>Numbers in the identifiability explanations (invariant culture, three significant digits).</summary>
internal static class IdentifiabilityText
{
    /// <summary>"0.406", "3.63e-17", "2.00e+9", "0".</summary>
    public static string Number(double value) =>
        value.ToString(value != 0 && (Math.Abs(value) < 1e-3 || Math.Abs(value) >= 1e6) ? "0.00e+0" : "G3", CultureInfo.InvariantCulture);

    /// <summary>A count held as a double (e.g. C(N, k)): the integer below 1e15, else three significant digits.</summary>
    public static string Count(double value) =>
        value < 1e15 ? Math.Round(value).ToString("F0", CultureInfo.InvariantCulture) : value.ToString("0.00e+0", CultureInfo.InvariantCulture);

    /// <summary>"[i, j, …]".</summary>
    public static string Columns(IEnumerable<int> columns) => "[" + string.Join(", ", columns) + "]";
}
