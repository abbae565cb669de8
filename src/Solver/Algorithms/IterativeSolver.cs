using System.Diagnostics;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Solvers;

namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>
/// Runs one member of the hard-thresholding family on min ½‖Aw − y‖² s.t. ‖w‖₀ ≤ k, from w = 0 or a given start.
/// Each iteration streams the gradient once (memory O(n + k), never O(N)), takes the algorithm's step, and in
/// sequential-convex mode then sets h_j := w_j for the blocks that changed (a block left empty gets the generator of
/// <see cref="SolverOptions.EmptyGenerator"/>). Stops on the first of: relative
/// residual ≤ tolerance, a stalled support and objective, a non-finite value, the iteration limit, or the caller's cancellation
/// (status Interrupted, checked before each iteration: the result then holds the last completed iterate). In SCP mode a run
/// that stalls for <see cref="SolverOptions.ScpRestartWindow"/> steps with iterations left is followed by a run from
/// w = 0 with one more warm-up step, within the same iteration limit; the result is the run with the lowest residual.
/// </summary>
public static class IterativeSolver
{
    /// <summary>Solves for labels <paramref name="labels"/>; <paramref name="onIteration"/> sees every trace row.</summary>
    public static SolverResult Solve(SensingOperator sensing, ReadOnlySpan<double> labels, SolverOptions options, Action<TraceRow>? onIteration = null, CancellationToken cancellation = default) =>
        Solve(sensing, labels, options, onIteration is null ? null : (row, _) => onIteration(row), cancellation);

    /// <summary>Solves, showing <paramref name="observe"/> every trace row with the iterate it describes.</summary>
    public static SolverResult Solve(SensingOperator sensing, ReadOnlySpan<double> labels, SolverOptions options, Action<TraceRow, SparseVector>? observe, CancellationToken cancellation = default) =>
        Solve(sensing, labels, options, observe, probe: null, start: null, cancellation);

    /// <summary>
    /// Solves from the warm start <paramref name="start"/> (length N, finite, at most k entries) instead of w = 0: every run,
    /// SCP restarts included, begins at it with residual A·start − y.
    /// </summary>
    public static SolverResult Solve(SensingOperator sensing, ReadOnlySpan<double> labels, SolverOptions options, SparseVector start, Action<TraceRow>? onIteration = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        return Solve(sensing, labels, options, onIteration is null ? null : (row, _) => onIteration(row), probe: null, start, cancellation);
    }

    /// <summary>
    /// Solves as above and also shows <paramref name="probe"/> the steps' inner events (NIHT's ω tests, AIHT's
    /// thresholded point and Armijo trials), each iteration's before its trace row. The result is the same with and
    /// without a probe.
    /// </summary>
    internal static SolverResult Solve(SensingOperator sensing, ReadOnlySpan<double> labels, SolverOptions options, Action<TraceRow, SparseVector>? observe, Action<StepEvent>? probe, SparseVector? start = null, CancellationToken cancellation = default)
    {
        options.Validate();
        if (labels.Length != sensing.Rows)
        {
            throw new ArgumentException($"labels have length {labels.Length} but the operator has {sensing.Rows} rows");
        }

        if (!VectorKernels.AllFinite(labels))
        {
            throw new ArgumentException("labels must be finite");
        }

        if (options.Projection > sensing.Columns)
        {
            throw new InvalidSettingException("projection", $"must lie in [1, {sensing.Columns}] (the number of unknowns), got {options.Projection}");
        }

        if (start is not null)
        {
            if (start.Length != sensing.Columns || !start.IsFinite())
            {
                throw new ArgumentException($"a warm start must be finite and of length N = {sensing.Columns}, got length {start.Length}", nameof(start));
            }

            if (start.Count > options.Projection)
            {
                throw new InvalidSettingException("projection", $"must be at least the warm start's {start.Count} entries, got {options.Projection}");
            }
        }

        IRegating? network = null;
        if (options.Mode == SolverMode.SequentialConvex)
        {
            network = sensing as IRegating
                ?? throw new InvalidSettingException("mode", "scp needs an operator whose gates can be reset from the weights (the network operator)");
        }

        double labelNorm = VectorKernels.Norm(labels);
        var trace = new List<TraceRow>();
        if (labelNorm == 0)
        {
            return new SolverResult(SolverStatus.Converged, 0, SparseVector.Zero(sensing.Columns), 0, trace, 0, 0, 0, sensing);
        }

        var solve = new SolveContext(labels.ToArray(), labelNorm, trace, Stopwatch.StartNew(), observe, probe, start, cancellation);
        RunOutcome kept = Run(sensing, network, options, solve, run: 0);
        RunOutcome last = kept;
        for (int run = 1; last.Restart && trace.Count < options.MaxIterations && !cancellation.IsCancellationRequested; run++)
        {
            // SCP restart r (options.ScpRestartWindow): from w = 0 and the dictionary's patterns with warm-up W + r, in the
            // iterations left. The lowest relative residual is kept (the earliest among equals).
            var restarted = options with { ScpWarmupSteps = options.ScpWarmupSteps + run, MaxIterations = options.MaxIterations - trace.Count };
            last = Run(sensing, network, restarted, solve, run);
            if (last.Status is SolverStatus.NonFinite or SolverStatus.Interrupted || last.RelativeResidual < kept.RelativeResidual)
            {
                kept = last;
            }
        }

        int taken = trace.Count;
        long allocated = taken > 1 ? GC.GetTotalAllocatedBytes(precise: true) - solve.AllocatedAfterFirst : 0;
        int maxNonzeros = trace.Count == 0 ? 0 : trace.Max(row => row.Nonzeros);
        return new SolverResult(kept.Status, taken, kept.Weights, kept.RelativeResidual, trace, solve.Clock.Elapsed.TotalSeconds, maxNonzeros, allocated, kept.Operator, kept.Run);
    }

    /// <summary>
    /// One run from w = 0 (or the solve's warm start), appending its rows to the solve's trace; at most <see cref="SolverOptions.MaxIterations"/>
    /// steps. In SCP mode (<paramref name="network"/> given) it starts from the dictionary's patterns on its own copy of
    /// them, which it updates.
    /// </summary>
    private static RunOutcome Run(SensingOperator sensing, IRegating? network, SolverOptions options, SolveContext solve, int run)
    {
        SensingOperator? own = network?.WithOwnPatterns();
        GeneratorUpdate? sequential = own is IRegating regating ? new GeneratorUpdate(regating, options.EmptyGenerator, options.Seed) : null;
        var state = new SolverState(own ?? sensing, solve.Labels, options) { Probe = solve.Probe };
        if (solve.Start is SparseVector start)
        {
            state.Weights = start;
            state.Residual = state.ResidualOf(start);
        }

        IIterationStep step = options.Solver.CreateStep();
        if (options.Solver.UsesFixedStep)
        {
            state.FixedStep = options.Step ?? DefaultStep(state);
        }

        SolverStatus status = SolverStatus.IterationLimit;
        bool restart = false;
        int stalled = 0, first = solve.Trace.Count;
        double objective = VectorKernels.SumOfSquares(state.Residual);
        double relativeResidual = solve.Start is null ? 1.0 : Math.Sqrt(objective) / solve.LabelNorm; // of the start: the value when no iteration completes
        for (int iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            if (solve.Cancellation.IsCancellationRequested)
            {
                status = SolverStatus.Interrupted;
                break;
            }

            state.Gradient.Compute(state.Weights, state.Residual);
            if (state.Gradient.SawNonFinite)
            {
                status = SolverStatus.NonFinite;
                break;
            }

            StepOutcome outcome = step.Take(state);
            if (!double.IsFinite(outcome.Step) || state.Gradient.StepOverflowed || !outcome.Next.IsFinite() || !VectorKernels.AllFinite(outcome.Residual))
            {
                status = SolverStatus.NonFinite;
                break;
            }

            int entered = outcome.Next.CountIndicesNotIn(state.Weights);
            double previousObjective = objective;
            state.Weights = outcome.Next;
            state.Residual = outcome.Residual;
            if (sequential is not null && iteration > options.ScpWarmupSteps)
            {
                // h_j := w_j (an empty block: options.EmptyGenerator). The first update visits every block.
                sequential.Apply(state.Weights, iteration, options.Parallelism);
                state.Residual = state.ResidualOf(state.Weights);
            }

            objective = VectorKernels.SumOfSquares(state.Residual);
            relativeResidual = Math.Sqrt(objective) / solve.LabelNorm;
            var row = new TraceRow(first + iteration, relativeResidual, outcome.Step, entered, state.Weights.Count, run);
            solve.Trace.Add(row);
            solve.Observe?.Invoke(row, state.Weights);
            if (solve.Trace.Count == 1)
            {
                solve.AllocatedAfterFirst = GC.GetTotalAllocatedBytes(precise: true);
            }

            if (relativeResidual <= options.Tolerance)
            {
                status = SolverStatus.Converged;
                break;
            }

            if (options.TimeLimitSeconds is double limit && solve.Clock.Elapsed.TotalSeconds >= limit)
            {
                status = SolverStatus.TimeLimit;
                break;
            }

            bool still = entered == 0 && Math.Abs(previousObjective - objective) <= options.StallTolerance * Math.Max(previousObjective, double.Epsilon);
            stalled = still ? stalled + 1 : 0;
            restart = sequential is not null && options.ScpRestartWindow > 0 && stalled >= options.ScpRestartWindow;
            if (restart || stalled >= options.StallIterations)
            {
                status = SolverStatus.Stalled;
                break;
            }
        }

        return new RunOutcome(run, status, restart, state.Weights, relativeResidual, state.Operator);
    }

    /// <summary>
    /// μ = 1/λ_max(A_T₀ᵀ A_T₀) with T₀ = supp H_k(Aᵀy), the unit step on the first support IHT will visit; NaN when
    /// the gradient or the power iteration met a non-finite value (the first step then stops the solve as NonFinite).
    /// </summary>
    private static double DefaultStep(SolverState state)
    {
        state.Gradient.Compute(state.Weights, state.Residual);
        if (state.Gradient.SawNonFinite)
        {
            return double.NaN;
        }

        double largest = RestrictedSpectrum.LargestEigenvalue(state.Operator, state.Gradient.OffSupportTop.Indices);
        if (!double.IsFinite(largest))
        {
            return double.NaN;
        }

        return largest > 0 ? 1.0 / largest : 1.0 / state.Operator.Rows;
    }

    /// <summary>What the runs of one solve share: the labels, the trace they append to, the clock and the callbacks.</summary>
    private sealed class SolveContext(double[] labels, double labelNorm, List<TraceRow> trace, Stopwatch clock, Action<TraceRow, SparseVector>? observe, Action<StepEvent>? probe, SparseVector? start, CancellationToken cancellation)
    {
        public double[] Labels { get; } = labels;

        public double LabelNorm { get; } = labelNorm;

        public List<TraceRow> Trace { get; } = trace;

        public Stopwatch Clock { get; } = clock;

        public Action<TraceRow, SparseVector>? Observe { get; } = observe;

        public Action<StepEvent>? Probe { get; } = probe;

        public SparseVector? Start { get; } = start;

        public CancellationToken Cancellation { get; } = cancellation;

        /// <summary>GC.GetTotalAllocatedBytes at the end of the solve's first iteration.</summary>
        public long AllocatedAfterFirst { get; set; }
    }

    /// <summary>How one run ended: its status, whether it asks for an SCP restart, its last iterate and ‖Aw − y‖/‖y‖.</summary>
    private sealed record RunOutcome(int Run, SolverStatus Status, bool Restart, SparseVector Weights, double RelativeResidual, SensingOperator Operator);
}
