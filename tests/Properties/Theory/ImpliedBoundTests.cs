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

    private static GuaranteeEvaluation F10(ConstantBook book, bool restrict = false) =>
        GuaranteeEvaluator.Evaluate(GuaranteeCatalogue.All.Single(g => g.Id == "F10-IHT"), Sparsity, Sparsity, Samples, book, restrict);

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
    }
}
