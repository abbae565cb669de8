using System.Diagnostics;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>
/// Runs one member of the hard-thresholding family on min ½‖Aw − y‖² s.t. ‖w‖₀ ≤ k, from w = 0.
/// Each iteration streams the gradient once (memory O(n + k), never O(N)), takes the algorithm's step, and in
/// sequential-convex mode then sets h_j := w_j for the blocks that changed (a block left empty gets the generator of
/// <see cref="SolverOptions.EmptyGenerator"/>). Stops on the first of: relative
/// residual ≤ tolerance, a stalled support and objective, a non-finite value, or the iteration limit.
/// </summary>
public static class IterativeSolver
{
    /// <summary>Solves for labels <paramref name="labels"/>; <paramref name="onIteration"/> sees every trace row.</summary>
    public static SolverResult Solve(SensingOperator sensing, ReadOnlySpan<double> labels, SolverOptions options, Action<TraceRow>? onIteration = null, CancellationToken cancellation = default) =>
        Solve(sensing, labels, options, onIteration is null ? null : (row, _) => onIteration(row), cancellation);

    /// <summary>Solves, showing <paramref name="observe"/> every trace row with the iterate it describes.</summary>
    public static SolverResult Solve(SensingOperator sensing, ReadOnlySpan<double> labels, SolverOptions options, Action<TraceRow, SparseVector>? observe, CancellationToken cancellation = default) =>
        Solve(sensing, labels, options, observe, probe: null, cancellation);

    /// <summary>
    /// Solves as above and also shows <paramref name="probe"/> the steps' inner events (NIHT's ω tests, AIHT's
    /// thresholded point and Armijo trials), each iteration's before its trace row. The result is the same with and
    /// without a probe.
    /// </summary>
    internal static SolverResult Solve(SensingOperator sensing, ReadOnlySpan<double> labels, SolverOptions options, Action<TraceRow, SparseVector>? observe, Action<StepEvent>? probe, CancellationToken cancellation = default)
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

        GeneratorUpdate? sequential = null;
        if (options.Mode == SolverMode.SequentialConvex)
        {
            ActivationPatternOperator own = (sensing as ActivationPatternOperator
                ?? throw new InvalidSettingException("mode", "scp needs the activation-pattern (network) operator")).WithOwnPatterns();
            sequential = new GeneratorUpdate(own, options.EmptyGenerator, options.Seed);
            sensing = own;
        }

        var state = new SolverState(sensing, labels.ToArray(), options) { Probe = probe };
        IIterationStep step = options.Solver switch
        {
            SolverKind.Iht => new IhtStep(),
            SolverKind.Niht => new NihtStep(),
            SolverKind.Aiht => new AihtStep(),
            SolverKind.Htp => new HtpStep(),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Solver, "unknown solver"),
        };

        double labelNorm = VectorKernels.Norm(labels);
        var trace = new List<TraceRow>();
        var clock = Stopwatch.StartNew();
        if (labelNorm == 0)
        {
            return new SolverResult(SolverStatus.Converged, 0, state.Weights, 0, trace, 0, 0, 0, sensing);
        }

        if (options.Solver is SolverKind.Iht or SolverKind.Htp)
        {
            state.FixedStep = options.Step ?? DefaultStep(state);
        }

        SolverStatus status = SolverStatus.IterationLimit;
        int maxNonzeros = 0, stalled = 0, iteration = 0;
        long allocatedAfterFirst = 0;
        double relativeResidual = 1.0; // ‖A·0 − y‖/‖y‖, the value when no iteration completes
        for (iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            state.Gradient.Compute(state.Weights, state.Residual);
            if (state.Gradient.SawNonFinite)
            {
                status = SolverStatus.NonFinite;
                break;
            }

            StepOutcome outcome = step.Take(state);
            if (!double.IsFinite(outcome.Step) || !outcome.Next.IsFinite() || !VectorKernels.AllFinite(outcome.Residual))
            {
                status = SolverStatus.NonFinite;
                break;
            }

            int entered = outcome.Next.CountIndicesNotIn(state.Weights);
            double previousObjective = VectorKernels.SumOfSquares(state.Residual);
            state.Weights = outcome.Next;
            state.Residual = outcome.Residual;
            if (sequential is not null && iteration > options.ScpWarmupSteps)
            {
                // h_j := w_j (an empty block: options.EmptyGenerator). The first update visits every block.
                sequential.Apply(state.Weights, iteration, options.Parallelism);
                state.Residual = state.ResidualOf(state.Weights);
            }

            double objective = VectorKernels.SumOfSquares(state.Residual);
            relativeResidual = Math.Sqrt(objective) / labelNorm;
            maxNonzeros = Math.Max(maxNonzeros, state.Weights.Count);
            var row = new TraceRow(iteration, relativeResidual, outcome.Step, entered, state.Weights.Count);
            trace.Add(row);
            observe?.Invoke(row, state.Weights);
            if (iteration == 1)
            {
                allocatedAfterFirst = GC.GetTotalAllocatedBytes(precise: true);
            }

            if (relativeResidual <= options.Tolerance)
            {
                status = SolverStatus.Converged;
                break;
            }

            if (options.TimeLimitSeconds is double limit && clock.Elapsed.TotalSeconds >= limit)
            {
                status = SolverStatus.TimeLimit;
                break;
            }

            bool still = entered == 0 && Math.Abs(previousObjective - objective) <= options.StallTolerance * Math.Max(previousObjective, double.Epsilon);
            stalled = still ? stalled + 1 : 0;
            if (stalled >= options.StallIterations)
            {
                status = SolverStatus.Stalled;
                break;
            }
        }

        int taken = trace.Count;
        long allocated = taken > 1 ? GC.GetTotalAllocatedBytes(precise: true) - allocatedAfterFirst : 0;
        return new SolverResult(status, taken, state.Weights, relativeResidual, trace, clock.Elapsed.TotalSeconds, maxNonzeros, allocated, state.Operator);
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
}
