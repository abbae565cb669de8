using SparseIhtVerify.Solver.Solvers;

namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>Settings of a solve. Defaults follow theory.md §2 and the reference code where it is specific.</summary>
/// <param name="Solver">Which algorithm, a row of <see cref="SolverCatalogue"/> (default NIHT).</param>
/// <param name="Projection">
/// Projection size k ≥ 1 (k may exceed the true sparsity s). 0, the default, means the sparsity s of the request that carries
/// these options (a recovery, a fit, a sweep cell), as on the command line; a bare <see cref="IterativeSolver"/> solve needs k given.
/// </param>
/// <param name="Step">
/// Fixed step μ for IHT and HTP's support selection (on the unnormalised A). When null, μ = 1/λ_max(A_T₀ᵀA_T₀)
/// for T₀ = supp H_k(Aᵀy), by power iteration. NIHT and AIHT choose their own steps and reject a given one.
/// </param>
/// <param name="MaxIterations">Iteration limit ≥ 1 (1000, the command line's default, which reads it from here).</param>
/// <param name="Tolerance">Stop when ‖Aw − y‖/‖y‖ ≤ tolerance (&gt; 0).</param>
/// <param name="Mode">Convex or sequential-convex.</param>
/// <param name="ScpWarmupSteps">
/// SCP mode: steps taken with the dictionary's patterns before h := w starts. 0 (default) sets h := w after the first step,
/// the reference code's schedule: its first step (μ = 1e−14 at w = 0) only picks a support, its second is the first real
/// step, and h := w follows it (docs/dead-units.md).
/// </param>
/// <param name="ScpRestartWindow">
/// SCP mode: when the support and objective have been unchanged for this many consecutive steps (the stall test) and
/// iterations are left, the solve starts again from w = 0 and the dictionary's patterns with one more warm-up step, in
/// the iterations left; the run with the lowest relative residual is the result (<see cref="SolverResult.KeptRun"/>). 0 turns
/// restarts off; a window above <paramref name="StallIterations"/> never restarts (the stall ends the solve first). A stall of
/// warm-up 0 at s ≪ m is an IHT fixed point that one more dictionary step avoids (docs/dead-units.md).
/// </param>
/// <param name="EmptyGenerator">SCP mode: the generator of a block whose weights are all zero (see <see cref="Algorithms.EmptyGenerator"/>).</param>
/// <param name="Seed">Seed of the solver's own random choices: the generators re-drawn by <see cref="EmptyGenerator.Redraw"/> and <see cref="EmptyGenerator.RedrawOne"/> (recover and sweep pass the instance seed).</param>
/// <param name="InnerSteps">AIHT: Armijo gradient steps on the new support per outer step (K = 10 for networks).</param>
/// <param name="StallIterations">Stop as stalled after this many consecutive steps with an unchanged support and objective.</param>
/// <param name="StallTolerance">Relative objective change below which a step counts as stalled.</param>
/// <param name="Parallelism">Threads for the gradient pass (results are bit-identical for every value); 0, the default, means every core (<see cref="Environment.ProcessorCount"/>), as on the command line.</param>
/// <param name="TimeLimitSeconds">Stop after the iteration that passes this many seconds (null: no limit).</param>
public sealed record SolverOptions(
    SolverKind Solver = null!,
    int Projection = 0,
    double? Step = null,
    int MaxIterations = 1000,
    double Tolerance = 1e-10,
    SolverMode Mode = SolverMode.Convex,
    int ScpWarmupSteps = 0,
    int ScpRestartWindow = 1,
    EmptyGenerator EmptyGenerator = EmptyGenerator.RedrawOne,
    long Seed = 0,
    int InnerSteps = 10,
    int StallIterations = 10,
    double StallTolerance = 1e-14,
    int Parallelism = 0,
    double? TimeLimitSeconds = null)
{
    /// <summary>Which algorithm (a row of <see cref="SolverCatalogue"/>; NIHT when none was given).</summary>
    public SolverKind Solver { get; init; } = Solver ?? SolverCatalogue.Niht;

    /// <summary>Threads for the gradient pass (every core when 0 was given).</summary>
    public int Parallelism { get; init; } = Parallelism == 0 ? Environment.ProcessorCount : Parallelism;

    /// <summary>Throws <see cref="InvalidSettingException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Projection < 1)
        {
            throw new InvalidSettingException("projection", $"must be at least 1, got {Projection} (0, the default, stands for the sparsity s of a recovery or fit, which a bare solve does not know)");
        }

        InvalidSettingException.RequireAtLeast("max-iter", MaxIterations, 1);
        InvalidSettingException.RequirePositive("tol", Tolerance);
        if (Step is double step)
        {
            InvalidSettingException.RequirePositive("step", step);
            if (!Solver.UsesFixedStep)
            {
                throw new InvalidSettingException("step", $"applies to {SolverCatalogue.Words(s => s.UsesFixedStep, " and ")} only; {Solver.Word} chooses its own step");
            }
        }

        InvalidSettingException.RequireAtLeast("scp-warmup", ScpWarmupSteps, 0);
        InvalidSettingException.RequireAtLeast("scp-restart", ScpRestartWindow, 0);
        InvalidSettingException.RequireAtLeast("inner-steps", InnerSteps, 0);
        InvalidSettingException.RequireAtLeast("stall-iterations", StallIterations, 1);
        if (!(StallTolerance >= 0) || !double.IsFinite(StallTolerance))
        {
            throw new InvalidSettingException("stall-tolerance", $"must be a finite number ≥ 0, got {StallTolerance}");
        }

        InvalidSettingException.RequireAtLeast("parallelism", Parallelism, 1);
        if (TimeLimitSeconds is double limit)
        {
            InvalidSettingException.RequirePositive("time-limit", limit);
        }
    }
}
