namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>What one run of a sweep did.</summary>
/// <param name="AlreadyDone">Rows found done when the run started.</param>
/// <param name="Ran">Rows this run finished.</param>
/// <param name="Total">Rows of the complete sweep.</param>
/// <param name="Cancelled">The run was interrupted before every row was done.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
public sealed record SweepRunSummary(int AlreadyDone, int Ran, int Total, bool Cancelled, TimeSpan Elapsed)
{
    /// <summary>Every row of the grid is stored.</summary>
    public bool Complete => AlreadyDone + Ran == Total;
}
