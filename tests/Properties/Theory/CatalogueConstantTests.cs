using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Solvers;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Guarantees;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// Pins every constant of the guarantee catalogue (theory.md §5) to the literature, with the constants written out here
/// as decimal literals, not recomputed from the catalogue's own expressions: the condition bound of each clause evaluated
/// at several (s, k), the clause levels (a·s + b·k), the step rule and its level, the projection rule, the rate kind and
/// the rate ρ evaluated at chosen δ values, and the support family each clause's proof allows.
/// Sources:
/// JTK14: P. Jain, A. Tewari, P. Kar, "On Iterative Hard Thresholding Methods for High-dimensional M-Estimation", NeurIPS 2014,
///   Thm 1: IHT with step η = 2/(3L) (L the RSS constant), projection size k ≥ 32κ²s, RSC/RSS at level 2k + s; no rate constant.
/// FR13-IHT: S. Foucart, H. Rauhut, "A Mathematical Introduction to Compressive Sensing" (2013), Thm 6.18: δ_3s &lt; 1/√3,
///   ‖x^n − x‖ ≤ ρ^n ‖x^0 − x‖ with ρ = √3·δ_3s.
/// F10-IHT: S. Foucart, "Sparse recovery algorithms: sufficient conditions in terms of restricted isometry constants" (2010):
///   δ_3s &lt; 1/2 with ρ = 2δ_3s; δ_2s &lt; 1/4 through δ_3s ≤ 2δ_2s (Foucart &amp; Rauhut 2013, Prop. 6.6, uniform constants).
/// BD09-IHT: T. Blumensath, M. E. Davies, "Iterative hard thresholding for compressed sensing" (2009): δ_3s &lt; 1/√32,
///   ‖x − x^[t]‖ ≤ 2^(−t)‖x‖, i.e. ρ = 1/2 cumulative from w_0 = 0.
/// F11-HTP: S. Foucart, "Hard thresholding pursuit: an algorithm for compressive sensing" (2011); rate of Foucart &amp; Rauhut (2013),
///   Thm 6.18: δ_3s &lt; 1/√3, ρ = √(2δ_3s²/(1 − δ_2s²)).
/// X23-IHT, X23-HTP: Xie, IEEE Signal Processing Letters 2023: δ_2s &lt; (√5 − 1)/(2√3) ≈ 0.35682 (IHT), δ_2s &lt; 1/√7 ≈ 0.37796 (HTP),
///   proofs bound ⟨Au, Av⟩ off S*, so uniform constants; no rate constant restated.
/// </summary>
public sealed class CatalogueConstantTests
{
    /// <summary>One clause as the literature states it: quantity, level a·s + b·k, the bound at (s, k), the proof's support family.</summary>
    private sealed record Clause(ConditionQuantity Quantity, int A, int B, string LevelText, Func<int, int, double> Bound, string BoundSpelling, SupportFamily Family);

    /// <summary>One row; <see cref="Rate"/> is the expected ρ at δ_2s = 0.1, δ_3s = 0.3 (null when the source states none).</summary>
    private sealed record Row(string Id, SolverKind Algorithm, StepRule Step, int StepA, int StepB, ProjectionRule Projection, Clause[] Clauses, RateKind RateKind, double? Rate, string[] SourceMentions);

    // 1/√3, 1/√32, (√5 − 1)/(2√3), 1/√7 to 17 significant digits.
    private const double InverseSqrt3 = 0.57735026918962576;
    private const double InverseSqrt32 = 0.17677669529663688;
    private const double Xie23Iht = 0.35682208977308993;
    private const double InverseSqrt7 = 0.37796447300922723;

    /// <summary>δ values the rates are evaluated at (levels 2s and 3s); other levels carry decoys that must not be read.</summary>
    private const double Delta2s = 0.1, Delta3s = 0.3;

    private static readonly Row[] Expected =
    [
        // Jain, Tewari & Kar 2014, Thm 1: κ at 2k+s with k ≥ 32κ²s ⇔ κ ≤ √(k/(32s)); step 2/(3nβ) with β at 2k+s; k = max(k, 32s).
        new("JTK14", SolverCatalogue.Iht, StepRule.TwoThirdsOverBeta, 1, 2, ProjectionRule.ThirtyTwoSparsity,
            [new(ConditionQuantity.Kappa, 1, 2, "2k+s", JtkBound, "32κ²s", SupportFamily.ContainingTruth)],
            RateKind.ConvergenceOnly, null, ["Jain, Tewari & Kar", "2014"]),
        // Foucart & Rauhut 2013, Thm 6.18.
        new("FR13-IHT", SolverCatalogue.Iht, StepRule.BestRescaling, 3, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 3, 0, "3s", (_, _) => InverseSqrt3, "1/√3", SupportFamily.ContainingTruth)],
            RateKind.PerStep, 0.51961524227066314, ["Foucart & Rauhut", "2013", "Thm 6.18"]),
        // Foucart 2010: δ_3s < 1/2 (ρ = 2δ_3s) or δ_2s < 1/4.
        new("F10-IHT", SolverCatalogue.Iht, StepRule.BestRescaling, 3, 0, ProjectionRule.Sparsity,
            [
                new(ConditionQuantity.Delta, 3, 0, "3s", (_, _) => 0.5, "1/2", SupportFamily.ContainingTruth),
                new(ConditionQuantity.Delta, 2, 0, "2s", (_, _) => 0.25, "1/4", SupportFamily.Uniform),
            ],
            RateKind.PerStep, 0.6, ["Foucart 2010"]),
        // Blumensath & Davies 2009: δ_3s < 1/√32, error ≤ 2^(−t)‖w*‖.
        new("BD09-IHT", SolverCatalogue.Iht, StepRule.BestRescaling, 3, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 3, 0, "3s", (_, _) => InverseSqrt32, "1/√32", SupportFamily.ContainingTruth)],
            RateKind.Cumulative, 0.5, ["Blumensath & Davies 2009"]),
        // Foucart 2011 (HTP), rate of Foucart & Rauhut 2013 Thm 6.18: √(2·0.09/(1 − 0.01)) = √(0.18/0.99).
        new("F11-HTP", SolverCatalogue.Htp, StepRule.BestRescaling, 3, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 3, 0, "3s", (_, _) => InverseSqrt3, "1/√3", SupportFamily.ContainingTruth)],
            RateKind.PerStep, 0.42640143271122088, ["Foucart 2011", "Thm 6.18"]),
        // Xie 2023: IHT.
        new("X23-IHT", SolverCatalogue.Iht, StepRule.BestRescaling, 2, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 2, 0, "2s", (_, _) => Xie23Iht, "(√5 − 1)/(2√3)", SupportFamily.Uniform)],
            RateKind.ConvergenceOnly, null, ["Xie", "2023"]),
        // Xie 2023: HTP.
        new("X23-HTP", SolverCatalogue.Htp, StepRule.BestRescaling, 2, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 2, 0, "2s", (_, _) => InverseSqrt7, "1/√7", SupportFamily.Uniform)],
            RateKind.ConvergenceOnly, null, ["Xie", "2023"]),
    ];

    /// <summary>(s, k) pairs the bounds and levels are evaluated at.</summary>
    private static readonly (int S, int K)[] Points = [(1, 1), (1, 32), (1, 128), (2, 64), (3, 100), (5, 1000), (7, 3)];

    /// <summary>√(k/(32s)) at the points above, written out: k ≥ 32κ²s ⇔ κ ≤ √(k/(32s)).</summary>
    private static double JtkBound(int s, int k) => (s, k) switch
    {
        (1, 1) => 0.17677669529663688,   // √(1/32)
        (1, 32) => 1.0,
        (1, 128) => 2.0,
        (2, 64) => 1.0,
        (3, 100) => 1.0206207261596576,  // √(100/96)
        (5, 1000) => 2.5,                // √(1000/160)
        (7, 3) => 0.11572751247156893,   // √(3/224)
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static TheoryData<string> Ids => new(Expected.Select(r => r.Id));

    // The catalogue holds exactly the rows of theory.md §5, in that order.
    [Fact]
    public void CatalogueHasTheRowsOfTheoryMdInOrder() =>
        Assert.Equal(Expected.Select(r => r.Id), GuaranteeCatalogue.All.Select(g => g.Id));

    // Every field of the row against the literature: algorithm, step rule and level, projection, clauses (quantity, level, bound at
    // several (s, k), proof family, and that the printed text spells the bound), rate kind and ρ at δ_2s = 0.1, δ_3s = 0.3, source.
    [Theory]
    [MemberData(nameof(Ids))]
    public void RowMatchesTheLiterature(string id)
    {
        Row expected = Expected.Single(r => r.Id == id);
        Guarantee actual = GuaranteeCatalogue.All.Single(g => g.Id == id);
        Assert.Equal(expected.Algorithm, actual.Algorithm);
        Assert.Equal(expected.Step, actual.Step);
        Assert.Equal((expected.StepA, expected.StepB), (actual.StepSparsityMultiple, actual.StepProjectionMultiple));
        Assert.Equal(expected.Projection, actual.Projection);
        Assert.Equal(expected.RateKind, actual.RateKind);
        Assert.Equal(expected.Clauses.Length, actual.AnyOf.Count);
        for (int c = 0; c < expected.Clauses.Length; c++)
        {
            Clause e = expected.Clauses[c];
            ConditionClause a = actual.AnyOf[c];
            string where = $"{id} clause {c} ({a.Text})";
            Assert.True(e.Quantity == a.Quantity, $"{where}: quantity {a.Quantity}, expected {e.Quantity}");
            Assert.True((e.A, e.B) == (a.SparsityMultiple, a.ProjectionMultiple), $"{where}: level {a.LevelText}, expected {e.LevelText}");
            Assert.Equal(e.LevelText, a.LevelText);
            Assert.True(e.Family == a.ProofFamily, $"{where}: proof family {a.ProofFamily}, expected {e.Family}");
            Assert.Contains(e.BoundSpelling, a.Text, StringComparison.Ordinal);
            Assert.Contains(e.LevelText, a.Text, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(a.ProofSupports), $"{where}: no proof-support note");
            foreach ((int s, int k) in Points)
            {
                Assert.Equal(e.A * s + e.B * k, a.Level(s, k));
                double bound = a.Bound(s, k), want = e.Bound(s, k);
                Assert.True(Math.Abs(bound - want) <= 1e-15 * want, $"{where}: bound at s = {s}, k = {k} is {bound:R}, the literature's is {want:R}");
            }
        }

        if (expected.Rate is double rho)
        {
            Assert.NotNull(actual.Rate);
            foreach (int s in new[] { 1, 2, 5 })
            {
                // δ keyed by level, with decoys at s, 4s and 6s + 1 that a rate must not read.
                var deltas = new Dictionary<int, double> { [s] = 0.9, [4 * s] = 0.8, [6 * s + 1] = 0.7, [2 * s] = Delta2s, [3 * s] = Delta3s };
                double value = actual.Rate!(deltas, s, 32 * s);
                Assert.True(Math.Abs(value - rho) <= 1e-15, $"{id}: ρ at δ_2s = {Delta2s}, δ_3s = {Delta3s}, s = {s} is {value:R}, the literature's is {rho:R}");
            }
        }
        else
        {
            Assert.Null(actual.Rate);
        }

        foreach (string mention in expected.SourceMentions)
        {
            Assert.Contains(mention, actual.Source, StringComparison.Ordinal);
        }
    }

    // The written-out constants are what their names say (guards the table above against a typo in a literal).
    [Fact]
    public void WrittenOutConstantsAreTheClosedForms()
    {
        Assert.Equal(InverseSqrt3, 1 / Math.Sqrt(3), 15);
        Assert.Equal(InverseSqrt32, 1 / Math.Sqrt(32), 15);
        Assert.Equal(Xie23Iht, (Math.Sqrt(5) - 1) / (2 * Math.Sqrt(3)), 15);
        Assert.Equal(InverseSqrt7, 1 / Math.Sqrt(7), 15);
        Assert.Equal(0.35682, Xie23Iht, 5);
        Assert.Equal(0.37796, InverseSqrt7, 5);
        foreach ((int s, int k) in Points)
        {
            Assert.Equal(JtkBound(s, k), Math.Sqrt(k / (32.0 * s)), 15);
        }
    }
}
