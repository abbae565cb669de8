using System.Globalization;
using SparseIhtVerify.Theory.Constants;

namespace SparseIhtVerify.Theory.Guarantees;

/// <summary>
/// Evaluates catalogue rows from the bounds a <see cref="ConstantBook"/> implies (theory.md §3, §5). For a clause
/// "δ_L &lt; c": the certified value is δ_L(μ_c) = max(1 − μ_c n α_L, μ_c n β_L − 1) with the certified α_L (lower)
/// and β_L (upper) at the row's certified step μ_c; the witness value is (β_L − α_L)/(β_L + α_L) with the witness α
/// (upper) and β (lower), a lower bound of δ_L at every step. Before judging, implied bounds are propagated: monotone
/// in the level (through the book), and for uniform constants δ_3s ≤ 2δ_2s at every step (Foucart &amp; Rauhut 2013,
/// Prop. 6.6), so a certified δ_2s bounds δ_3s and a witness δ_3s bounds δ_2s from below. Each clause is judged with
/// constants of one support family: uniform, or (when the audit restricts to S* and the clause's proof allows it)
/// supports ⊇ S*. Verdicts: holds-certified when the certified value is below c; fails-certified when the witness
/// value is not; holds-estimated when the witness value is below c but nothing certifies it; unknown when no
/// witness applies. A condition holds when any clause does.
/// </summary>
public static class GuaranteeEvaluator
{
    /// <summary>How an implied δ bound is named in reports.</summary>
    public const string ThreeFromTwo = "δ_3s ≤ 2δ_2s (uniform constants; Foucart & Rauhut 2013, Prop. 6.6)";

    /// <summary>The levels (before capping at N) a row needs for sparsity s and the user's projection k: its step, its clauses, and 2s, 3s (rates and implications).</summary>
    public static IEnumerable<int> Levels(Guarantee guarantee, int sparsity, int projection, int unknowns)
    {
        int k = PrescribedProjection(guarantee, sparsity, projection, unknowns);
        yield return guarantee.StepSparsityMultiple * sparsity + guarantee.StepProjectionMultiple * k;
        foreach (ConditionClause clause in guarantee.AnyOf)
        {
            yield return clause.Level(sparsity, k);
        }

        if (guarantee.Rate is not null || guarantee.AnyOf.Any(c => c.Quantity == ConditionQuantity.Delta))
        {
            yield return 2 * sparsity;
            yield return 3 * sparsity;
        }
    }

    /// <summary>k = s, or max(k_user, 32 s) capped at N for JTK.</summary>
    public static int PrescribedProjection(Guarantee guarantee, int sparsity, int projection, int unknowns) =>
        guarantee.Projection == ProjectionRule.Sparsity ? sparsity : Math.Min(unknowns, Math.Max(projection, 32 * sparsity));

    /// <summary>
    /// The support family a clause is judged with: ⊇ S* when <paramref name="restrictToSupport"/>, the book has such
    /// constants and the proof allows it; uniform otherwise (the condition as its source states it).
    /// </summary>
    public static SupportFamily JudgedFamily(ConditionClause clause, ConstantBook book, bool restrictToSupport) =>
        restrictToSupport && book.HasRestricted && clause.ProofFamily == SupportFamily.ContainingTruth ? SupportFamily.ContainingTruth : SupportFamily.Uniform;

    /// <summary>Evaluates <paramref name="guarantee"/> on n = <paramref name="samples"/> samples from the bounds in <paramref name="book"/>.</summary>
    public static GuaranteeEvaluation Evaluate(Guarantee guarantee, int sparsity, int projection, int samples, ConstantBook book, bool restrictToSupport)
    {
        int k = PrescribedProjection(guarantee, sparsity, projection, book.Unknowns);
        SupportFamily stepFamily = guarantee.AnyOf.Any(c => JudgedFamily(c, book, restrictToSupport) == SupportFamily.ContainingTruth)
            ? SupportFamily.ContainingTruth : SupportFamily.Uniform;
        LevelBounds stepBounds = book.At(guarantee.StepSparsityMultiple * sparsity + guarantee.StepProjectionMultiple * k, stepFamily);
        double? certifiedStep = StepOf(guarantee.Step, stepBounds.AlphaLower?.Value, stepBounds.BetaUpper?.Value, samples);
        double? witnessStep = StepOf(guarantee.Step, stepBounds.AlphaUpper?.Value, stepBounds.BetaLower?.Value, samples);
        var deltas = new DeltaBounds(book, sparsity, samples, certifiedStep);

        var clauses = new List<ClauseEvaluation>();
        foreach (ConditionClause clause in guarantee.AnyOf)
        {
            int level = clause.Level(sparsity, k);
            SupportFamily family = JudgedFamily(clause, book, restrictToSupport);
            double bound = clause.Bound(sparsity, k);
            double? certified;
            double witness;
            string? certifiedFrom, witnessFrom;
            if (clause.Quantity == ConditionQuantity.Delta)
            {
                (certified, certifiedFrom) = deltas.Certified(level, family);
                (witness, witnessFrom) = deltas.Witness(level, family);
            }
            else
            {
                LevelBounds b = book.At(level, family);
                (certified, certifiedFrom) = (b.CertifiedKappa, DeltaBounds.Origin(b, certifiedSide: true, level, book.Unknowns));
                (witness, witnessFrom) = (b.WitnessKappa, DeltaBounds.Origin(b, certifiedSide: false, level, book.Unknowns));
            }

            Verdict verdict = certified is double u && u < bound ? Verdict.HoldsCertified
                : double.IsNaN(witness) ? Verdict.Unknown
                : witness >= bound ? Verdict.FailsCertified
                : Verdict.HoldsEstimated;
            clauses.Add(new ClauseEvaluation(clause.Text, level, Math.Min(level, book.Unknowns), bound, clause.ProofFamily, clause.ProofSupports, family,
                certified, clause.Quantity == ConditionQuantity.Delta && certified is not null ? certifiedStep : null, certifiedFrom, witness, witnessFrom, verdict));
        }

        Verdict overall = clauses.Any(c => c.Verdict == Verdict.HoldsCertified) ? Verdict.HoldsCertified
            : clauses.All(c => c.Verdict == Verdict.FailsCertified) ? Verdict.FailsCertified
            : clauses.Any(c => c.Verdict == Verdict.HoldsEstimated) ? Verdict.HoldsEstimated
            : Verdict.Unknown;

        bool certifiedRun = overall == Verdict.HoldsCertified;
        double? rate = null;
        if (guarantee.Rate is not null && overall is Verdict.HoldsCertified or Verdict.HoldsEstimated)
        {
            // Rates use δ at 2s and 3s in the row's step family: certified at the certified step, or the witnesses' estimate.
            var values = new Dictionary<int, double>();
            foreach (int level in new[] { 2 * sparsity, 3 * sparsity })
            {
                values[level] = certifiedRun ? deltas.Certified(level, stepFamily).Value ?? 1.0 : deltas.Witness(level, stepFamily).Value;
            }

            rate = guarantee.Rate(values, sparsity, k);
        }

        return new GuaranteeEvaluation(guarantee, overall, k, stepFamily, certifiedStep, witnessStep, certifiedRun ? certifiedStep : witnessStep, rate, clauses);
    }

    private static double? StepOf(StepRule rule, double? alpha, double? beta, int samples)
    {
        if (alpha is not double a || beta is not double b || !(b > 0) || double.IsInfinity(b))
        {
            return null;
        }

        return rule switch
        {
            StepRule.BestRescaling => a >= 0 ? 2.0 / (samples * (a + b)) : null,
            StepRule.TwoThirdsOverBeta => 2.0 / (3.0 * samples * b),
            _ => null,
        };
    }

    /// <summary>δ bounds at a fixed certified step, with the implications between levels applied.</summary>
    private sealed class DeltaBounds(ConstantBook book, int sparsity, int samples, double? step)
    {
        public (double? Value, string? From) Certified(int level, SupportFamily family)
        {
            LevelBounds b = book.At(level, family);
            double? direct = step is double mu ? b.CertifiedDelta(mu, samples) : null;
            string? from = Origin(b, certifiedSide: true, level, book.Unknowns);
            // δ_3s ≤ 2δ_2s for uniform constants at every step, and constants over supports ⊇ S* are bounded by uniform ones.
            if (level == 3 * sparsity && step is double mu3 && book.At(2 * sparsity, SupportFamily.Uniform).CertifiedDelta(mu3, samples) is double two
                && 2 * two < (direct ?? double.PositiveInfinity))
            {
                return (2 * two, $"implied by the certified δ_2s ≤ {Number(two)} through {ThreeFromTwo}");
            }

            return (direct, direct is null ? null : from);
        }

        public (double Value, string? From) Witness(int level, SupportFamily family)
        {
            LevelBounds b = book.At(level, family);
            double direct = b.WitnessDelta;
            string? from = Origin(b, certifiedSide: false, level, book.Unknowns);
            if (family == SupportFamily.Uniform && level == 2 * sparsity && book.At(3 * sparsity, SupportFamily.Uniform).WitnessDelta is double three
                && double.IsFinite(three) && three / 2 > (double.IsNaN(direct) ? double.NegativeInfinity : direct))
            {
                return (three / 2, $"implied by the witness δ_3s ≥ {Number(three)} through {ThreeFromTwo}");
            }

            return (direct, from);
        }

        /// <summary>Names the levels and families the bounds came from when they are not this level's own estimate.</summary>
        public static string? Origin(LevelBounds b, bool certifiedSide, int level, int unknowns)
        {
            ConstantBound? alpha = certifiedSide ? b.AlphaLower : b.AlphaUpper;
            ConstantBound? beta = certifiedSide ? b.BetaUpper : b.BetaLower;
            int effective = Math.Min(level, unknowns);
            string? Part(string name, ConstantBound? c) => c is null || (c.FromLevel == effective && c.FromFamily == b.Family) ? null
                : $"{name} from level {c.FromLevel}{(c.FromFamily != b.Family ? $" ({Word(c.FromFamily)})" : "")}";
            string[] parts = new[] { Part("α", alpha), Part("β", beta) }.OfType<string>().ToArray();
            return parts.Length == 0 ? null
                : $"{string.Join(", ", parts)} ({(certifiedSide ? "a certificate at a higher level holds at a lower one" : "a witness at a lower level holds at a higher one")})";
        }

        private static string Word(SupportFamily family) => family == SupportFamily.Uniform ? "uniform" : "supports ⊇ S*";

        private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
    }
}
