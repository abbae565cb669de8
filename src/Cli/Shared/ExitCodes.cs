namespace SparseIhtVerify.Cli;

/// <summary>The exit codes of <c>sparse-iht</c>, distinct and documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The audit found a guarantee violation (a prescribed run broke a certified rate).</summary>
    public const int Violation = 1;

    /// <summary>Bad input: an option, a value or a file the command cannot use (one line names it).</summary>
    public const int Usage = 2;

    /// <summary>The environment failed the run: no space left on a device, a file system error, memory exhausted.</summary>
    public const int Environment = 3;

    /// <summary>A bug: an exception the program did not expect (please report it).</summary>
    public const int Internal = 4;

    /// <summary>Interrupted by Ctrl-C (128 + SIGINT), after saving what was done.</summary>
    public const int Interrupted = 130;
}
