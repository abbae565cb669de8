namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>Why a solve stopped.</summary>
public enum SolverStatus
{
    /// <summary>‖Aw − y‖/‖y‖ ≤ tolerance.</summary>
    Converged,

    /// <summary>Support unchanged and objective changed by less than the stall tolerance for the configured number of steps.</summary>
    Stalled,

    /// <summary>A NaN or infinity appeared; the result holds the last finite iterate.</summary>
    NonFinite,

    /// <summary>The iteration limit was reached.</summary>
    IterationLimit,

    /// <summary>The time limit was reached.</summary>
    TimeLimit,

    /// <summary>The caller's cancellation token fired (Ctrl-C): the result holds the iterate of the last completed iteration.</summary>
    Interrupted,
}

/// <summary>The one spelling of each <see cref="SolverStatus"/> (recover's text and JSON, the sweep's results).</summary>
public static class SolverStatuses
{
    /// <summary>Word → status.</summary>
    public static IReadOnlyDictionary<string, SolverStatus> Words { get; } = new Dictionary<string, SolverStatus>
    {
        ["converged"] = SolverStatus.Converged, ["stalled"] = SolverStatus.Stalled,
        ["non-finite"] = SolverStatus.NonFinite, ["iteration-limit"] = SolverStatus.IterationLimit, ["time-limit"] = SolverStatus.TimeLimit,
        ["interrupted"] = SolverStatus.Interrupted,
    };

    /// <summary>The word of <paramref name="status"/>, e.g. <c>iteration-limit</c>.</summary>
    public static string Word(SolverStatus status) => Words.First(pair => pair.Value == status).Key;
}
