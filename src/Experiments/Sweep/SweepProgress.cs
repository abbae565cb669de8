namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>Where a running sweep stands, reported after every finished row.</summary>
/// <param name="Done">Rows stored, including those done before this run.</param>
/// <param name="Total">Rows of the complete sweep.</param>
/// <param name="RanNow">Rows this run has finished.</param>
/// <param name="ToRun">Rows this run set out to do.</param>
/// <param name="Elapsed">Time since this run started.</param>
/// <param name="Last">The row just finished.</param>
/// <param name="CellsDone">Grid cells with every row (all seeds and methods) stored.</param>
/// <param name="Cells">Feasible grid cells.</param>
public sealed record SweepProgress(int Done, int Total, int RanNow, int ToRun, TimeSpan Elapsed, SweepRow Last, int CellsDone, int Cells)
{
    /// <summary>Remaining time at this run's average pace, or null before the first row.</summary>
    public TimeSpan? EstimatedRemaining => RanNow == 0 ? null : TimeSpan.FromSeconds(Elapsed.TotalSeconds / RanNow * (ToRun - RanNow));
}
