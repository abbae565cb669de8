using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Guarantees;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// Implications between levels and clauses (theory.md §3): δ is monotone in the level, and for uniform constants
/// δ_3s ≤ 2δ_2s (Foucart &amp; Rauhut 2013, Prop. 6.6). The evaluator must propagate them before judging, and say so.
/// Synthetic constants make each case exact: N = 100, s = 2, n = 1000.
/// </summary>
public sealed class ImpliedBoundTests
{
    private const int Samples = 1000, Unknowns = 100, Sparsity = 2;

    private static RestrictedConstants Witness(int level, double alpha, double beta, double? alphaCertified = null, double? betaCertified = null, bool restricted = false) =>
        new(level, level, restricted, false, alpha, [], beta, [], alphaCertified, betaCertified, null, null, 1, 0, 0, []);

    private static GuaranteeEvaluation F10(ConstantBook book, bool restrict = false) => F10(book, restrict, Sparsity);

    private static GuaranteeEvaluation F10(ConstantBook book, bool restrict, int sparsity) =>
        GuaranteeEvaluator.Evaluate(GuaranteeCatalogue.All.Single(g => g.Id == "F10-IHT"), sparsity, sparsity, Samples, book, restrict);

    // A witness δ_3s ≥ 1/2 forces δ_2s ≥ 1/4: F10-IHT must be fails-certified, not holds-estimated from a small witness δ_2s.
    [Fact]
    public void WitnessDeltaThreeSBoundsDeltaTwoSFromBelow()
    {
        // δ_2s witness (1.2 − 0.8)/(1.2 + 0.8) = 0.2 < 1/4; δ_3s witness (1.5 − 0.3)/1.8 = 0.667 ≥ 1/2, so δ_2s ≥ 0.333.
        var book = new ConstantBook([Witness(4, 0.8, 1.2), Witness(6, 0.3, 1.5)], [], Unknowns);
        GuaranteeEvaluation f10 = F10(book);
        ClauseEvaluation twoS = f10.Clauses.Single(c => c.Text.StartsWith("δ_2s", StringComparison.Ordinal));
        Assert.Equal(1.2 / 1.8 / 2, twoS.WitnessValue, 12);
        Assert.Contains("δ_3s ≤ 2δ_2s", twoS.WitnessFrom);
        Assert.Equal(Verdict.FailsCertified, twoS.Verdict);
        Assert.Equal(Verdict.FailsCertified, f10.Verdict);
    }

    // A certified δ_2s bounds δ_3s at the same step: 2·δ_2s certifies δ_3s < 1/2 where the level-3s certificate alone does not.
    [Fact]
    public void CertifiedDeltaTwoSBoundsDeltaThreeSFromAbove()
    {
        // At 2s the certificate is tight (α, β ∈ [0.9, 1.1]); at 3s only [0.1, 1.9]: direct δ_3s ≤ 0.9, implied 2·δ_2s ≤ 2·0.1·(…) < 1/2.
        var book = new ConstantBook([Witness(4, 0.95, 1.05, 0.9, 1.1), Witness(6, 0.9, 1.1, 0.1, 1.9)], [], Unknowns);
        GuaranteeEvaluation f10 = F10(book);
        ClauseEvaluation threeS = f10.Clauses.Single(c => c.Text.StartsWith("δ_3s", StringComparison.Ordinal));
        double mu = f10.CertifiedStep!.Value;
        Assert.Equal(2 / (Samples * (0.1 + 1.9)), mu, 15);
        double twoS = Math.Max(1 - mu * Samples * 0.9, mu * Samples * 1.1 - 1);
        Assert.Equal(2 * twoS, threeS.CertifiedValue!.Value, 12);
        Assert.Contains("δ_3s ≤ 2δ_2s", threeS.CertifiedFrom);
        Assert.Equal(Verdict.HoldsCertified, threeS.Verdict);
        Assert.Equal(mu, threeS.CertifiedStep);

        // A stronger certificate at level 1 < 2s holds only there: it must not enter the implication at 2s.
        var withLower = new ConstantBook([Witness(1, 0.99, 1.01, 0.99, 1.01), Witness(4, 0.95, 1.05, 0.9, 1.1), Witness(6, 0.9, 1.1, 0.1, 1.9)], [], Unknowns);
        Assert.Equal(2 * twoS, F10(withLower).Clauses.Single(c => c.Text.StartsWith("δ_3s", StringComparison.Ordinal)).CertifiedValue!.Value, 12);

        // With no estimate at or below 2s, the witness of δ_2s comes from δ_3s/2 alone.
        var onlyThree = new ConstantBook([Witness(6, 0.3, 1.5)], [], Unknowns);
        Assert.Equal(1.2 / 1.8 / 2, F10(onlyThree).Clauses.Single(c => c.Text.StartsWith("δ_2s", StringComparison.Ordinal)).WitnessValue, 12);
    }

    // Witnesses hold upwards and certificates downwards in the level: a smaller λ_min found at 2s is a witness at 3s, and a
    // certificate at N holds at every level below it.
    [Fact]
    public void BoundsPropagateMonotonicallyAcrossLevels()
    {
        var book = new ConstantBook([Witness(4, 0.2, 1.0), Witness(6, 0.5, 1.2, 0.05, 2.5), Witness(100, 0.1, 1.3, 0.1, 1.4)], [], Unknowns);
        LevelBounds six = book.At(6, SupportFamily.Uniform);
        Assert.Equal(0.2, six.AlphaUpper!.Value);
        Assert.Equal(4, six.AlphaUpper.FromLevel);
        Assert.Equal(0.1, six.AlphaLower!.Value);
        Assert.Equal(1.4, six.BetaUpper!.Value);
        Assert.Equal(100, six.BetaUpper.FromLevel);
        Assert.Equal(1.2, six.BetaLower!.Value);
    }

    // δ_3s ≤ 2δ_2s holds for uniform constants only: restricted witnesses at 3s never raise the δ_2s bound of a uniform clause,
    // and witnesses over all supports never bound constants over supports ⊇ S*.
    [Fact]
    public void RestrictedConstantsNeverFeedUniformImplicationsTheWrongWay()
    {
        var book = new ConstantBook([Witness(4, 0.8, 1.2), Witness(6, 0.3, 1.5)], [Witness(4, 0.9, 1.1, restricted: true), Witness(6, 0.85, 1.15, restricted: true)], Unknowns);
        LevelBounds restricted = book.At(6, SupportFamily.ContainingTruth);
        Assert.Equal(0.85, restricted.AlphaUpper!.Value);
        Assert.Equal(SupportFamily.ContainingTruth, restricted.AlphaUpper.FromFamily);
        LevelBounds uniform = book.At(6, SupportFamily.Uniform);
        Assert.Equal(0.3, uniform.AlphaUpper!.Value);

        // FR13's δ_3s clause judged over supports ⊇ S*: its witness is the restricted (1.15 − 0.85)/2 = 0.15, never the uniform δ_3s/2.
        ClauseEvaluation fr13 = GuaranteeEvaluator.Evaluate(GuaranteeCatalogue.All.Single(g => g.Id == "FR13-IHT"), Sparsity, Sparsity, Samples, book, true).Clauses.Single();
        Assert.Equal(SupportFamily.ContainingTruth, fr13.JudgedFamily);
        Assert.Equal(0.3 / 2.0, fr13.WitnessValue, 12);
        Assert.Equal(SupportFamily.Uniform, F10(book, restrict: false).Clauses[0].JudgedFamily);

        // F11's rate in the ⊇ S* family uses the restricted witnesses at 2s and 3s: δ_2s = 0.1, δ_3s = 0.15 (never the uniform δ_3s/2).
        GuaranteeEvaluation f11 = GuaranteeEvaluator.Evaluate(GuaranteeCatalogue.All.Single(g => g.Id == "F11-HTP"), Sparsity, Sparsity, Samples, book, true);
        Assert.Equal(Verdict.HoldsEstimated, f11.Verdict);
        Assert.Equal(Math.Sqrt(2 * 0.15 * 0.15 / (1 - 0.1 * 0.1)), f11.PredictedRate!.Value, 12);
        Assert.Equal(SupportFamily.Uniform, F10(book, restrict: false).StepFamily);
    }

    // The bound is strict: δ_2s = 1/4 exactly (α = 3/4, β = 5/4 at μ·n = 1, all exact in binary) is not holds-certified; as a witness it fails.
    [Fact]
    public void ConditionsAreStrictAtTheirBound()
    {
        var book = new ConstantBook([Witness(4, 0.75, 1.25, 0.75, 1.25), Witness(6, 0.75, 1.25, 0.75, 1.25)], [], Unknowns);
        GuaranteeEvaluation f10 = F10(book);
        Assert.Equal(1.0, f10.CertifiedStep!.Value * Samples, 15);
        ClauseEvaluation twoS = f10.Clauses.Single(c => c.Text.StartsWith("δ_2s", StringComparison.Ordinal));
        Assert.Equal(0.25, twoS.CertifiedValue);
        Assert.Equal(0.25, twoS.WitnessValue);
        Assert.Equal(Verdict.FailsCertified, twoS.Verdict);
        Assert.Equal(Verdict.HoldsCertified, f10.Verdict);
    }

    // No witness over supports ⊇ S* at the level and no certificate: the clause and the row are unknown, and an all-zero level has no step.
    [Fact]
    public void MissingWitnessesGiveUnknownAndZeroConstantsGiveNoStep()
    {
        var book = new ConstantBook([Witness(4, 0.8, 1.2), Witness(6, 0.7, 1.3)], [Witness(100, 0.5, 1.5, restricted: true)], Unknowns);
        GuaranteeEvaluation fr13 = GuaranteeEvaluator.Evaluate(GuaranteeCatalogue.All.Single(g => g.Id == "FR13-IHT"), Sparsity, Sparsity, Samples, book, true);
        Assert.True(double.IsNaN(fr13.Clauses.Single().WitnessValue));
        Assert.Equal(Verdict.Unknown, fr13.Clauses.Single().Verdict);
        Assert.Equal(Verdict.Unknown, fr13.Verdict);
        Assert.Null(fr13.PredictedRate);
        var zero = new ConstantBook([Witness(4, 0, 0, 0, 0), Witness(6, 0, 0, 0, 0)], [], Unknowns);
        Assert.Null(F10(zero).CertifiedStep);
        Assert.Null(F10(zero).WitnessStep);
        Assert.Equal(double.PositiveInfinity, zero.At(4, SupportFamily.Uniform).WitnessKappa);
        Assert.Equal(double.PositiveInfinity, zero.At(4, SupportFamily.Uniform).CertifiedKappa);

        // Certified bounds without a certified step (β = 0) give no certified δ, and then no provenance either.
        var noStep = new ConstantBook([Witness(4, 0.5, 1.0, 0.4, 1.1), Witness(6, 0.5, 1.0, 0, 0), Witness(8, 0.5, 1.0, 0.1, 0)], [], Unknowns);
        ClauseEvaluation stepless = F10(noStep).Clauses[0];
        Assert.Null(F10(noStep).CertifiedStep);
        Assert.Null(stepless.CertifiedValue);
        Assert.Null(stepless.CertifiedFrom);
        var infinite = new ConstantBook([Witness(4, double.PositiveInfinity, double.NegativeInfinity)], [], Unknowns);
        Assert.Null(infinite.At(4, SupportFamily.Uniform).AlphaUpper);
        Assert.Null(infinite.At(4, SupportFamily.Uniform).BetaLower);
    }

    // Levels above N are capped: a clause at 3s = 6 with N = 5 is judged at level 5, and the estimate at 5 is its own (no provenance line).
    [Fact]
    public void LevelsAboveTheUnknownsAreCapped()
    {
        var book = new ConstantBook([Witness(4, 0.9, 1.1, 0.85, 1.15), Witness(5, 0.8, 1.2, 0.75, 1.25)], [], unknowns: 5);
        ClauseEvaluation threeS = F10(book).Clauses[0];
        Assert.Equal(6, threeS.Level);
        Assert.Equal(5, threeS.EffectiveLevel);
        Assert.Null(threeS.CertifiedFrom);
        Assert.Null(threeS.WitnessFrom);
    }

    // A bound is exact only when read off an exact estimate of the same level and family; otherwise it is a witness or a certificate.
    [Fact]
    public void BoundKindsAreExactOnlyAtTheirOwnLevelAndFamily()
    {
        RestrictedConstants exact = new(100, 100, false, true, 0.1, [], 1.3, [], 0.1, 1.3, null, null, 1, 0, 0, []);
        var book = new ConstantBook([Witness(4, 0.2, 1.0, 0.05, 2.5), exact], [Witness(100, 0.3, 1.2, restricted: true)], Unknowns);
        LevelBounds own = book.At(100, SupportFamily.Uniform);
        Assert.Equal(ConstantKind.Exact, own.AlphaUpper!.Kind);
        Assert.Equal(ConstantKind.Exact, own.AlphaLower!.Kind);
        Assert.Equal(ConstantKind.Exact, own.BetaLower!.Kind);
        Assert.Equal(ConstantKind.Exact, own.BetaUpper!.Kind);
        LevelBounds lower = book.At(4, SupportFamily.Uniform);
        Assert.Equal(ConstantKind.Witness, lower.AlphaUpper!.Kind);
        Assert.Equal(ConstantKind.Certified, lower.BetaUpper!.Kind);
        Assert.Equal(ConstantKind.Witness, lower.BetaLower!.Kind);
        Assert.Equal(100, lower.AlphaLower!.FromLevel);
        LevelBounds restricted = book.At(100, SupportFamily.ContainingTruth);
        Assert.Equal(ConstantKind.Certified, restricted.AlphaLower!.Kind);
        Assert.Equal(SupportFamily.Uniform, restricted.AlphaLower.FromFamily);
        Assert.Equal(ConstantKind.Witness, restricted.AlphaUpper!.Kind);
        Assert.Equal(SupportFamily.ContainingTruth, restricted.AlphaUpper.FromFamily);
    }

    // Equal values at several levels: the bound names the level nearest the one asked for (the deterministic tie rule).
    [Fact]
    public void TiesNameTheNearestLevel()
    {
        var book = new ConstantBook([Witness(2, 0.5, 1.0), Witness(4, 0.5, 1.0), Witness(6, 0.5, 1.0)], [], Unknowns);
        Assert.Equal(6, book.At(6, SupportFamily.Uniform).AlphaUpper!.FromLevel);
        Assert.Equal(4, book.At(5, SupportFamily.Uniform).BetaLower!.FromLevel);
        var families = new ConstantBook([Witness(6, 0.5, 1.0)], [Witness(6, 0.5, 1.0, restricted: true)], Unknowns);
        Assert.Equal(SupportFamily.Uniform, families.At(6, SupportFamily.Uniform).AlphaUpper!.FromFamily);
        Assert.Equal(SupportFamily.ContainingTruth, families.At(6, SupportFamily.ContainingTruth).AlphaUpper!.FromFamily);
    }

    // Restricting to S* without constants over supports ⊇ S* judges every clause with uniform constants.
    [Fact]
    public void RestrictingWithoutRestrictedConstantsJudgesUniformly()
    {
        var book = new ConstantBook([Witness(4, 0.8, 1.2), Witness(6, 0.3, 1.5)], [], Unknowns);
        Assert.False(book.HasRestricted);
        Assert.All(F10(book, restrict: true).Clauses, c => Assert.Equal(SupportFamily.Uniform, c.JudgedFamily));
        var restricted = new ConstantBook([Witness(4, 0.8, 1.2), Witness(6, 0.3, 1.5)], [Witness(6, 0.4, 1.4, restricted: true)], Unknowns);
        Assert.True(restricted.HasRestricted);
        Assert.Equal([SupportFamily.ContainingTruth, SupportFamily.Uniform], F10(restricted, restrict: true).Clauses.Select(c => c.JudgedFamily));
        Assert.Equal(SupportFamily.ContainingTruth, F10(restricted, restrict: true).StepFamily);
    }

    // A clause says where a bound came from when it is not its own level's estimate, and says nothing when it is.
    [Fact]
    public void ClausesNameTheLevelABoundCameFrom()
    {
        var book = new ConstantBook([Witness(4, 0.2, 1.0, 0.15, 1.1), Witness(6, 0.5, 1.2, 0.1, 1.4), Witness(100, 0.05, 1.3, 0.12, 1.35)], [], Unknowns);
        GuaranteeEvaluation x23 = GuaranteeEvaluator.Evaluate(GuaranteeCatalogue.All.Single(g => g.Id == "X23-IHT"), Sparsity, Sparsity, Samples, book, false);
        ClauseEvaluation twoS = x23.Clauses.Single();
        Assert.Null(twoS.CertifiedFrom);
        var fr13 = GuaranteeEvaluator.Evaluate(GuaranteeCatalogue.All.Single(g => g.Id == "FR13-IHT"), Sparsity, Sparsity, Samples, book, false).Clauses.Single();
        Assert.Equal("α from level 4 (a witness at a lower level holds at a higher one)", fr13.WitnessFrom);
        Assert.Equal("α from level 100, β from level 100 (a certificate at a higher level holds at a lower one)", fr13.CertifiedFrom);
        var restrictedBook = new ConstantBook([Witness(4, 0.9, 1.1, 0.8, 1.2), Witness(6, 0.85, 1.15, 0.7, 1.3)], [Witness(4, 0.5, 1.0, restricted: true), Witness(6, 0.4, 1.1, restricted: true)], Unknowns);
        var uniformClause = F10(restrictedBook, restrict: true).Clauses.Single(c => c.Text.StartsWith("δ_2s", StringComparison.Ordinal));
        Assert.Contains("(supports ⊇ S*)", uniformClause.WitnessFrom);
        var restrictedClause = F10(restrictedBook, restrict: true).Clauses.Single(c => c.Text.StartsWith("δ_3s", StringComparison.Ordinal));
        Assert.Contains("(uniform)", restrictedClause.CertifiedFrom);
        ClauseEvaluation jtk = GuaranteeEvaluator.Evaluate(GuaranteeCatalogue.All.Single(g => g.Id == "JTK14"), Sparsity, Sparsity, Samples, book, false).Clauses.Single();
        // JTK's level 2k + s = 130 is capped at N = 100, whose own estimate gives κ ≤ 1.35/0.12; κ carries no step.
        Assert.Equal(1.35 / 0.12, jtk.CertifiedValue!.Value, 12);
        Assert.Equal(100, jtk.EffectiveLevel);
        Assert.Null(jtk.CertifiedFrom);
        Assert.Null(jtk.WitnessFrom);
        Assert.Null(jtk.CertifiedStep);
    }

    // A κ clause names where its bounds came from as a δ clause does: with N = 1000, JTK's level 2k + s = 130 lies between the book's
    // levels 100 and 200, so its certified κ comes from level 200's certificate and its witness κ from level 100's witnesses.
    [Fact]
    public void KappaClausesNameTheLevelsTheirBoundsCameFrom()
    {
        var book = new ConstantBook([Witness(100, 0.3, 1.2, 0.2, 1.3), Witness(200, 0.1, 1.5, 0.05, 1.7)], [], 1000);
        ClauseEvaluation jtk = GuaranteeEvaluator.Evaluate(GuaranteeCatalogue.All.Single(g => g.Id == "JTK14"), Sparsity, Sparsity, Samples, book, false).Clauses.Single();
        Assert.Equal(130, jtk.EffectiveLevel);
        Assert.Equal(1.7 / 0.05, jtk.CertifiedValue!.Value, 12);
        Assert.Equal(1.2 / 0.3, jtk.WitnessValue, 12);
        Assert.Equal("α from level 200, β from level 200 (a certificate at a higher level holds at a lower one)", jtk.CertifiedFrom);
        Assert.Equal("α from level 100, β from level 100 (a witness at a lower level holds at a higher one)", jtk.WitnessFrom);
    }

    // The same rule on synthetic rows whose levels all differ (s = 1; step at 5s; clauses κ at 7s and δ at 11s): the step's and every clause's
    // level always, 2s and 3s exactly when the row has a rate or any δ clause (in the catalogue these levels coincide, so it cannot tell).
    [Fact]
    public void LevelsAreTheStepTheClausesAndTheRateLevels()
    {
        static ConditionClause Clause(ConditionQuantity quantity, int multiple) =>
            new(quantity, multiple, 0, (_, _) => 1.0, "synthetic", SupportFamily.Uniform, "synthetic");
        static int[] Levels(bool rate, params ConditionClause[] clauses)
        {
            Guarantee row = GuaranteeCatalogue.All[0] with
            {
                StepSparsityMultiple = 5, StepProjectionMultiple = 0, AnyOf = clauses, Rate = rate ? (_, _, _) => 0.5 : null,
            };
            return GuaranteeEvaluator.Levels(row, 1, 1, Unknowns).Distinct().Order().ToArray();
        }

        ConditionClause kappa = Clause(ConditionQuantity.Kappa, 7), delta = Clause(ConditionQuantity.Delta, 11);
        Assert.Equal([5, 7], Levels(false, kappa));
        Assert.Equal([2, 3, 5, 7], Levels(true, kappa));
        Assert.Equal([2, 3, 5, 7, 11], Levels(false, kappa, delta));
    }

    // Each row asks for the levels of its step, its clauses, and 2s and 3s (rates and implications); JTK's projection is max(k, 32s) capped at N.
    [Fact]
    public void RowsAskForTheLevelsTheyNeed()
    {
        Guarantee F(string id) => GuaranteeCatalogue.All.Single(g => g.Id == id);
        Assert.Equal([4, 6], GuaranteeEvaluator.Levels(F("F11-HTP"), 2, 2, Unknowns).Distinct().Order());
        Assert.Equal([4, 6], GuaranteeEvaluator.Levels(F("X23-IHT"), 2, 2, Unknowns).Distinct().Order());
        Assert.Equal([2 * 64 + 2], GuaranteeEvaluator.Levels(F("JTK14"), 2, 2, Unknowns).Distinct());
        Assert.Equal(64, GuaranteeEvaluator.PrescribedProjection(F("JTK14"), 2, 2, Unknowns));
        Assert.Equal(80, GuaranteeEvaluator.PrescribedProjection(F("JTK14"), 2, 80, Unknowns));
        Assert.Equal(50, GuaranteeEvaluator.PrescribedProjection(F("JTK14"), 2, 2, 50));
        Assert.Equal(2, GuaranteeEvaluator.PrescribedProjection(F("FR13-IHT"), 2, 80, Unknowns));
    }
}
