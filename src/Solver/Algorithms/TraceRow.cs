namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>One iteration of a solve.</summary>
/// <param name="Iteration">1-based iteration number, counted over the whole solve (every run).</param>
/// <param name="RelativeResidual">‖Aw − y‖/‖y‖ after the iteration (in SCP mode, with the updated patterns).</param>
/// <param name="Step">The step μ used (on the unnormalised A; after any shrinking or backtracking).</param>
/// <param name="SupportChanges">Indices that entered the support in this iteration.</param>
/// <param name="Nonzeros">Entries held by the iterate after the iteration (≤ k).</param>
/// <param name="Run">0 for the first run; r for the r-th SCP restart (<see cref="SolverOptions.ScpRestartWindow"/>).</param>
public readonly record struct TraceRow(int Iteration, double RelativeResidual, double Step, int SupportChanges, int Nonzeros, int Run = 0);
