using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Theory.Audit;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Guarantees;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// Prescribed runs report a violation only when the stated rate is contradicted (a contraction it forbids) or the run
/// diverges; a budget that ends first is inconclusive. Budgets are sized from the row's rate. The instance is the
/// default audit's (d = 20, m = 1, s = 5, n = 4000, ±1 weights), where every k = s row but BD09 holds-certified.
/// </summary>
public sealed class PrescribedRunTests
{
    private static (AuditSubject Subject, AuditReport Report) DefaultAudit()
    {
        var spec = new PlantedNetworkSpec(20, 1, 5, 4000, 0, WeightDistribution.Signs, OutputWeights.Positive);
        PlantedNetwork network = PlantedNetwork.Create(spec);
        GeneratorDictionary dictionary = GeneratorDictionary.Create(DictionaryKind.Planted, network, 0, 0);
        var sensing = ActivationPatternOperator.FromDictionary(network.Data, dictionary, PatternRule.GreaterOrEqual);
        AuditSubject subject = AuditSubject.Planted(new PlantedInstance(network, dictionary, sensing), 5);
        return (subject, Auditor.Run(subject, new AuditOptions(new EstimationBudget(), [])));
    }

    // F10's rate 2δ_3s at δ_3s = 0.499 needs ≈ 9200 steps to reach 1e−8: the budget is sized from the rate (old code: a fixed 3000).
    [Fact]
    public void IterationBudgetIsSizedFromTheRate()
    {
        double rho = 2 * 0.499;
        int needed = (int)Math.Ceiling(Math.Log(Auditor.RecoveryTolerance) / Math.Log(rho));
        Assert.True(Auditor.IterationBudget(rho) >= needed, $"budget {Auditor.IterationBudget(rho)} < {needed} steps the rate needs");
        Assert.Equal(Auditor.ConvergenceOnlyIterations, Auditor.IterationBudget(null));
        Assert.Equal(Auditor.MaxRunIterations, Auditor.IterationBudget(1 - 1e-12));

        var (_, report) = DefaultAudit();
        PrescribedRun f10 = report.Runs.Single(r => r.GuaranteeId == "F10-IHT");
        GuaranteeEvaluation evaluation = report.Guarantees.Single(g => g.Guarantee.Id == "F10-IHT");
        Assert.Equal(Auditor.IterationBudget(evaluation.PredictedRate), f10.IterationBudget);
        Assert.Equal(RunFinding.Honoured, f10.Finding);
    }

    // A convergence-only row run with a step a thousand times too small cannot converge in its budget: inconclusive, never a violation.
    [Fact]
    public void BudgetEndingBeforeConvergenceIsInconclusive()
    {
        var (subject, report) = DefaultAudit();
        GuaranteeEvaluation x23 = report.Guarantees.Single(g => g.Guarantee.Id == "X23-IHT");
        PrescribedRun run = Auditor.RunPrescribed(subject, x23 with { Step = x23.Step / 1000 }, 1);
        Assert.True(run.FinalRelativeError > Auditor.RecoveryTolerance, $"the slowed run converged (e = {run.FinalRelativeError})");
        Assert.Equal(RunFinding.Inconclusive, run.Finding);
        Assert.Contains("inconclusive", run.FindingText);
    }

    // A contraction the stated rate forbids is a violation: FR13's run contracts by ≈ 0.077 per step, so a claimed ρ = 0.01 is contradicted.
    [Fact]
    public void ContractionAboveTheStatedRateIsAViolation()
    {
        var (subject, report) = DefaultAudit();
        GuaranteeEvaluation fr13 = report.Guarantees.Single(g => g.Guarantee.Id == "FR13-IHT");
        Assert.Equal(Verdict.HoldsCertified, fr13.Verdict);
        PrescribedRun run = Auditor.RunPrescribed(subject, fr13 with { PredictedRate = 0.01 }, 1);
        Assert.Equal(RunFinding.Violated, run.Finding);
        Assert.Contains("exceeds", run.FindingText);
        Assert.Equal(RunFinding.Honoured, Auditor.RunPrescribed(subject, fr13, 1).Finding);
    }

    // Divergence is a violation: IHT with a step far above 2/β blows up.
    [Fact]
    public void DivergenceIsAViolation()
    {
        var (subject, report) = DefaultAudit();
        GuaranteeEvaluation x23 = report.Guarantees.Single(g => g.Guarantee.Id == "X23-IHT");
        PrescribedRun run = Auditor.RunPrescribed(subject, x23 with { Step = x23.Step * 10 }, 1);
        Assert.Equal(RunFinding.Violated, run.Finding);
        Assert.Contains("diverged", run.FindingText);
    }
}
