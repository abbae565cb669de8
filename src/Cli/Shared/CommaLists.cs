using System.Globalization;
using SparseIhtVerify.Solver;

namespace SparseIhtVerify.Cli;

/// <summary>Comma-separated option values ("1,2,5"), parsed once for every command (sweep axes, fit's candidate s, audit levels).</summary>
public static class CommaLists
{
    /// <summary>Parses "1,2,5" into integers ≥ 1, or names the option and the accepted form.</summary>
    public static int[] Integers(string option, string? text) =>
        Split(option, text).Select(part =>
            int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 1
                ? value
                : throw new InvalidSettingException(option, $"must be comma-separated integers ≥ 1 (e.g. 1,2,5,10), got '{part}'")).ToArray();

    /// <summary>The comma-separated entries of <paramref name="text"/>, trimmed; none may be empty and there must be one.</summary>
    public static string[] Split(string option, string? text)
    {
        string[] parts = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        if (parts.All(p => p.Length == 0))
        {
            throw new InvalidSettingException(option, "must list at least one value, comma-separated");
        }

        string? empty = parts.FirstOrDefault(p => p.Length == 0);
        return empty is null ? parts : throw new InvalidSettingException(option, $"has an empty entry in '{text}'; give comma-separated values without gaps");
    }
}
