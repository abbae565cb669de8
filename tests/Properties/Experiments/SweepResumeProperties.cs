using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Experiments.Sweep;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Solver.Solvers;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// Resuming a sweep: a results file holding any subset of the rows (plus a line cut short by a kill, or a duplicated
/// line) makes the rerun run exactly the missing rows and end with every row once, equal to an uninterrupted run; a
/// folder holding a sweep with other settings is refused unless forced.
/// </summary>
public sealed class SweepResumeProperties
{
    private static readonly SweepPlan Plan = SweepFixtures.TinyPlan();

    // The complete sweep, run once: its sweep.json and result lines are the material of the cases.
    private static readonly Lazy<(string Manifest, string[] Lines, Dictionary<string, string> Rows)> Reference = new(() =>
    {
        using TemporaryDirectory folder = SweepFixtures.NewDirectory();
        SweepFixtures.RunAll(Plan, folder.Path, parallel: 2);
        string[] lines = File.ReadAllLines(folder.File(SweepStore.ResultsFileName)).Where(l => l.Length > 0).ToArray();
        return (File.ReadAllText(folder.File(SweepStore.ManifestFileName)), lines, SweepFixtures.Normalised(SweepStore.ReadRows(folder.File(SweepStore.ResultsFileName))));
    });

    /// <summary>Which stored lines survive, whether the last write was cut short, whether a line appears twice.</summary>
    public sealed record ResumeCase(long Seed, double Keep, bool Partial, bool Duplicate)
    {
        public override string ToString() => $"ResumeCase(seed={Seed}, keep={Keep:F2}, partial={Partial}, duplicate={Duplicate})";
    }

    private static Arbitrary<ResumeCase> Cases =>
        Arb.From(
            from seed in InstanceGenerators.Seed
            from keep in Gen.Elements(0.0, 0.2, 0.5, 0.8, 1.0)
            from partial in Gen.Elements(false, true)
            from duplicate in Gen.Elements(false, true)
            select new ResumeCase(seed, keep, partial, duplicate));

    // A rerun over any stored subset runs exactly the missing rows, and the file ends with every row exactly once, as an uninterrupted run wrote it.
    [Property(MaxTest = 12)]
    public Property RerunRunsExactlyTheMissingRows() =>
        Prop.ForAll(Cases, c =>
        {
            var (manifest, lines, reference) = Reference.Value;
            var random = new SeededRandom(c.Seed);
            string[] kept = lines.Where(_ => random.NextDouble() < c.Keep).ToArray();
            using TemporaryDirectory folder = SweepFixtures.NewDirectory();
            File.WriteAllText(folder.File(SweepStore.ManifestFileName), manifest);
            var content = new StringBuilder();
            foreach (string line in kept)
            {
                content.Append(line).Append('\n');
            }

            if (c.Duplicate && kept.Length > 0)
            {
                content.Append(kept[0]).Append('\n');
            }

            string? cut = null;
            if (c.Partial)
            {
                // The first half of a row that is not stored: a write cut short by a kill.
                cut = lines.FirstOrDefault(l => !kept.Contains(l)) ?? lines[0];
                content.Append(cut.AsSpan(0, cut.Length / 2));
            }

            File.WriteAllText(folder.File(SweepStore.ResultsFileName), content.ToString());
            int missing = reference.Count - kept.Length;
            SweepRunSummary summary;
            int plannedRows;
            using (SweepStore store = SweepStore.Open(folder.Path, Plan, force: false))
            {
                plannedRows = SweepRunner.Missing(Plan, store).Sum(u => u.Methods.Count);
                summary = SweepRunner.Run(Plan, store, parallel: 2, threads: 1);
            }

            string[] final = File.ReadAllLines(folder.File(SweepStore.ResultsFileName));
            var rows = SweepStore.ReadRows(folder.File(SweepStore.ResultsFileName));
            var keys = rows.Select(r => r.Key).ToArray();
            var normalised = SweepFixtures.Normalised(rows);
            bool equal = normalised.Count == reference.Count && reference.All(e => normalised.TryGetValue(e.Key, out string? v) && v == e.Value);
            return (summary.Ran == missing).Label($"ran {summary.Ran} rows, {missing} were missing; {c}")
                .And((plannedRows == missing).Label($"planned {plannedRows} rows, {missing} were missing; {c}"))
                .And((summary.AlreadyDone == kept.Length).Label($"found {summary.AlreadyDone} done, {kept.Length} were stored; {c}"))
                .And((final.Length == reference.Count && final.All(l => l.Length > 0)).Label($"{final.Length} lines, {reference.Count} rows; {c}"))
                .And((keys.Distinct().Count() == keys.Length).Label($"duplicated keys; {c}"))
                .And(equal.Label($"rows differ from the uninterrupted run; {c}"));
        });

    // A folder holding a sweep with another grid or other settings is refused (naming --out and what changed); --force moves it aside.
    [Fact]
    public void ChangedSettingsAreRefusedUnlessForced()
    {
        using TemporaryDirectory folder = SweepFixtures.NewDirectory();
        SweepPlan small = SweepFixtures.TinyPlan(seeds: [0], methods: [SweepMethod.Of(SolverCatalogue.Niht)]);
        SweepFixtures.RunAll(small, folder.Path);
        int stored = File.ReadAllLines(folder.File(SweepStore.ResultsFileName)).Length;

        SweepPlan wider = SweepFixtures.TinyPlan(seeds: [0], methods: [SweepMethod.Of(SolverCatalogue.Niht)], widths: [1, 2, 3]);
        var refused = Assert.Throws<InvalidSettingException>(() => SweepStore.Open(folder.Path, wider, force: false));
        Assert.Equal("out", refused.Setting);
        Assert.Contains("width 1,2 → 1,2,3", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.DoesNotContain("--", refused.Message, StringComparison.Ordinal);

        SweepPlan longer = SweepFixtures.TinyPlan(seeds: [0], methods: [SweepMethod.Of(SolverCatalogue.Niht)], maxIterations: 41);
        var refusedSetting = Assert.Throws<InvalidSettingException>(() => SweepStore.Open(folder.Path, longer, force: false));
        Assert.Contains("maxIterations 40 → 41", refusedSetting.Message, StringComparison.Ordinal);
        EmptyGenerator other = small.Settings.EmptyGenerator == EmptyGenerator.Redraw ? EmptyGenerator.Zero : EmptyGenerator.Redraw;
        SweepPlan otherEmpty = small with { Settings = small.Settings with { EmptyGenerator = other } };
        var refusedEmpty = Assert.Throws<InvalidSettingException>(() => SweepStore.Open(folder.Path, otherEmpty, force: false));
        Assert.Contains($"emptyGenerator {EmptyGenerators.Word(small.Settings.EmptyGenerator)} → {EmptyGenerators.Word(other)}", refusedEmpty.Message, StringComparison.Ordinal);
        Assert.Equal(stored, File.ReadAllLines(folder.File(SweepStore.ResultsFileName)).Length);

        // The same grid typed in another order is the same sweep.
        var reordered = new SweepPlan(new SweepGrid([4], [2, 1], [3, 1, 2], [80], [0], [SweepMethod.Of(SolverCatalogue.Niht)], false), small.Settings);
        using (SweepStore same = SweepStore.Open(folder.Path, reordered, force: false))
        {
            Assert.Equal(stored, same.Count);
        }

        using (SweepStore forced = SweepStore.Open(folder.Path, wider, force: true))
        {
            Assert.Equal(0, forced.Count);
            Assert.NotNull(forced.Report.ReplacedSuffix);
            Assert.True(File.Exists(folder.File(SweepStore.ResultsFileName + forced.Report.ReplacedSuffix)));
            Assert.Equal(stored, File.ReadAllLines(folder.File(SweepStore.ResultsFileName + forced.Report.ReplacedSuffix)).Length);
        }
    }

    // Two sweeps cannot write into one folder at the same time.
    [Fact]
    public void SecondSweepInTheSameFolderIsRefused()
    {
        using TemporaryDirectory folder = SweepFixtures.NewDirectory();
        SweepPlan plan = SweepFixtures.TinyPlan(seeds: [0], methods: [SweepMethod.Of(SolverCatalogue.Niht)]);
        using SweepStore first = SweepStore.Open(folder.Path, plan, force: false);
        var refused = Assert.Throws<InvalidSettingException>(() => SweepStore.Open(folder.Path, plan, force: false));
        Assert.Equal("out", refused.Setting);
        Assert.Contains("another sweep is running", refused.Message, StringComparison.Ordinal);
    }

    // A cancelled run keeps every row it stored, and the rerun completes the sweep with each row once.
    [Fact]
    public void CancelledRunLosesNothingThatFinished()
    {
        using TemporaryDirectory folder = SweepFixtures.NewDirectory();
        using var cancel = new CancellationTokenSource();
        int seen = 0;
        SweepRunSummary first;
        using (SweepStore store = SweepStore.Open(folder.Path, Plan, force: false))
        {
            first = SweepRunner.Run(Plan, store, parallel: 2, threads: 1, progress: _ =>
            {
                if (++seen == 5)
                {
                    cancel.Cancel();
                }
            }, cancellation: cancel.Token);
        }

        Assert.True(first.Cancelled);
        int stored = SweepStore.ReadRows(folder.File(SweepStore.ResultsFileName)).Count;
        Assert.True(stored >= 5 && stored < Plan.Grid.RowCount, $"{stored} rows stored after cancelling at 5 of {Plan.Grid.RowCount}");
        SweepRunSummary second = SweepFixtures.RunAll(Plan, folder.Path);
        Assert.Equal(Plan.Grid.RowCount - stored, second.Ran);
        var rows = SweepStore.ReadRows(folder.File(SweepStore.ResultsFileName));
        Assert.Equal(Plan.Grid.RowCount, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Key).Distinct().Count());
        Assert.Equal(Reference.Value.Rows, SweepFixtures.Normalised(rows));
    }

    // The time-left estimate weighs rows by their operator's size n·d·p: after each row, the work done is the size of the rows
    // reported so far over the size of all rows (widths 1 and 2 differ twofold), and it reaches 1 with the last row.
    [Fact]
    public void WorkDoneWeighsRowsByTheirOperatorSize()
    {
        SweepPlan plan = SweepFixtures.TinyPlan(seeds: [0], methods: [SweepMethod.Of(SolverCatalogue.Niht)]);
        using TemporaryDirectory folder = SweepFixtures.NewDirectory();
        using SweepStore store = SweepStore.Open(folder.Path, plan, force: false);
        var reports = new List<SweepProgress>();
        SweepRunner.Run(plan, store, parallel: 1, threads: 1, progress: reports.Add);
        double Size(SweepCell c) => (double)c.Samples * c.Inputs * c.Width;
        double total = reports.Sum(r => Size(r.Last.Cell)), done = 0;
        Assert.True(reports.Select(r => r.Last.Cell.Width).Distinct().Count() == 2, "premise: cells of two widths");
        foreach (SweepProgress report in reports)
        {
            done += Size(report.Last.Cell);
            Assert.Equal(done / total, report.WorkDone, 12);
        }

        Assert.Equal(1.0, reports[^1].WorkDone, 12);
        Assert.Equal(TimeSpan.Zero, reports[^1].EstimatedRemaining);
    }
}
