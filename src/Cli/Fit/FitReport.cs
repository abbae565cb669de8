using SparseIhtVerify.Experiments.Fitting;
using SparseIhtVerify.Solver.Algorithms;

namespace SparseIhtVerify.Cli;

/// <summary>The JSON document of <c>sparse-iht fit --json</c> (camelCase; the field table is docs/fit.md).</summary>
public sealed record FitReport(
    string Status,
    int Iterations,
    int KeptRun,
    int Nonzeros,
    int NonzeroWeights,
    FitMetrics Train,
    FitMetrics? Validation,
    IReadOnlyList<SelectionStep> Path,
    IReadOnlyList<int> ValidationRows,
    FitProvenance Fit,
    string PatternRule,
    int Inputs,
    int Blocks,
    double RelativeResidual,
    double Seconds,
    SolverSettings Solver,
    IReadOnlyList<TraceRow> Trace)
{
    public static FitReport From(FitOutcome outcome)
    {
        SolverResult result = outcome.Result;
        return new FitReport(
            Status: Spellings.Word(Spellings.Statuses, result.Status),
            Iterations: result.Iterations,
            KeptRun: result.KeptRun,
            Nonzeros: outcome.Nonzeros,
            NonzeroWeights: outcome.Model.Weights.Count,
            Train: outcome.Train,
            Validation: outcome.Validation,
            Path: outcome.Path,
            ValidationRows: outcome.ValidationRows,
            Fit: outcome.Model.Provenance,
            PatternRule: Spellings.Word(Spellings.PatternRules, outcome.Model.Rule),
            Inputs: outcome.Model.Inputs,
            Blocks: outcome.Model.Blocks,
            RelativeResidual: result.RelativeResidual,
            Seconds: result.Seconds,
            Solver: SolverSettings.From(outcome.Request.Settings.SolverFor(outcome.Nonzeros), result),
            Trace: result.Trace);
    }
}
