using System.Globalization;

namespace SparseIhtVerify.Solver;

/// <summary>
/// A setting outside its accepted range. <see cref="Setting"/> is the library's name of the setting (e.g. <c>max-iter</c>,
/// <c>parallelism</c>), and the message states the accepted range and the value received, in one line, naming other
/// settings in words, never as command-line flags: the command line maps settings to its flags.
/// </summary>
public sealed class InvalidSettingException : ArgumentException
{
    /// <summary>
    /// Creates the exception for <paramref name="setting"/> with a one-line <paramref name="message"/>; <paramref name="remedy"/>
    /// names another setting that resolves it, when one does (the message says in words what it would do).
    /// </summary>
    public InvalidSettingException(string setting, string message, string? remedy = null)
        : base(message)
    {
        Setting = setting;
        Remedy = remedy;
    }

    /// <summary>The setting's name, e.g. <c>nonzeros</c>.</summary>
    public string Setting { get; }

    /// <summary>Another setting that resolves the problem (e.g. <c>force</c> for a results folder of another sweep), or null.</summary>
    public string? Remedy { get; }

    /// <summary>Requires <paramref name="value"/> ≥ <paramref name="lowest"/>.</summary>
    public static void RequireAtLeast(string setting, long value, long lowest)
    {
        if (value < lowest)
        {
            throw new InvalidSettingException(setting, $"must be at least {lowest}, got {value}");
        }
    }

    /// <summary>Requires <paramref name="lowest"/> ≤ <paramref name="value"/> ≤ <paramref name="highest"/>.</summary>
    public static void RequireInRange(string setting, long value, long lowest, long highest)
    {
        if (value < lowest || value > highest)
        {
            throw new InvalidSettingException(setting, $"must lie in [{lowest}, {highest}], got {value}");
        }
    }

    /// <summary>Requires a finite <paramref name="value"/> &gt; 0.</summary>
    public static void RequirePositive(string setting, double value)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new InvalidSettingException(setting, $"must be a finite number > 0, got {value.ToString("R", CultureInfo.InvariantCulture)}");
        }
    }
}
