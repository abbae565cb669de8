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
/// <param name="WorkDone">The fraction of this run's work done, rows weighted by their operator's size n·d·p, in [0, 1].</param>
public sealed record SweepProgress(int Done, int Total, int RanNow, int ToRun, TimeSpan Elapsed, SweepRow Last, int CellsDone, int Cells, double WorkDone)
{
    /// <summary>
    /// Remaining time at this run's pace per unit of work (rows weighted by n·d·p, so that small early cells do not promise an
    /// early end), or null before the first row.
    /// </summary>
    public TimeSpan? EstimatedRemaining => RanNow == 0 || !(WorkDone > 0) ? null : TimeSpan.FromSeconds(Elapsed.TotalSeconds * (1 - WorkDone) / WorkDone);
}
