using SparseIhtVerify.Solver;

namespace SparseIhtVerify.Cli;

/// <summary>
/// The command line's flags for the library's settings. Most settings are spelled as their flags; the table holds the
/// exceptions, so that an <see cref="InvalidSettingException"/> from the library is shown under the flag the user typed.
/// </summary>
public static class Flags
{
    private static readonly IReadOnlyDictionary<string, string> Renamed = new Dictionary<string, string>
    {
        ["parallelism"] = "threads",
    };

    /// <summary>The flag of <paramref name="setting"/>, with its dashes.</summary>
    public static string For(string setting) => "--" + (Renamed.TryGetValue(setting, out string? flag) ? flag : setting);

    /// <summary>The one line shown to users: <c>--flag: message</c>, and <c>(--remedy)</c> when a setting resolves it.</summary>
    public static string OneLine(InvalidSettingException e) => e.Remedy is string remedy ? $"{For(e.Setting)}: {e.Message} ({For(remedy)})" : $"{For(e.Setting)}: {e.Message}";
}
