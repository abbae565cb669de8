using SparseIhtVerify.Solver;

namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>
/// Aggregates a sweep's rows per cell and method. The result depends on the set of rows only, not on the order they
/// were stored in (rows are grouped by key and summed in seed order), so the summary and the plots of a resumed sweep
/// equal those of an uninterrupted one.
/// </summary>
public static class SweepAggregation
{
    /// <summary>The PSNR an exact fit (+∞ dB) counts as in means: above double precision's ≈ 320 dB for exact recovery.</summary>
    public const double PsnrCeilingDb = 350;

    /// <summary>The default success threshold on the relative weight error.</summary>
    public const double DefaultSuccessThreshold = 1e-6;

    /// <summary>
    /// One summary per cell and method with at least one stored row, in grid order (cells as <see cref="SweepGrid.Cells"/>,
    /// methods in canonical order). <paramref name="successThreshold"/>: a seed succeeds when its relative weight error is at most this.
    /// </summary>
    public static IReadOnlyList<SweepCellSummary> Summarize(IEnumerable<SweepRow> rows, SweepGrid grid, double successThreshold = DefaultSuccessThreshold)
    {
        InvalidSettingException.RequirePositive("success", successThreshold);
        var unique = rows.GroupBy(r => r.Key, StringComparer.Ordinal).Select(g => g.First()).ToArray();
        var audits = unique.Where(r => r.Audit is not null).ToLookup(r => r.Cell);
        var outcomes = unique.Where(r => r.Outcome is not null).ToLookup(r => (r.Cell, r.Method));
        var summaries = new List<SweepCellSummary>();
        foreach (SweepCell cell in grid.FeasibleCells)
        {
            SweepAudit[] cellAudits = audits[cell].OrderBy(r => r.Seed).Select(r => r.Audit!).ToArray();
            int certified = cellAudits.Count(a => a.AnyHoldsCertified), holding = cellAudits.Count(a => a.AnyHolds);
            SweepTheory theory = cellAudits.Length == 0 ? SweepTheory.NotAudited
                : 2 * certified > cellAudits.Length ? SweepTheory.HoldsCertified
                : 2 * holding > cellAudits.Length ? SweepTheory.HoldsEstimated
                : SweepTheory.None;
            foreach (SweepMethod method in grid.Methods)
            {
                string word = method.Word;
                SweepOutcome[] runs = outcomes[(cell, word)].OrderBy(r => r.Seed).Select(r => r.Outcome!).ToArray();
                if (runs.Length == 0)
                {
                    continue;
                }

                double[] errors = runs.Select(o => o.Metrics.RelativeWeightError).ToArray();
                summaries.Add(new SweepCellSummary(
                    cell, word, runs.Length,
                    MeanPsnrDb: runs.Average(o => CappedPsnr(o.Metrics.PsnrDb)),
                    SuccessRate: runs.Count(o => o.Metrics.RelativeWeightError <= successThreshold) / (double)runs.Length,
                    MeanWeightError: errors.Average(),
                    MedianWeightError: Median(errors),
                    MeanSupportRecall: runs.Average(o => o.Metrics.SupportRecall),
                    ExactSupportRate: runs.Count(o => o.Metrics.SupportExact) / (double)runs.Length,
                    MeanSeconds: runs.Average(o => o.Seconds),
                    MeanIterations: runs.Average(o => (double)o.Iterations),
                    StateBytes: runs.Max(o => o.StateBytes),
                    PatternBytes: runs.Max(o => o.PatternBytes),
                    theory, cellAudits.Length, certified, holding));
            }
        }

        return summaries;
    }

    /// <summary>PSNR with +∞ replaced by <see cref="PsnrCeilingDb"/> and anything above it capped (NaN stays NaN).</summary>
    public static double CappedPsnr(double psnr) => double.IsNaN(psnr) ? psnr : Math.Min(psnr, PsnrCeilingDb);

    private static double Median(double[] values)
    {
        double[] sorted = values.Order().ToArray();
        int half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }
}
