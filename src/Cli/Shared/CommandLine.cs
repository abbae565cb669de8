using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using SparseIhtVerify.Solver;

namespace SparseIhtVerify.Cli;

/// <summary>
/// Parses and runs a command so that every usage error is one line on standard error with exit code 2 (<see cref="ExitCodes"/>):
/// parse errors, numbers that are not plain invariant-culture numbers, settings out of range (<see cref="InvalidSettingException"/>)
/// and unusable paths (<see cref="CliFailure"/>); a failing environment (a full disk, memory) is one line with exit code 3,
/// a bug one line with exit code 4.
/// </summary>
public static class CommandLine
{
    public static int Run(RootCommand root, string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length == 0)
        {
            // No command: show what there is, as a usage error.
            root.Parse(["--help"]).Invoke();
            return ExitCodes.Usage;
        }

        ParseResult parse = root.Parse(args);
        string? error = parse.Errors.Count > 0 ? Describe(root, parse) : StrictNumberError(parse);
        if (error is not null)
        {
            Console.Error.WriteLine($"sparse-iht: {error} (see --help)");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (InvalidSettingException e)
        {
            Console.Error.WriteLine($"sparse-iht: {Flags.OneLine(e)}");
            return ExitCodes.Usage;
        }
        catch (CliFailure e)
        {
            Console.Error.WriteLine($"sparse-iht: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("SPARSE_IHT_DEBUG") != "1" && EnvironmentFailure(e) is string failure)
        {
            Console.Error.WriteLine($"sparse-iht: {failure}");
            return ExitCodes.Environment;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("SPARSE_IHT_DEBUG") != "1")
        {
            // A bug, not a usage error: one line, and the way to see the details.
            Console.Error.WriteLine($"sparse-iht: internal error: {e.GetType().Name}: {e.Message} (rerun with SPARSE_IHT_DEBUG=1 for the stack trace, and please report it)");
            return ExitCodes.Internal;
        }
    }

    /// <summary>The one line for an exception of the environment (a full disk, an I/O error, exhausted memory), or null for any other.</summary>
    public static string? EnvironmentFailure(Exception e) => e switch
    {
        IOException io when io.HResult == NoSpaceLeft || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase) =>
            $"no space left on device ({io.Message.TrimEnd('.')}); nothing was left under the final file name",
        IOException io => $"input/output error: {io.Message.TrimEnd('.')}",
        UnauthorizedAccessException access => $"permission denied: {access.Message.TrimEnd('.')}",
        OutOfMemoryException => "out of memory: the run needs more memory than this machine gave it; use smaller sizes",
        _ => null,
    };

    // ENOSPC: .NET on Unix reports the errno as the IOException's HResult.
    private const int NoSpaceLeft = 28;

    /// <summary>
    /// A number option's token that is not a plain invariant-culture number ("1,5": a thousands separator would read 15), or null.
    /// </summary>
    private static string? StrictNumberError(ParseResult parse)
    {
        for (SymbolResult? result = parse.CommandResult; result is CommandResult command; result = command.Parent)
        {
            foreach (OptionResult option in command.Children.OfType<OptionResult>())
            {
                Type type = Nullable.GetUnderlyingType(option.Option.ValueType) ?? option.Option.ValueType;
                if (type != typeof(double))
                {
                    continue;
                }

                foreach (Token token in option.Tokens)
                {
                    if (!double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    {
                        return $"{option.Option.Name}: expected a number such as 0.5 or 1e-3 (a decimal point, no thousands separators), got '{token.Value}'";
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The first parse error as one line: an unknown command with the nearest command's name, or "--option: expected …, got '…'".</summary>
    private static string Describe(RootCommand root, ParseResult parse)
    {
        if (parse.UnmatchedTokens.Count > 0 && parse.CommandResult.Command == root)
        {
            string word = parse.UnmatchedTokens[0];
            string[] names = [.. root.Subcommands.Select(c => c.Name)];
            string? nearest = names.OrderBy(name => Distance(name, word)).FirstOrDefault(name => Distance(name, word) <= 2);
            return $"unknown command '{word}'{(nearest is null ? string.Empty : $"; did you mean '{nearest}'?")} (commands: {string.Join(", ", names)})";
        }

        ParseError error = parse.Errors[0];
        var result = error.SymbolResult;
        OptionResult? option = result as OptionResult ?? (result as ArgumentResult)?.Parent as OptionResult;
        if (option is null)
        {
            return error.Message;
        }

        Type type = Nullable.GetUnderlyingType(option.Option.ValueType) ?? option.Option.ValueType;
        string expected = type == typeof(int) ? $"an integer in [{int.MinValue}, {int.MaxValue}]"
            : type == typeof(long) ? $"an integer in [{long.MinValue}, {long.MaxValue}]"
            : type == typeof(double) ? "a number"
            : type == typeof(bool) ? "true or false"
            : "a value";
        if (option.IdentifierToken is null)
        {
            return $"{option.Option.Name}: is required ({option.Option.Description})";
        }

        string given = string.Join(' ', option.Tokens.Select(t => t.Value));
        return given.Length == 0
            ? $"{option.Option.Name}: expected {expected} after the option"
            : $"{option.Option.Name}: expected {expected}, got '{given}'";
    }

    // Levenshtein distance, for the nearest command name.
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
