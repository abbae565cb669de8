namespace SparseIhtVerify.Cli;

/// <summary>A usage error: printed as one line on standard error, exit code <see cref="ExitCodes.Usage"/>.</summary>
public sealed class CliFailure(string message) : Exception(message);
