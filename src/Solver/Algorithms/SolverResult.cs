using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>The outcome of a solve.</summary>
/// <param name="Status">Why the kept run stopped (<see cref="SolverStatus.Stalled"/> also after a stall of <see cref="SolverOptions.ScpRestartWindow"/> steps, restarted or not).</param>
/// <param name="Iterations">Iterations taken, over every run.</param>
/// <param name="Weights">The final iterate ŵ of the kept run (at most k nonzeros).</param>
/// <param name="RelativeResidual">‖Aŵ − y‖/‖y‖ with <paramref name="FinalOperator"/>.</param>
/// <param name="Trace">One row per iteration, of every run.</param>
/// <param name="Seconds">Wall-clock seconds of the iterations (setup excluded).</param>
/// <param name="MaxIterateNonzeros">The largest number of entries the iterate ever held.</param>
/// <param name="BytesAllocatedAfterFirstIteration">Managed bytes allocated from the end of iteration 1 to the end (all threads); 0 when at most one iteration completed.</param>
/// <param name="FinalOperator">The operator of the final model (in SCP mode, with the kept run's final patterns).</param>
/// <param name="KeptRun">
/// The run the result comes from: 0 unless SCP restarts ran (<see cref="SolverOptions.ScpRestartWindow"/>); then the run
/// with the lowest relative residual ‖Aŵ − y‖/‖y‖ (its last row), the earliest among equals, or the run that met a non-finite value.
/// </param>
public sealed record SolverResult(
    SolverStatus Status,
    int Iterations,
    SparseVector Weights,
    double RelativeResidual,
    IReadOnlyList<TraceRow> Trace,
    double Seconds,
    int MaxIterateNonzeros,
    long BytesAllocatedAfterFirstIteration,
    SensingOperator FinalOperator,
    int KeptRun = 0)
{
    /// <summary>Seconds per iteration (0 when no iteration ran).</summary>
    public double SecondsPerIteration => Iterations == 0 ? 0 : Seconds / Iterations;
}
