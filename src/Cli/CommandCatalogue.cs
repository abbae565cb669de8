using System.CommandLine;

namespace SparseIhtVerify.Cli;

/// <summary>The command catalogue: one row per subcommand of <c>sparse-iht</c>, each a folder of this project.</summary>
public static class CommandCatalogue
{
    /// <summary>Every subcommand, in the order <c>--help</c> lists them.</summary>
    public static IReadOnlyList<Func<Command>> All { get; } =
    [
        RecoverCommand.Create,
        FitCommand.Create,
        PredictCommand.Create,
        AuditCommand.Create,
        BenchCommand.Create,
        SweepCommand.Create,
    ];
}
