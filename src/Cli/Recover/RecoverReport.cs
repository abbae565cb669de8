using SparseIhtVerify.Experiments;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Metrics;

namespace SparseIhtVerify.Cli;

/// <summary>The JSON document of <c>sparse-iht recover --json</c> (camelCase).</summary>
public sealed record RecoverReport(
    string Status,
    int Iterations,
    int KeptRun,
    RecoveryMetrics Metrics,
    double SecondsPerIteration,
    double Seconds,
    double SetupSeconds,
    int MaxIterateNonzeros,
    long BytesAllocatedAfterFirstIteration,
    InstanceSettings Instance,
    SolverSettings Solver,
    IReadOnlyList<TraceRow> Trace,
    IReadOnlyDictionary<string, string> Definitions)
{
    public static RecoverReport From(RecoveryOutcome outcome)
    {
        RecoveryRequest request = outcome.Request;
        SolverResult result = outcome.Result;
        return new RecoverReport(
            Status: Spellings.Word(Spellings.Statuses, result.Status),
            Iterations: result.Iterations,
            KeptRun: result.KeptRun,
            Metrics: outcome.Metrics,
            SecondsPerIteration: result.SecondsPerIteration,
            Seconds: result.Seconds,
            SetupSeconds: outcome.SetupSeconds,
            MaxIterateNonzeros: result.MaxIterateNonzeros,
            BytesAllocatedAfterFirstIteration: result.BytesAllocatedAfterFirstIteration,
            Instance: InstanceSettings.From(request, outcome.Dictionary.Blocks),
            Solver: SolverSettings.From(request.Solver, result),
            Trace: result.Trace,
            Definitions: MetricDefinitions);
    }

    private static readonly IReadOnlyDictionary<string, string> MetricDefinitions = new Dictionary<string, string>
    {
        ["metrics.relativeWeightError"] = "‖ŵ_π − w*‖₂/‖w*‖₂ over fused weights w_j = u_j·v_j, blocks matched to planted units (see metrics.matchingMethod)",
        ["metrics.supportPrecision"] = "|Ŝ ∩ S*| / |Ŝ| after matching",
        ["metrics.supportRecall"] = "|Ŝ ∩ S*| / |S*| after matching",
        ["metrics.psnrDb"] = "20·log10(max|y|) − 10·log10(mean((Aŵ − y)²)), dB, on the training set (null for an exact fit, listed in nonFinite as Infinity)",
        ["metrics.relativeResidual"] = "‖Aŵ − y‖₂ / ‖y‖₂ with the final patterns",
        ["metrics.matching"] = "for each planted unit, the recovered block matched to it (−1: none)",
        ["keptRun"] = "the run the result comes from: 0, or the SCP restart (trace.run) with the lowest relative residual, the earliest among equals",
        ["trace.step"] = "step μ on the unnormalised A (μ·n on G = AᵀA/n)",
        ["secondsPerIteration"] = "wall-clock seconds of the iterations / iterations (setup excluded)",
    };
}

public sealed record InstanceSettings(
    int Inputs, int Width, int Nonzeros, int Samples, long Seed, string Weights, string Outputs, bool NonemptyUnits,
    string Dictionary, int ExtraUnits, int Blocks, long Unknowns, string PatternRule, string Backend)
{
    public static InstanceSettings From(RecoveryRequest request, int blocks) => new(
        request.Instance.Inputs, request.Instance.Width, request.Instance.Nonzeros, request.Instance.Samples, request.Instance.Seed,
        Spellings.Word(Spellings.Weights, request.Instance.Weights), Spellings.Word(Spellings.Outputs, request.Instance.Outputs),
        request.Instance.KeepUnitsNonEmpty, Spellings.Word(Spellings.Dictionaries, request.Dictionary), request.ExtraUnits,
        blocks, (long)blocks * request.Instance.Inputs, Spellings.Word(Spellings.PatternRules, request.Rule), request.Backend.Word);
}

public sealed record SolverSettings(
    string Solver, string Mode, int Projection, double? Step, int MaxIterations, double Tolerance, int ScpWarmupSteps, int ScpRestartWindow,
    string EmptyGenerator, int InnerSteps, int StallIterations, double StallTolerance, int Threads)
{
    public static SolverSettings From(SolverOptions options, SolverResult result) => new(
        options.Solver.Word, Spellings.Word(Spellings.Modes, options.Mode), options.Projection,
        options.Step, options.MaxIterations, options.Tolerance, options.ScpWarmupSteps, options.ScpRestartWindow,
        Spellings.Word(Spellings.EmptyGenerators, options.EmptyGenerator), options.InnerSteps,
        options.StallIterations, options.StallTolerance, options.Parallelism);
}
