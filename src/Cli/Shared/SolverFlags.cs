using System.CommandLine;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Solvers;

namespace SparseIhtVerify.Cli;

/// <summary>The solver's flags, shared by recover and fit: each setting of <see cref="SolverOptions"/> and the kernels, with the library's defaults.</summary>
public sealed class SolverFlags
{
    private static readonly SolverOptions Defaults = new();

    public Option<string> Solver { get; } = new("--solver") { Description = string.Join(" | ", SolverCatalogue.All.Select(s => $"{s.Word} ({s.Summary}; {s.Source})")), DefaultValueFactory = _ => Defaults.Solver.Word };

    public Option<string> Mode { get; } = new("--mode") { Description = "convex (fixed patterns) | scp (h_j := w_j after the warm-up steps)", DefaultValueFactory = _ => SolverModes.Word(Defaults.Mode) };

    public Option<int?> Projection { get; } = new("--projection") { Description = "projection size k (≥ s; default s)" };

    public Option<double?> Step { get; } = new("--step") { Description = $"fixed step μ for {SolverCatalogue.Words(s => s.UsesFixedStep, "/")} on the unnormalised A (default 1/λ_max(A_TᵀA_T) on the first support)" };

    public Option<int> MaxIterations { get; } = new("--max-iter") { Description = "iteration limit (≥ 1)", DefaultValueFactory = _ => Defaults.MaxIterations };

    public Option<double> Tolerance { get; } = new("--tol") { Description = "stop when ‖Aw − y‖/‖y‖ ≤ tol (> 0)", DefaultValueFactory = _ => Defaults.Tolerance };

    public Option<int> Warmup { get; } = new("--scp-warmup") { Description = Spellings.ScpWarmupHelp, DefaultValueFactory = _ => Defaults.ScpWarmupSteps };

    public Option<int> Restart { get; } = new("--scp-restart") { Description = Spellings.ScpRestartHelp, DefaultValueFactory = _ => Defaults.ScpRestartWindow };

    public Option<string> EmptyGenerator { get; } = new("--empty-generator") { Description = Spellings.EmptyGeneratorHelp, DefaultValueFactory = _ => EmptyGenerators.Word(Defaults.EmptyGenerator) };

    public Option<int> InnerSteps { get; } = new("--inner-steps") { Description = $"{SolverCatalogue.Words(s => s.UsesInnerSteps, "/")}: Armijo steps on the new support per step (10 as in the reference)", DefaultValueFactory = _ => Defaults.InnerSteps };

    public Option<int> Threads { get; } = new("--threads") { Description = "threads for the gradient pass (0: every core, the default; results are identical for any value)", DefaultValueFactory = _ => Defaults.Parallelism };

    public Option<string> Backend { get; } = new("--backend") { Description = Spellings.BackendHelp, DefaultValueFactory = _ => KernelBackendCatalogue.AutomaticWord };

    public IEnumerable<Option> All => [Solver, Mode, Projection, Step, MaxIterations, Tolerance, Warmup, Restart, EmptyGenerator, InnerSteps, Threads, Backend];

    /// <summary>The solver settings with projection size <paramref name="projection"/> and seed <paramref name="seed"/>.</summary>
    public SolverOptions Options(ParseResult parse, int projection, long seed) => new(
        Solver: Spellings.Parse(Spellings.Solvers, "solver", parse.GetValue(Solver)!),
        Projection: projection,
        Step: parse.GetValue(Step),
        MaxIterations: parse.GetValue(MaxIterations),
        Tolerance: parse.GetValue(Tolerance),
        Mode: Spellings.Parse(Spellings.Modes, "mode", parse.GetValue(Mode)!),
        ScpWarmupSteps: parse.GetValue(Warmup),
        ScpRestartWindow: parse.GetValue(Restart),
        EmptyGenerator: Spellings.Parse(Spellings.EmptyGenerators, "empty-generator", parse.GetValue(EmptyGenerator)!),
        Seed: seed,
        InnerSteps: parse.GetValue(InnerSteps),
        Parallelism: parse.GetValue(Threads));

    /// <summary>Refuses the flags that <paramref name="options"/> does not read: inner steps for a solver without them, the SCP flags in convex mode.</summary>
    public void RefuseInapplicable(ParseResult parse, SolverOptions options)
    {
        Applicability.Refuse(parse, options.Solver.UsesInnerSteps, $"applies to {SolverCatalogue.Words(s => s.UsesInnerSteps, " and ")} only; {options.Solver.Word} takes no inner steps", InnerSteps);
        Applicability.Refuse(parse, options.Mode == SolverMode.SequentialConvex, "applies to --mode scp only (convex mode keeps the dictionary's patterns)", Warmup, Restart, EmptyGenerator);
    }

    /// <summary>The kernel backend named by <c>--backend</c>.</summary>
    public IKernelBackend Kernels(ParseResult parse) => Spellings.Backend(parse.GetValue(Backend)!);
}
