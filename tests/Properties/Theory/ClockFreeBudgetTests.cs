using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Theory.Audit;
using SparseIhtVerify.Theory.Constants;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// No result depends on the clock unless a cap is asked for: budgets are work units by default, and when an explicit
/// time cap ends a search the constants say so.
/// </summary>
public sealed class ClockFreeBudgetTests
{
    // The library's and the audit's defaults carry no time cap (before: 20 s per level, 15 s in the CLI, 20 s of model check).
    [Fact]
    public void DefaultBudgetsHaveNoTimeCap()
    {
        Assert.Null(new EstimationBudget().SecondsCap);
        Assert.Null(new AuditOptions(new EstimationBudget(), []).ModelCheckSecondsCap);
    }

    // A search ended by an explicit cap says so ("stopped by the time cap after N of M supports"); without one, never.
    [Fact]
    public void TimeCapThatEndsASearchIsReported()
    {
        var c = new SmallNetworkCase(30, 3, 6, 2000, 1, WeightDistribution.Gaussian, PatternRule.GreaterOrEqual, DictionaryKind.Planted, 0);
        SmallNetworkInstance instance = c.Build();
        RestrictedConstants capped = RestrictedConstantEstimator.Estimate(instance.Operator, 12, null, new EstimationBudget(Supports: 1_000_000, SecondsCap: 1e-9, Enumerate: false), instance.Operator);
        Assert.Equal(SearchEnd.TimeCap, capped.End);
        Assert.StartsWith("stopped by the time cap after", capped.EndText);
        RestrictedConstants free = RestrictedConstantEstimator.Estimate(instance.Operator, 12, null, new EstimationBudget(Supports: 300, Enumerate: false), instance.Operator);
        Assert.NotEqual(SearchEnd.TimeCap, free.End);
    }

    // The work budget ends a search deterministically: the same supports and numbers in two runs, and it says which budget ended it.
    [Fact]
    public void WorkBudgetEndsTheSearchDeterministically()
    {
        var c = new SmallNetworkCase(30, 3, 6, 2000, 1, WeightDistribution.Gaussian, PatternRule.GreaterOrEqual, DictionaryKind.Planted, 0);
        SmallNetworkInstance instance = c.Build();
        var budget = new EstimationBudget(Supports: 1_000_000, Work: 2e6, Enumerate: false);
        RestrictedConstants first = RestrictedConstantEstimator.Estimate(instance.Operator, 12, null, budget, instance.Operator);
        RestrictedConstants second = RestrictedConstantEstimator.Estimate(instance.Operator, 12, null, budget, instance.Operator);
        Assert.Equal(SearchEnd.WorkBudget, first.End);
        Assert.Equal(first.SupportsExamined, second.SupportsExamined);
        Assert.Equal(first.AlphaWitness, second.AlphaWitness);
        Assert.Equal(first.BetaWitness, second.BetaWitness);
        Assert.StartsWith("stopped by the work budget", first.EndText);
    }
}
