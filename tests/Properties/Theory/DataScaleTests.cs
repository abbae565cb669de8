using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Theory.Audit;
using SparseIhtVerify.Theory.Constants;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// Verdicts are scale-free (theory.md §3: scaling X by c scales A by c and G by c², leaving δ and κ unchanged), and the
/// audit computes in range: X×1e160 (whose Gram overflows) and X×1e−300 (whose Gram underflows) give the verdicts of X.
/// </summary>
public sealed class DataScaleTests
{
    private static AuditReport AuditScaled(SmallNetworkCase c, double factor)
    {
        SmallNetworkInstance instance = c.Build();
        DataMatrix x = instance.Network.Data;
        var scaled = new DataMatrix(x.Rows, x.Columns, x.Values.ToArray().Select(v => v * factor).ToArray());
        var patterns = ActivationPatterns.Compute(scaled, instance.Dictionary.Generators, c.Rule);
        var sensing = new ActivationPatternOperator(scaled, patterns);
        var truth = new SparseVector(c.Columns, instance.Network.FusedWeights.Indices, instance.Network.FusedWeights.Values);
        double[] labels = sensing.Forward(truth);
        var subject = new AuditSubject(sensing, instance.Dictionary.Generators.ToArray(), c.Nonzeros, c.Nonzeros, labels, truth);
        return Auditor.Run(subject, new AuditOptions(new EstimationBudget(Supports: 200, Directions: 5), []));
    }

    private static string[] Verdicts(AuditReport r) => r.Guarantees.Select(g => $"{g.Guarantee.Id} {g.Verdict}").Append($"conclusion {r.Conclusion}").ToArray();

    // Scaling X by 2^k (exact in floating point) keeps every verdict and every δ, and multiplies α, β by 4^k where no rescaling was needed.
    [Property(MaxTest = 25)]
    public Property VerdictsAreScaleFree() =>
        Prop.ForAll(GuaranteeCase.CaseGen(restrict: false, minSamples: 300, maxSamples: 1500).ToArbitrary(), Gen.Elements(-700, -300, -3, 5, 300, 700).ToArbitrary(), (g, k) =>
        {
            var c = g.Network;
            AuditReport plain = AuditScaled(c, 1), scaled = AuditScaled(c, Math.ScaleB(1, k));
            bool sameVerdicts = Verdicts(plain).SequenceEqual(Verdicts(scaled));
            double expected = scaled.DataScaleExponent == 0 ? Math.ScaleB(1, 2 * k) : Math.ScaleB(1, 2 * (k + scaled.DataScaleExponent));
            bool constants = plain.UniformConstants.Zip(scaled.UniformConstants).All(p =>
                Math.Abs(p.Second.BetaWitness - p.First.BetaWitness * expected) <= 1e-9 * p.First.BetaWitness * expected
                && Math.Abs(p.Second.DeltaWitness - p.First.DeltaWitness) <= 1e-9);
            return sameVerdicts.Label($"verdicts {string.Join(", ", Verdicts(plain))} vs {string.Join(", ", Verdicts(scaled))} at 2^{k}; {c}")
                .And(constants.Label($"constants did not scale by 4^{k} (scale exponent applied {scaled.DataScaleExponent}); {c}"))
                .Classify(scaled.DataScaleExponent != 0, "rescaled for range")
                .Classify(plain.Conclusion == AuditConclusion.Consistent, "consistent");
        });

    // The issue's cases: X×1e160 used to end in an internal error, X×1e−300 in "exact α = β = 0" with every row fails-certified.
    [Theory]
    [InlineData(1e160)]
    [InlineData(1e-300)]
    public void ExtremeScalesGiveTheVerdictsOfTheUnscaledData(double factor)
    {
        var c = new SmallNetworkCase(20, 1, 5, 4000, 0, WeightDistribution.Signs, PatternRule.GreaterOrEqual, DictionaryKind.Planted, 0);
        AuditReport plain = AuditScaled(c, 1), scaled = AuditScaled(c, factor);
        Assert.NotEqual(0, scaled.DataScaleExponent);
        Assert.Equal(Verdicts(plain), Verdicts(scaled));
        Assert.All(scaled.UniformConstants, k => Assert.True(k.AlphaWitness > 0 && double.IsFinite(k.BetaWitness), $"level {k.Level}: α {k.AlphaWitness}, β {k.BetaWitness}"));
    }
}
