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
}
