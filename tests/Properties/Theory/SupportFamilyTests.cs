using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Theory.Audit;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Guarantees;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// Support families (theory.md §3): constants over supports ⊇ S* may judge only clauses whose proofs use sets that
/// contain S*. The counterexample A = [[1,0,0],[0,1,1]], S* = {0}, s = 1, y = A e₀ has restricted δ_2 = 0, yet IHT
/// with μ = 1 from w₀ = 2e₁ cycles 2e₁ → −2e₂ → 2e₁: a clause in δ_2s judged with restricted constants would certify a
/// guarantee that fails.
/// </summary>
public sealed class SupportFamilyTests
{
    /// <summary>A = X = [[1,0,0],[0,1,1]] as a one-block network operator: the generator h = (1,1,1) is on at both samples.</summary>
    private static AuditSubject Counterexample()
    {
        var data = new DataMatrix(2, 3, [1, 0, 0, 0, 1, 1]);
        ActivationPatterns patterns = ActivationPatterns.Compute(data, [1, 1, 1], PatternRule.GreaterOrEqual);
        var sensing = new ActivationPatternOperator(data, patterns);
        return new AuditSubject(sensing, new double[] { 1, 1, 1 }, 1, 1, [1, 0], new SparseVector(3, [0], [1]));
    }

    // The counterexample is real: plain IHT (H_1(w − Aᵀ(Aw − y)), μ = 1) from w₀ = 2e₁ returns to 2e₁ after two steps and never reaches e₀.
    [Fact]
    public void IhtWithTheRestrictedStepCyclesOnTheCounterexample()
    {
        double[,] a = { { 1, 0, 0 }, { 0, 1, 1 } };
        double[] y = [1, 0];
        double[] w = [0, 2, 0];
        var visited = new List<string>();
        for (int t = 0; t < 6; t++)
        {
            double[] residual = [a[0, 0] * w[0] + a[0, 1] * w[1] + a[0, 2] * w[2] - y[0], a[1, 0] * w[0] + a[1, 1] * w[1] + a[1, 2] * w[2] - y[1]];
            double[] z = Enumerable.Range(0, 3).Select(j => w[j] - (a[0, j] * residual[0] + a[1, j] * residual[1])).ToArray();
            int keep = Enumerable.Range(0, 3).OrderByDescending(j => Math.Abs(z[j])).ThenBy(j => j).First();
            w = Enumerable.Range(0, 3).Select(j => j == keep ? z[j] : 0).ToArray();
            visited.Add(string.Join(",", w));
        }

        Assert.Equal(["0,0,-2", "0,2,0", "0,0,-2", "0,2,0", "0,0,-2", "0,2,0"], visited);
    }

    // Restricted constants of the counterexample: δ_2 over supports ⊇ {0} is 0 (exact), so only the family rule keeps δ_2s clauses honest.
    [Fact]
    public void RestrictedDeltaTwoIsZeroOnTheCounterexample()
    {
        AuditSubject subject = Counterexample();
        RestrictedConstants restricted = RestrictedConstantEstimator.Estimate(subject.Operator, 2, [0], new EstimationBudget(), subject.Gates);
        Assert.True(restricted.IsExact, "C(2, 1) supports should be enumerated");
        Assert.Equal(0, restricted.DeltaWitness, 12);
    }

    // With --restrict-to-support, no row whose clause's proof needs uniform constants (F10's δ_2s, X23-IHT, X23-HTP) may come out
    // holds-certified or holds-estimated on the counterexample; each clause names the family it was judged with.
    [Fact]
    public void UniformProofClausesAreNeverJudgedWithRestrictedConstants()
    {
        AuditReport report = Auditor.Run(Counterexample(), new AuditOptions(new EstimationBudget(), [], RestrictToSupport: true));
        foreach (GuaranteeEvaluation g in report.Guarantees)
        {
            foreach (ClauseEvaluation clause in g.Clauses)
            {
                Assert.True(clause.ProofFamily == SupportFamily.ContainingTruth || clause.JudgedFamily == SupportFamily.Uniform,
                    $"{g.Guarantee.Id} {clause.Text}: proof needs uniform constants but was judged with {clause.JudgedFamily}");
            }

            Assert.False(g.Verdict is Verdict.HoldsCertified or Verdict.HoldsEstimated,
                $"{g.Guarantee.Id} is {g.Verdict} on A = [[1,0,0],[0,1,1]], where IHT with the restricted step cycles");
        }

        Assert.NotEqual(AuditConclusion.Consistent, report.Conclusion);
    }

    // Every catalogue clause carries its proof's support family and why; exactly F10's δ_2s and the X23 rows need uniform constants (theory.md §3).
    [Fact]
    public void CatalogueClausesNameTheirProofFamily()
    {
        var uniform = GuaranteeCatalogue.All.SelectMany(g => g.AnyOf.Where(c => c.ProofFamily == SupportFamily.Uniform).Select(c => $"{g.Id} {c.Text.Split(' ')[0]}")).ToArray();
        Assert.Equal(["F10-IHT δ_2s", "X23-IHT δ_2s", "X23-HTP δ_2s"], uniform);
        Assert.All(GuaranteeCatalogue.All.SelectMany(g => g.AnyOf), c => Assert.False(string.IsNullOrWhiteSpace(c.ProofSupports)));
    }
}
