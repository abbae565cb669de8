using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>The outcome of a solve.</summary>
/// <param name="Status">Why it stopped.</param>
/// <param name="Iterations">Iterations taken.</param>
/// <param name="Weights">The final iterate ŵ (at most k nonzeros).</param>
/// <param name="RelativeResidual">‖Aŵ − y‖/‖y‖ with <paramref name="FinalOperator"/>.</param>
/// <param name="Trace">One row per iteration.</param>
/// <param name="Seconds">Wall-clock seconds of the iterations (setup excluded).</param>
/// <param name="MaxIterateNonzeros">The largest number of entries the iterate ever held.</param>
/// <param name="BytesAllocatedAfterFirstIteration">Managed bytes allocated from the end of iteration 1 to the end (all threads); 0 when at most one iteration completed.</param>
/// <param name="FinalOperator">The operator of the final model (in SCP mode, with the final patterns).</param>
public sealed record SolverResult(
    SolverStatus Status,
    int Iterations,
    SparseVector Weights,
    double RelativeResidual,
    IReadOnlyList<TraceRow> Trace,
    double Seconds,
    int MaxIterateNonzeros,
    long BytesAllocatedAfterFirstIteration,
    SensingOperator FinalOperator)
{
    /// <summary>Seconds per iteration (0 when no iteration ran).</summary>
    public double SecondsPerIteration => Iterations == 0 ? 0 : Seconds / Iterations;
}
