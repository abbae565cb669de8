using System.CommandLine;
using System.Globalization;
using SparseIhtVerify.Solver;

namespace SparseIhtVerify.Cli;

/// <summary>
/// Parses and runs a command so that every usage error is one line on standard error with exit code 2:
/// parse errors, settings out of range (<see cref="InvalidSettingException"/>) and unusable paths (<see cref="CliFailure"/>).
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
            return CliFailure.ExitCode;
        }

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"sparse-iht: {Describe(parse.Errors[0])} (see --help)");
            return CliFailure.ExitCode;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (InvalidSettingException e)
        {
            Console.Error.WriteLine($"sparse-iht: {Flags.OneLine(e)}");
            return CliFailure.ExitCode;
        }
        catch (CliFailure e)
        {
            Console.Error.WriteLine($"sparse-iht: {e.Message}");
            return CliFailure.ExitCode;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("SPARSE_IHT_DEBUG") != "1")
        {
            // A bug, not a usage error: one line, and the way to see the details.
            Console.Error.WriteLine($"sparse-iht: internal error: {e.GetType().Name}: {e.Message} (rerun with SPARSE_IHT_DEBUG=1 for the stack trace, and please report it)");
            return 1;
        }
    }

    /// <summary>A parse error as "--option: expected …, got '…'" when it concerns an option's value.</summary>
    private static string Describe(System.CommandLine.Parsing.ParseError error)
    {
        var result = error.SymbolResult;
        System.CommandLine.Parsing.OptionResult? option = result as System.CommandLine.Parsing.OptionResult
            ?? (result as System.CommandLine.Parsing.ArgumentResult)?.Parent as System.CommandLine.Parsing.OptionResult;
        if (option is null)
        {
            return error.Message;
        }

        Type type = Nullable.GetUnderlyingType(option.Option.ValueType) ?? option.Option.ValueType;
        string expected = type == typeof(int) || type == typeof(long) ? "an integer"
            : type == typeof(double) ? "a number"
            : type == typeof(bool) ? "true or false"
            : "a value";
        string given = string.Join(' ', option.Tokens.Select(t => t.Value));
        return given.Length == 0
            ? $"{option.Option.Name}: expected {expected} after the option"
            : $"{option.Option.Name}: expected {expected}, got '{given}'";
    }
}
