using SparseIhtVerify.Theory.Constants;

namespace SparseIhtVerify.Theory.Guarantees;

/// <summary>
/// Evaluates catalogue rows from restricted constants (theory.md §5). For a clause "δ_L &lt; c":
/// the certified value is δ_L(μ_c) = max(1 − μ_c n α_L, μ_c n β_L − 1) with the certified α_L (lower) and β_L
/// (upper) at the certified step μ_c; the witness value is (β_L − α_L)/(β_L + α_L) with the witness α (upper)
/// and β (lower), a lower bound of δ_L under every rescaling. Verdicts: holds-certified when the certified value
/// is below c; fails-certified when the witness value is not; holds-estimated when the witness value is below c
/// but nothing certifies it. A condition holds when any clause does.
/// </summary>
public static class GuaranteeEvaluator
{
    /// <summary>The levels (before capping at N) a row needs for sparsity s and the user's projection k.</summary>
    public static IEnumerable<int> Levels(Guarantee guarantee, int sparsity, int projection, int unknowns)
    {
        int k = PrescribedProjection(guarantee, sparsity, projection, unknowns);
        yield return guarantee.StepSparsityMultiple * sparsity + guarantee.StepProjectionMultiple * k;
        foreach (ConditionClause clause in guarantee.AnyOf)
        {
            yield return clause.Level(sparsity, k);
        }

        if (guarantee.Rate is not null)
        {
            yield return 2 * sparsity;
            yield return 3 * sparsity;
        }
    }

    /// <summary>k = s, or max(k_user, 32 s) capped at N for JTK.</summary>
    public static int PrescribedProjection(Guarantee guarantee, int sparsity, int projection, int unknowns) =>
        guarantee.Projection == ProjectionRule.Sparsity ? sparsity : Math.Min(unknowns, Math.Max(projection, 32 * sparsity));

    /// <summary>Evaluates <paramref name="guarantee"/>; <paramref name="constants"/> maps each needed level to its constants.</summary>
    public static GuaranteeEvaluation Evaluate(Guarantee guarantee, int sparsity, int projection, int samples, int unknowns, Func<int, RestrictedConstants> constants)
    {
        int k = PrescribedProjection(guarantee, sparsity, projection, unknowns);
        RestrictedConstants stepLevel = constants(guarantee.StepSparsityMultiple * sparsity + guarantee.StepProjectionMultiple * k);
        double? certifiedStep = StepOf(guarantee.Step, stepLevel.AlphaCertified, stepLevel.BetaCertified, samples);
        double? witnessStep = StepOf(guarantee.Step, stepLevel.AlphaWitness, stepLevel.BetaWitness, samples);

        var clauses = new List<ClauseEvaluation>();
        var certifiedDeltas = new Dictionary<int, double>();
        var witnessDeltas = new Dictionary<int, double>();
        foreach (ConditionClause clause in guarantee.AnyOf)
        {
            int level = clause.Level(sparsity, k);
            RestrictedConstants c = constants(level);
            double bound = clause.Bound(sparsity, k);
            double? certified;
            double witness;
            if (clause.Quantity == ConditionQuantity.Delta)
            {
                certified = certifiedStep is double mu && c.AlphaCertified is double a && c.BetaCertified is double b
                    ? Math.Max(1 - mu * samples * a, mu * samples * b - 1)
                    : null;
                witness = c.DeltaWitness;
                if (certified is double cd)
                {
                    certifiedDeltas[level] = cd;
                }

                witnessDeltas[level] = witness;
            }
            else
            {
                certified = c.KappaCertified;
                witness = c.KappaWitness;
            }

            Verdict verdict = certified is double u && u < bound ? Verdict.HoldsCertified
                : double.IsNaN(witness) ? Verdict.Unknown
                : witness >= bound ? Verdict.FailsCertified
                : Verdict.HoldsEstimated;
            clauses.Add(new ClauseEvaluation(clause.Text, level, bound, certified, witness, verdict));
        }

        Verdict overall = clauses.Any(c => c.Verdict == Verdict.HoldsCertified) ? Verdict.HoldsCertified
            : clauses.All(c => c.Verdict == Verdict.FailsCertified) ? Verdict.FailsCertified
            : clauses.Any(c => c.Verdict == Verdict.HoldsEstimated) ? Verdict.HoldsEstimated
            : Verdict.Unknown;

        bool certifiedRun = overall == Verdict.HoldsCertified;
        double? step = certifiedRun ? certifiedStep : witnessStep;
        double? rate = null;
        if (guarantee.Rate is not null && overall is Verdict.HoldsCertified or Verdict.HoldsEstimated)
        {
            Dictionary<int, double> deltas = certifiedRun ? certifiedDeltas : witnessDeltas;
            foreach (int level in new[] { 2 * sparsity, 3 * sparsity }.Where(l => !deltas.ContainsKey(l)))
            {
                // Rates may use δ at levels no clause names (F11-HTP's δ_2s): evaluate them at the same step.
                RestrictedConstants c = constants(level);
                deltas[level] = certifiedRun
                    ? (step is double mu && c.AlphaCertified is double a && c.BetaCertified is double b ? Math.Max(1 - mu * samples * a, mu * samples * b - 1) : 1.0)
                    : c.DeltaWitness;
            }

            rate = guarantee.Rate(deltas, sparsity, k);
        }

        return new GuaranteeEvaluation(guarantee, overall, k, step, rate, clauses);
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
}
