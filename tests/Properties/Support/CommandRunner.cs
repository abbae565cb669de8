using System.CommandLine;

namespace SparseIhtVerify.Properties.Support;

/// <summary>
/// Runs a <c>sparse-iht</c> subcommand in-process and captures its exit code, standard output and standard error.
/// Console streams are process-wide, so tests that use this belong to the "Serial" collection.
/// </summary>
public static class CommandRunner
{
    public static (int Code, string Out, string Error) Run(Command command, params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(command);
        TextWriter stdout = Console.Out, stderr = Console.Error;
        var output = new StringWriter();
        var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int code = Cli.CommandLine.Run(root, [command.Name, .. args]);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    /// <summary>Asserts a usage error: exit code 2, nothing on standard output, one line on standard error that names <paramref name="named"/>, no stack trace.</summary>
    public static void AssertOneLineUsageError(int code, string output, string error, string named)
    {
        Xunit.Assert.Equal(2, code);
        Xunit.Assert.Equal(string.Empty, output);
        string[] lines = error.TrimEnd('\n').Split('\n');
        Xunit.Assert.True(lines.Length == 1, error);
        Xunit.Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Xunit.Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
