using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Guarantees;

namespace SparseIhtVerify.Properties;

/// <summary>
/// The verdict rules of theory.md §5 recomputed by the test from synthetic constants (s = k = 2, n = 1000, N = 1000,
/// uniform estimates at levels 2s = 4, 3s = 6 and 2k + s = 130 with JTK's k = 32s = 64): the certified step μ = 2/(n(α + β)) (2/(3nβ) for JTK)
/// from the certified bounds at the step level, certified δ_L = max(1 − μnα_L, μnβ_L − 1) at μ, witness
/// δ_L = (β − α)/(β + α), both after propagation across levels (witnesses upwards, certificates downwards) and
/// δ_3s ≤ 2δ_2s; holds-certified iff certified &lt; bound, else fails-certified iff witness ≥ bound, else
/// holds-estimated; a row holds when any clause does and fails only when every clause fails.
/// </summary>
public sealed class VerdictRuleProperties
{
    private const int Samples = 1000, Unknowns = 1000, S = 2;

    /// <summary>Synthetic constants at one level: witness α ≤ β (α = β = 0, a zero Gram, in one level of 63) and certified bounds around them (or none).</summary>
    private static Gen<RestrictedConstants> LevelGen(int level) =>
        from alpha in Gen.Frequency((1, Gen.Constant(0)), (8, Gen.Choose(1, 1000))).Select(v => v / 1000.0)
        from spread in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(0, 300)), (2, Gen.Choose(0, 3000))).Select(v => v / 1000.0)
        from slackA in Gen.Choose(0, 1000).Select(v => alpha * v / 1000.0)
        from slackB in Gen.Choose(0, 500).Select(v => v / 1000.0)
        from certified in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        let beta = alpha + spread
        select new RestrictedConstants(level, level, false, false, alpha, [], beta, [],
            certified ? Math.Max(0, alpha - slackA) : null, certified ? beta + slackB : null, null, null, 1, 0, 0, []);

    private static Arbitrary<RestrictedConstants[]> Books =>
        (from two in LevelGen(2 * S) from three in LevelGen(3 * S) from jtk in LevelGen(2 * 32 * S + S) select new[] { two, three, jtk }).ToArbitrary();

    /// <summary>The test's own propagation: (α upper, β lower) from levels ≤ L; (α lower, β upper) from levels ≥ L.</summary>
    private static (double AlphaW, double BetaW, double? AlphaC, double? BetaC) At(RestrictedConstants[] levels, int level)
    {
        var below = levels.Where(c => c.Level <= level).ToArray();
        var above = levels.Where(c => c.Level >= level && c.AlphaCertified is not null).ToArray();
        return (below.Min(c => c.AlphaWitness), below.Max(c => c.BetaWitness),
            above.Length > 0 ? above.Max(c => c.AlphaCertified) : null, above.Length > 0 ? above.Min(c => c.BetaCertified) : null);
    }

    private static double Delta(double alpha, double beta) => alpha > 0 ? (beta - alpha) / (beta + alpha) : 1;

    // Every row's verdict, steps, clause values and rate equal the test's recomputation of theory.md §5's rules.
    [Property(MaxTest = 400)]
    public Property VerdictsFollowTheCatalogueRules() =>
        Prop.ForAll(Books, levels =>
        {
            var book = new ConstantBook(levels, [], Unknowns);
            var failures = new List<string>();
            foreach (Guarantee g in GuaranteeCatalogue.All)
            {
                GuaranteeEvaluation e = GuaranteeEvaluator.Evaluate(g, S, S, Samples, book, restrictToSupport: false);
                // k = s, except JTK's k = min(N, max(k, 32s)) = 32s (theory.md §5).
                int k = g.Projection == ProjectionRule.ThirtyTwoSparsity ? 32 * S : S;
                if (e.Projection != k)
                {
                    failures.Add($"{g.Id}: projection {e.Projection}, expected {k}");
                }

                int stepLevel = g.StepSparsityMultiple * S + g.StepProjectionMultiple * k;
                var stepBounds = At(levels, stepLevel);
                double? mu = stepBounds.AlphaC is double ac && stepBounds.BetaC is double bc ? StepFrom(g, ac, bc) : null;
                if (!Near(mu, e.CertifiedStep))
                {
                    failures.Add($"{g.Id}: certified step {e.CertifiedStep} ≠ {mu}");
                }

                double? CertifiedDelta(int level)
                {
                    var b = At(levels, level);
                    return mu is double m && b.AlphaC is double a && b.BetaC is double bb ? Math.Max(1 - m * Samples * a, m * Samples * bb - 1) : null;
                }

                double WitnessDelta(int level) => Delta(At(levels, level).AlphaW, At(levels, level).BetaW);
                // With δ_3s ≤ 2δ_2s (uniform constants): certificates of δ_3s from 2δ_2s, witnesses of δ_2s from δ_3s/2.
                double? CertifiedImplied(int level) =>
                    level == 3 * S && CertifiedDelta(2 * S) is double two && (CertifiedDelta(3 * S) is not double three || 2 * two < three) ? 2 * two : CertifiedDelta(level);
                double WitnessImplied(int level) => level == 2 * S ? Math.Max(WitnessDelta(2 * S), WitnessDelta(3 * S) / 2) : WitnessDelta(level);
                var verdicts = new List<Verdict>();
                foreach ((ConditionClause clause, ClauseEvaluation evaluated) in g.AnyOf.Zip(e.Clauses))
                {
                    int level = clause.Level(S, k);
                    double bound = clause.Bound(S, k);
                    double? certified;
                    double witness;
                    if (clause.Quantity == ConditionQuantity.Delta)
                    {
                        certified = CertifiedImplied(level);
                        witness = WitnessImplied(level);
                    }
                    else
                    {
                        var b = At(levels, level);
                        certified = b.AlphaC is double a && b.BetaC is double bb ? (a > 0 ? bb / a : double.PositiveInfinity) : null;
                        witness = b.AlphaW > 0 ? b.BetaW / b.AlphaW : double.PositiveInfinity;
                    }

                    Verdict expected = certified is double u && u < bound ? Verdict.HoldsCertified
                        : witness >= bound ? Verdict.FailsCertified : Verdict.HoldsEstimated;
                    verdicts.Add(expected);
                    if (!Near(certified, evaluated.CertifiedValue) || !Near(witness, evaluated.WitnessValue) || expected != evaluated.Verdict)
                    {
                        failures.Add($"{g.Id} {clause.Text}: certified {evaluated.CertifiedValue} (test {certified}), witness {evaluated.WitnessValue} (test {witness}), verdict {evaluated.Verdict} (test {expected})");
                    }
                }

                Verdict row = verdicts.Contains(Verdict.HoldsCertified) ? Verdict.HoldsCertified
                    : verdicts.All(v => v == Verdict.FailsCertified) ? Verdict.FailsCertified : Verdict.HoldsEstimated;
                if (row != e.Verdict)
                {
                    failures.Add($"{g.Id}: row verdict {e.Verdict}, test {row}");
                }

                double? expectedStep = row == Verdict.HoldsCertified ? mu : StepFrom(g, stepBounds.AlphaW, stepBounds.BetaW);
                if (!Near(expectedStep, e.Step))
                {
                    failures.Add($"{g.Id}: run step {e.Step}, test {expectedStep}");
                }

                // The rate from δ_2s and δ_3s: certified at the certified step when the row is certified, else the witnesses' estimate.
                double? rate = g.Rate is null || row == Verdict.FailsCertified ? null
                    : g.Rate(new Dictionary<int, double>
                    {
                        [2 * S] = row == Verdict.HoldsCertified ? CertifiedImplied(2 * S) ?? 1.0 : WitnessImplied(2 * S),
                        [3 * S] = row == Verdict.HoldsCertified ? CertifiedImplied(3 * S) ?? 1.0 : WitnessImplied(3 * S),
                    }, S, k);
                if (!Near(rate, e.PredictedRate))
                {
                    failures.Add($"{g.Id}: rate {e.PredictedRate}, test {rate}");
                }
            }

            var all = GuaranteeCatalogue.All.Select(g => GuaranteeEvaluator.Evaluate(g, S, S, Samples, book, false).Verdict).ToArray();
            return (failures.Count == 0).Label(string.Join(" | ", failures.Take(3)))
                .Classify(all.Contains(Verdict.HoldsCertified), "some row holds-certified")
                .Classify(all.Contains(Verdict.HoldsEstimated), "some row holds-estimated")
                .Classify(all.Contains(Verdict.FailsCertified), "some row fails-certified")
                .Classify(levels.Any(c => c.BetaWitness == 0), "a level with witness β = 0");
        });

    // The premise floor: over 200 synthetic books every verdict occurs for the δ_3s rows, so the rule above is exercised in each branch.
    [Property(MaxTest = 1)]
    public Property EveryVerdictOccurs() =>
        Prop.ForAll(Gen.ArrayOf(Books.Generator, 200).ToArbitrary(), books =>
        {
            var verdicts = books.SelectMany(levels => GuaranteeCatalogue.All.Select(g => GuaranteeEvaluator.Evaluate(g, S, S, Samples, new ConstantBook(levels, [], Unknowns), false).Verdict)).ToArray();
            double Rate(Verdict v) => verdicts.Count(x => x == v) / (double)verdicts.Length;
            return (Rate(Verdict.HoldsCertified) >= 0.05 && Rate(Verdict.HoldsEstimated) >= 0.05 && Rate(Verdict.FailsCertified) >= 0.05)
                .Label($"holds-certified {Rate(Verdict.HoldsCertified):P0}, holds-estimated {Rate(Verdict.HoldsEstimated):P0}, fails-certified {Rate(Verdict.FailsCertified):P0}");
        });

    // A step needs β > 0: β = 0 (a zero Gram on the step level) gives no finite step, so there is none.
    private static double? StepFrom(Guarantee g, double alpha, double beta) =>
        !(beta > 0) ? null : g.Step == StepRule.BestRescaling ? 2.0 / (Samples * (alpha + beta)) : 2.0 / (3.0 * Samples * beta);

    private static bool Near(double? a, double? b) =>
        (a is null && b is null) || (a is double x && b is double y && (x == y || (double.IsFinite(x) && double.IsFinite(y) && Math.Abs(x - y) <= 1e-12 * Math.Max(Math.Abs(x), Math.Abs(y)))));
}
