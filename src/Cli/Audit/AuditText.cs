using System.Globalization;
using System.Text;
using SparseIhtVerify.Theory.Audit;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Guarantees;
using SparseIhtVerify.Theory.Identifiability;
using SparseIhtVerify.Theory.Patterns;

namespace SparseIhtVerify.Cli;

/// <summary>The human-readable audit.</summary>
public static class AuditText
{
    public static string ConclusionLine(AuditConclusion conclusion) => conclusion switch
    {
        AuditConclusion.Consistent => "consistent",
        AuditConclusion.Violation => "violation",
        AuditConclusion.Inconclusive => "inconclusive (no violation; a certified guarantee's prescribed run ended its budget before converging)",
        AuditConclusion.NoCertifiedGuarantee => "no certified guarantee applies",
        _ => "not exercised (no planted w* with Aw* = y to recover: guarantees evaluated, no solver run)",
    };

    public static string Word(IdentifiabilityStatus status, IdentifiabilityMethod method) => status switch
    {
        IdentifiabilityStatus.Unique => method == IdentifiabilityMethod.ExhaustiveSearch ? "unique (exhaustive search)" : "unique (certified)",
        IdentifiabilityStatus.NotUnique => "not unique",
        _ => "not certified",
    };

    public static string Render(AuditReport report, string description)
    {
        var text = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        var p = report.Patterns;
        text.AppendLine(ci, $"audit of {description}");
        text.AppendLine();
        text.AppendLine("activation patterns");
        text.AppendLine(ci, $"  coverage tr(D_j)/n         min {p.MinCoverage:F3} (block {p.MinCoverageBlock}), max {p.MaxCoverage:F3}");
        text.AppendLine(ci, $"  separation γ = min Hamming/n  {(p.MinSeparationPair is { } pair ? $"{p.MinSeparation:F4} (blocks {pair.First}, {pair.Second})" : "— (one block)")}");
        text.AppendLine(ci, $"  duplicate / complementary   {p.DuplicatePairs.Count} / {p.ComplementaryPairs.Count} pairs{(p.DuplicatePairs.Count > 0 ? $", e.g. blocks {p.DuplicatePairs[0].First} and {p.DuplicatePairs[0].Second} identical" : "")}");
        text.AppendLine(ci, $"  all-on / all-off blocks     {p.AllOnBlocks.Count} / {p.AllOffBlocks.Count}");
        if (p.Angles is { Pairs: > 0 } angles)
        {
            text.AppendLine(ci, $"  |Hamming/n − θ/π|            mean {angles.MeanAbsoluteDeviation:F4}, max {angles.MaxAbsoluteDeviation:F4} over {angles.Pairs} pairs (population value 0)");
        }

        StructuredWitnesses st = report.Structured;
        text.AppendLine(ci, $"  exact dependencies          {st.Dependencies.Total(PatternDependencyKind.AllOff)} all-off, {st.Dependencies.Total(PatternDependencyKind.Duplicate)} duplicate, {st.Dependencies.Total(PatternDependencyKind.PairSumEqualsSingle)} D_a + D_b = D_c, {st.Dependencies.Total(PatternDependencyKind.TwoPairsEqualSums)} D_a + D_b = D_c + D_d{(st.Dependencies.Truncated ? $" (at most {st.Dependencies.MaxPerKind} of each kind listed)" : "")}: each gives α = 0 at every input coordinate");
        if (st.Dependencies.Dependencies.Count > 0)
        {
            text.AppendLine(ci, $"                              e.g. {st.Dependencies.Dependencies[0]}");
        }

        if (st.Witnesses.Count > 0)
        {
            StructuredWitness best = st.Witnesses[0];
            double tau = report.UniformConstants.Select(c => c.RoundingTolerance).DefaultIfEmpty(0).Max();
            string value = best.Min <= tau ? "0 (within the rounding tolerance τ)" : Format.Number(best.Min);
            text.AppendLine(ci, $"  structured witness          λ_min(G_S) = {value} (witness, {RestrictedConstants.Normalisation}) on the {best.Support.Length} columns of blocks [{string.Join(", ", best.Blocks)}] at input {best.Coordinate}, from the {best.Source} ({st.Witnesses.Count} structured supports, {st.NearSets} near-singular block sets of O_jk = |D_j ∩ D_k|/n)");
        }

        text.AppendLine();
        if (report.DataScaleExponent != 0)
        {
            text.AppendLine(ci, $"data scaled by 2^{report.DataScaleExponent} before the audit (max|x| lay outside [2^−{DataScaling.SafeExponent}, 2^{DataScaling.SafeExponent}]): every constant and step below is that of the scaled data (the given data's α, β are 4^{-report.DataScaleExponent} times these); δ, κ and verdicts are scale-free");
            text.AppendLine();
        }

        AppendConstants(text, "restricted constants, uniform over all supports of each level", report.UniformConstants);
        if (report.SupportRestrictedConstants.Count > 0)
        {
            AppendConstants(text, "restricted constants over supports containing S* only", report.SupportRestrictedConstants);
        }

        text.AppendLine(ci, $"guarantees (s = {report.Sparsity}, user k = {report.Projection}, N = {report.Unknowns}, n = {report.Samples}; each clause is judged with {(report.VerdictsUseSupportRestricted ? "the weakest support family its proof allows" : "uniform constants, the condition as its source states it")})");
        text.AppendLine("  (witness δ: a lower bound at every step; certified δ: an upper bound at the step printed with it; μ·n is the step on G = AᵀA/n)");
        foreach (GuaranteeEvaluation g in report.Guarantees)
        {
            text.AppendLine(ci, $"  {g.Guarantee.Id,-9} {Verdicts.Word(g.Verdict),-16} {g.Guarantee.Algorithm.Word}, k = {g.Projection}, {Steps(g, report.Samples)}, rate {Rate(g)}");
            foreach (ClauseEvaluation c in g.Clauses)
            {
                string symbol = Symbol(c);
                string certified = c.CertifiedValue is double u
                    ? $", ≤ {Format.Number(u)} (certified{(c.CertifiedStep is double mu ? $", at μ·n = {Format.Number(mu * report.Samples)}" : "")})"
                    : " (no certificate)";
                string witness = double.IsNaN(c.WitnessValue) ? "no witness applies" : $"{symbol} ≥ {Format.Number(c.WitnessValue)} (witness{(symbol.StartsWith('δ') ? ", at every step" : "")})";
                text.AppendLine(ci, $"  {"",-9} {c.Text} [level {c.EffectiveLevel}, judged {Family(c.JudgedFamily)}; proof needs {Family(c.ProofFamily)}]: {witness}{certified} → {Verdicts.Word(c.Verdict)}");
                if (c.WitnessFrom is string wf)
                {
                    text.AppendLine(ci, $"  {"",-11} witness {wf}");
                }

                if (c.CertifiedFrom is string cf)
                {
                    text.AppendLine(ci, $"  {"",-11} certificate {cf}");
                }
            }

            text.AppendLine(ci, $"  {"",-9} source: {g.Guarantee.Source}; proof supports: {string.Join("; ", g.Clauses.Select(c => $"{c.Text.Split(' ')[0]}: {c.ProofSupports}").Distinct())}");
        }

        text.AppendLine();
        IdentifiabilityReport id = report.Identifiability;
        text.AppendLine(ci, $"identifiability ({(id.Question != IdentifiabilityQuestion.SolutionOfLabels ? "is every s-sparse vector determined by its image Aw?" : report.PlantedRelativeResidual is null ? "is the model check's best s-sparse fit, which solves Aw = y, the only s-sparse solution? (w* below is that fit)" : "is w* the only s-sparse solution of Aw = y?")}): {Word(id.Status, id.Method)}: {id.Explanation}");
        if (id.SecondSolution is SparseIhtVerify.Solver.SparseVector second)
        {
            text.AppendLine(ci, $"  second solution: support [{string.Join(", ", second.Indices.ToArray())}], relative residual {Format.Number(id.SecondSolutionRelativeResidual ?? double.NaN)}, distance {Format.Number(id.SecondSolutionDistance ?? double.NaN)} ({Format.Number(id.SecondSolutionRelativeDistance ?? double.NaN)} relative)");
        }

        if (report.PlantedRelativeResidual is double planted && planted > SparseIhtVerify.Theory.Representation.ModelCheck.SolutionTolerance)
        {
            text.AppendLine(ci, $"planted weights: ‖Aw* − y‖/‖y‖ = {Format.Number(planted)}: this dictionary cannot express the planted network, so no prescribed run has a w* to recover");
        }

        if (report.ModelCheck is { } model)
        {
            text.AppendLine(ci, $"model check: {model.Explanation} (best: {model.BestSolver})");
        }

        if (report.Runs.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("prescribed runs (from w₀ = 0; e_t = ‖w_t − w*‖/‖w*‖; contraction e_{t+1}/e_t; directional ‖AΔ_t‖²/(n‖Δ_t‖²))");
            foreach (PrescribedRun run in report.Runs)
            {
                string contraction = run.MaxObservedContraction is double c ? $"max contraction {Format.Number(c)}" : "no contraction above the noise floor";
                string kind = run.RateKind == RateKind.PerStep ? "per step" : "cumulative, ρ^t";
                string predicted = run.PredictedRate is double r ? $" vs predicted {Format.Number(r)} ({kind})" : " (no rate predicted)";
                string directional = run.DirectionalConstants.Count > 0 ? $", directional constants in [{Format.Number(run.DirectionalConstants.Where(v => v > 0).DefaultIfEmpty(0).Min())}, {Format.Number(run.DirectionalConstants.Max())}]" : "";
                text.AppendLine(ci, $"  {run.GuaranteeId,-9} {Verdicts.Word(run.Verdict),-16} {run.Solver.Word} k = {run.Projection}, μ·n = {Format.Number(run.Step * report.Samples)}: {run.Iterations} of {run.IterationBudget} iterations, final e = {Format.Number(run.FinalRelativeError)}, {contraction}{predicted}{directional}: {run.FindingText}");
            }
        }

        text.AppendLine(ci, $"({report.Seconds:F1} s)");
        return text.ToString();
    }

    private static string Family(SupportFamily family) => family == SupportFamily.Uniform ? "uniform" : "supports ⊇ S*";

    private static string Steps(GuaranteeEvaluation g, int samples)
    {
        string certified = g.CertifiedStep is double c ? $"certified step μ·n = {Format.Number(c * samples)}" : "no certified step";
        return g.Verdict == Verdict.HoldsCertified || g.WitnessStep is not double w
            ? certified
            : $"{certified}; witness step μ·n = {Format.Number(w * samples)} (not certified)";
    }

    private static string Rate(GuaranteeEvaluation g) => g.PredictedRate is double r
        ? $"{Format.Number(r)} ({g.Guarantee.RateText}, {(g.Verdict == Verdict.HoldsCertified ? "certified at the certified step" : "estimated from the witnesses")})"
        : g.Guarantee.RateText;

    private static string Symbol(ClauseEvaluation clause) => clause.Text.Split(' ')[0].StartsWith('δ') ? clause.Text.Split(' ')[0] : "κ_{2k+s}";

    private static void AppendConstants(StringBuilder text, string title, IReadOnlyList<RestrictedConstants> constants)
    {
        var ci = CultureInfo.InvariantCulture;
        text.AppendLine(ci, $"{title} ({RestrictedConstants.Normalisation}; rounding tolerance τ = N·ε·‖G‖ = {Format.Number(constants.Select(c => c.RoundingTolerance).DefaultIfEmpty(0).Max())}: bounds are kept on their safe side of it, α ≥ 0)");
        text.AppendLine(ci, $"  {"level",6} {"kind",-8} {"α_k ≤",10} {"β_k ≥",10} {"κ_k ≥",10} {"δ_k ≥",8} | {"α_k ≥",10} {"β_k ≤",10} {"δ_k ≤",8} (certified, own step) | {"dir. α",9} {"dir. β",9} | supports  seconds  search");
        foreach (RestrictedConstants c in constants)
        {
            string kind = c.IsExact ? "exact" : "witness";
            string certified = c.AlphaCertified is double a && c.BetaCertified is double b
                ? $"{Format.Number(a),10} {Format.Number(b),10} {Format.Number(c.DeltaCertified ?? 1),8}"
                : $"{"—",10} {"—",10} {"—",8}";
            string level = c.EffectiveLevel == c.Level ? c.Level.ToString(ci) : $"{c.Level}→{c.EffectiveLevel}";
            text.AppendLine(ci, $"  {level,6} {kind,-8} {Format.Number(c.AlphaWitness),10} {Format.Number(c.BetaWitness),10} {Format.Number(c.KappaWitness),10} {Format.Number(c.DeltaWitness),8} | {certified}                       | {(c.AlphaDirectional is double da ? Format.Number(da) : "—"),9} {(c.BetaDirectional is double db ? Format.Number(db) : "—"),9} | {c.SupportsExamined,8} {c.Seconds,8:F2}  {c.EndText}");
        }

        text.AppendLine("  (exact rows: the witness columns are the true values; level a→b: capped at N; certified δ_k at this row's own step 2/(n(α+β)))");
        text.AppendLine();
    }
}
