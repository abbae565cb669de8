using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SparseIhtVerify.Cli;

/// <summary>Number formatting for people (invariant culture, significant digits) and JSON settings.</summary>
public static class Format
{
    /// <summary>camelCase, indented, IEEE specials written as "NaN"/"Infinity", Unicode kept readable.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Four significant digits, scientific below 1e−3 and from 1e6; ∞ and −∞ as symbols (κ = β/α with α = 0), NaN as "undefined".</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "undefined"
        : double.IsPositiveInfinity(value) ? "∞"
        : double.IsNegativeInfinity(value) ? "−∞"
        : value == 0 || (Math.Abs(value) >= 1e-3 && Math.Abs(value) < 1e6)
            ? value.ToString("G4", CultureInfo.InvariantCulture)
            : value.ToString("0.00e+0", CultureInfo.InvariantCulture);

    /// <summary>Decibels with one decimal, or "+∞ dB (exact fit)".</summary>
    public static string Decibels(double value) =>
        double.IsPositiveInfinity(value) ? "+∞ dB (exact fit)" : value.ToString("F1", CultureInfo.InvariantCulture) + " dB";
}
