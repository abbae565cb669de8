using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Experiments.Sweep;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver.Metrics;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Solver.Solvers;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// Aggregation of a sweep's rows: the summary of a cell is the mean, rate and majority its definitions say, and it does
/// not depend on the order the rows were stored in.
/// </summary>
public sealed class SweepAggregationProperties
{
    private static readonly SweepGrid Grid = new([4], [1, 2], [1, 2, 3], [80], [0, 1, 2], [SweepMethod.Of(SolverCatalogue.Niht), SweepMethod.Imp], audit: true);

    private static SweepOutcome Outcome(double error, double psnr) =>
        new("converged", 1, new RecoveryMetrics(error, 1, 1, error == 0, psnr, 0, [0], "identity"), 0.5, 0, 1, 1, 36, 64);

    private static SweepAudit Audit(bool certified, bool holds) =>
        new(new Dictionary<string, string> { ["X"] = certified ? "holds-certified" : holds ? "holds-estimated" : "fails-certified" }, certified, certified || holds, "certified", [], 0.1);

    // Random rows for every key of the grid: errors spanning success and failure, PSNR including +∞, random audit verdicts.
    private static List<SweepRow> RandomRows(long seed)
    {
        var random = new SeededRandom(seed);
        var rows = new List<SweepRow>();
        foreach (var (cell, s) in Grid.Units)
        {
            foreach (string method in Grid.RowMethods)
            {
                if (method == SweepMethod.AuditWord)
                {
                    bool certified = random.NextInt(2) == 0;
                    rows.Add(SweepRow.For(cell, s, method, audit: Audit(certified, certified || random.NextInt(2) == 0)));
                }
                else
                {
                    double error = random.NextInt(3) == 0 ? 1e-12 : random.NextDouble();
                    double psnr = random.NextInt(4) == 0 ? double.PositiveInfinity : -20 + (80 * random.NextDouble());
                    rows.Add(SweepRow.For(cell, s, method, Outcome(error, psnr)));
                }
            }
        }

        return rows;
    }

    // Shuffling the rows (the order they finished in) changes no summary, to the last bit.
    [Property(MaxTest = 50)]
    public Property SummaryDoesNotDependOnRowOrder() =>
        Prop.ForAll(Arb.From(from seed in InstanceGenerators.Seed from order in InstanceGenerators.Seed select (seed, order)), t =>
        {
            List<SweepRow> rows = RandomRows(t.seed);
            var shuffle = new SeededRandom(t.order);
            SweepRow[] shuffled = rows.OrderBy(_ => shuffle.NextUInt64()).ToArray();
            var a = SweepAggregation.Summarize(rows, Grid);
            var b = SweepAggregation.Summarize(shuffled, Grid);
            return (a.Count == b.Count && a.Zip(b).All(p => p.First == p.Second)).Label($"summaries differ after shuffling (seed {t.seed}, order {t.order})");
        });

    // Means, success rates and the majority rule, computed by hand from the rows of each cell.
    [Property(MaxTest = 50)]
    public Property SummaryFollowsTheDefinitions() =>
        Prop.ForAll(Arb.From(InstanceGenerators.Seed), seed =>
        {
            List<SweepRow> rows = RandomRows(seed);
            const double threshold = 1e-6;
            var summaries = SweepAggregation.Summarize(rows, Grid, threshold);
            bool all = true;
            string why = string.Empty;
            foreach (SweepCellSummary summary in summaries)
            {
                var mine = rows.Where(r => r.Cell == summary.Cell && r.Method == summary.Method).OrderBy(r => r.Seed).Select(r => r.Outcome!).ToArray();
                var audits = rows.Where(r => r.Cell == summary.Cell && r.Audit is not null).Select(r => r.Audit!).ToArray();
                double psnr = mine.Select(o => double.IsPositiveInfinity(o.Metrics.PsnrDb) ? SweepAggregation.PsnrCeilingDb : o.Metrics.PsnrDb).Sum() / mine.Length;
                double rate = mine.Count(o => o.Metrics.RelativeWeightError <= threshold) / (double)mine.Length;
                int certified = audits.Count(a => a.AnyHoldsCertified), holds = audits.Count(a => a.AnyHolds);
                SweepTheory theory = certified * 2 > audits.Length ? SweepTheory.HoldsCertified : holds * 2 > audits.Length ? SweepTheory.HoldsEstimated : SweepTheory.None;
                bool ok = summary.Seeds == 3 && Math.Abs(summary.MeanPsnrDb - psnr) <= 1e-12 * Math.Abs(psnr) + 1e-12 && summary.SuccessRate == rate
                    && Math.Abs(summary.MeanWeightError - mine.Average(o => o.Metrics.RelativeWeightError)) <= 1e-15 && summary.Theory == theory
                    && summary.AuditedSeeds == 3 && summary.CertifiedSeeds == certified && summary.HoldingSeeds == holds;
                if (!ok)
                {
                    all = false;
                    why = $"{summary} vs psnr {psnr}, rate {rate}, theory {theory}";
                    break;
                }
            }

            return (all && summaries.Count == Grid.FeasibleCells.Count() * Grid.Methods.Count).Label($"seed {seed}: {why}");
        });

    // Cells with no rows yet are left out; a cell with one stored seed summarises that seed alone.
    [Fact]
    public void PartialSweepsSummariseWhatIsStored()
    {
        var cell = new SweepCell(4, 2, 3, 80);
        var rows = new[] { SweepRow.For(cell, 1, "niht", Outcome(1e-9, double.PositiveInfinity)), SweepRow.For(cell, 1, "niht", Outcome(0.5, 3)) };
        var summaries = SweepAggregation.Summarize(rows, Grid);
        SweepCellSummary only = Assert.Single(summaries);
        Assert.Equal(1, only.Seeds);
        Assert.Equal(SweepAggregation.PsnrCeilingDb, only.MeanPsnrDb);
        Assert.Equal(1.0, only.SuccessRate);
        Assert.Equal(SweepTheory.NotAudited, only.Theory);
    }
}
