using System.CommandLine;
using System.CommandLine.Parsing;

namespace SparseIhtVerify.Cli;

/// <summary>Options typed where they do not apply are refused, never silently ignored.</summary>
public static class Applicability
{
    /// <summary>Whether the user typed <paramref name="option"/> (rather than leaving its default).</summary>
    public static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is OptionResult { Implicit: false };

    /// <summary>Fails with one line naming the first of <paramref name="options"/> that was typed, and <paramref name="why"/>, unless it <paramref name="applies"/>.</summary>
    public static void Refuse(ParseResult parse, bool applies, string why, params Option[] options)
    {
        if (!applies && options.FirstOrDefault(option => Given(parse, option)) is { } typed)
        {
            throw new CliFailure($"{typed.Name}: {why}");
        }
    }
}
