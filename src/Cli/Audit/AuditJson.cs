using SparseIhtVerify.Theory.Audit;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Guarantees;
using SparseIhtVerify.Theory.Patterns;

namespace SparseIhtVerify.Cli;

/// <summary>The JSON document of <c>sparse-iht audit --json</c> (camelCase; every constant says its kind).</summary>
public sealed record AuditJson(
    string Subject,
    string Normalisation,
    string Conclusion,
    int Samples,
    int Inputs,
    int Blocks,
    int Unknowns,
    int Sparsity,
    int Projection,
    int DataScaleExponent,
    PatternJson Patterns,
    object Structured,
    IReadOnlyList<ConstantsJson> UniformConstants,
    IReadOnlyList<ConstantsJson> SupportRestrictedConstants,
    string VerdictConstants,
    IReadOnlyList<GuaranteeJson> Guarantees,
    object Identifiability,
    object? ModelCheck,
    double? PlantedRelativeResidual,
    IReadOnlyList<PrescribedRun> Runs,
    double Seconds)
{
    public static AuditJson From(AuditReport r, string subject) => new(
        subject, RestrictedConstants.Normalisation, AuditText.ConclusionLine(r.Conclusion), r.Samples, r.Inputs, r.Blocks, r.Unknowns, r.Sparsity, r.Projection, r.DataScaleExponent,
        PatternJson.From(r.Patterns),
        new
        {
            dependencyTotals = Enum.GetValues<PatternDependencyKind>().ToDictionary(k => k.ToString(), k => r.Structured.Dependencies.Total(k)),
            dependencies = r.Structured.Dependencies.Dependencies.Take(20).Select(d => d.ToString()).ToArray(),
            r.Structured.NearSets,
            witnesses = r.Structured.Witnesses.Take(10).Select(w => new { w.Source, w.Blocks, w.Coordinate, w.Support, kind = "witness", min = w.Min, max = w.Max }).ToArray(),
        },
        r.UniformConstants.Select(c => ConstantsJson.From(c, r.Samples)).ToArray(), r.SupportRestrictedConstants.Select(c => ConstantsJson.From(c, r.Samples)).ToArray(),
        r.VerdictsUseSupportRestricted ? "support-restricted" : "uniform", r.Guarantees.Select(GuaranteeJson.From).ToArray(),
        new
        {
            status = AuditText.Word(r.Identifiability.Status, r.Identifiability.Method), method = r.Identifiability.Method, question = r.Identifiability.Question,
            r.Identifiability.AlphaWitness, r.Identifiability.AlphaCertified, r.Identifiability.Tolerance, r.Identifiability.DependentColumns,
            firstSolutionIndices = r.Identifiability.FirstSolution?.Indices.ToArray(), firstSolutionValues = r.Identifiability.FirstSolution?.Values.ToArray(),
            secondSolutionIndices = r.Identifiability.SecondSolution?.Indices.ToArray(), secondSolutionValues = r.Identifiability.SecondSolution?.Values.ToArray(),
            r.Identifiability.SecondSolutionRelativeResidual, r.Identifiability.SecondSolutionDistance, r.Identifiability.SecondSolutionRelativeDistance,
            r.Identifiability.SupportsSearched, r.Identifiability.Explanation,
        },
        r.ModelCheck is { } m ? new
        {
            m.Sparsity, m.ResidualFloor, m.BestSolver, m.Representable,
            attempts = m.Attempts.Select(a => new { solver = a.Solver, status = a.Status, relativeResidual = a.RelativeResidual, iterations = a.Iterations }).ToArray(),
            m.Explanation,
        } : null,
        r.PlantedRelativeResidual, r.Runs, r.Seconds);
}

public sealed record PatternJson(double MinCoverage, int MinCoverageBlock, double MaxCoverage, double MinSeparation, int[]? MinSeparationPair,
    int DuplicatePairs, int ComplementaryPairs, int AllOnBlocks, int AllOffBlocks, double? MeanAngleDeviation, double? MaxAngleDeviation, IReadOnlyList<double> Coverage)
{
    public static PatternJson From(PatternStatistics p) => new(p.MinCoverage, p.MinCoverageBlock, p.MaxCoverage, p.MinSeparation,
        p.MinSeparationPair is { } pair ? [pair.First, pair.Second] : null, p.DuplicatePairs.Count, p.ComplementaryPairs.Count,
        p.AllOnBlocks.Count, p.AllOffBlocks.Count, p.Angles?.MeanAbsoluteDeviation, p.Angles?.MaxAbsoluteDeviation, p.Coverage);
}

public sealed record ConstantsJson(int Level, int EffectiveLevel, bool RestrictedToSupport, string Kind,
    double AlphaWitness, double BetaWitness, double KappaWitness, double DeltaWitness, IReadOnlyList<int> AlphaWitnessSupport, IReadOnlyList<int> BetaWitnessSupport,
    double? AlphaCertified, double? BetaCertified, double? KappaCertified, double? DeltaCertified, double? DeltaCertifiedStep, string DeltaWitnessHolds,
    double? AlphaDirectional, double? BetaDirectional, int SupportsExamined, int SupportsPlanned, string SearchEnd, int DirectionsSampled, double RoundingTolerance,
    double Seconds, IReadOnlyList<string> Methods)
{
    /// <summary>The row; the certified δ holds at the level's own step μ = 2/(n(α + β)) of its certified bounds, the witness δ at every step.</summary>
    public static ConstantsJson From(RestrictedConstants c, int samples) => new(c.Level, c.EffectiveLevel, c.RestrictedToSupport, c.IsExact ? "exact" : "witness",
        c.AlphaWitness, c.BetaWitness, c.KappaWitness, c.DeltaWitness, c.AlphaWitnessSupport, c.BetaWitnessSupport,
        c.AlphaCertified, c.BetaCertified, c.KappaCertified, c.DeltaCertified,
        c.AlphaCertified is double a && c.BetaCertified is double b && a + b > 0 ? 2.0 / (samples * (a + b)) : null, "every step", c.AlphaDirectional, c.BetaDirectional,
        c.SupportsExamined, c.SupportsPlanned, c.EndText, c.DirectionsSampled, c.RoundingTolerance, c.Seconds, c.Methods);
}

public sealed record GuaranteeJson(string Id, string Algorithm, string Condition, string Conclusion, string Source, string Verdict,
    int Projection, string StepFamily, double? CertifiedStep, double? WitnessStep, double? Step, double? PredictedRate, string RateKind, string RateText,
    IReadOnlyList<ClauseEvaluation> Clauses)
{
    public static GuaranteeJson From(GuaranteeEvaluation g) => new(g.Guarantee.Id, g.Guarantee.Algorithm.Word,
        g.Guarantee.ConditionText, g.Guarantee.Conclusion, g.Guarantee.Source, Verdicts.Word(g.Verdict), g.Projection,
        g.StepFamily == SupportFamily.Uniform ? "uniform" : "containing-truth", g.CertifiedStep, g.WitnessStep, g.Step, g.PredictedRate,
        g.Guarantee.RateKind.ToString(), g.Guarantee.RateText, g.Clauses);
}
