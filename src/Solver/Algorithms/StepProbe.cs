namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>
/// An inner event of an iteration step, shown to the probe of
/// <see cref="IterativeSolver.Solve(Operators.SensingOperator, ReadOnlySpan{double}, SolverOptions, Action{TraceRow, SparseVector}?, Action{StepEvent}?, SparseVector?, CancellationToken)"/>
/// (for tests of per-step invariants). Events are built only when a probe is given; they change nothing in the solve.
/// The events of iteration t arrive before that iteration's trace row.
/// </summary>
internal abstract record StepEvent;
