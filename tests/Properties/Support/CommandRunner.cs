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
}
