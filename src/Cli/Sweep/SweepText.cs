using System.Globalization;
using System.Text;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Experiments.Baselines;
using SparseIhtVerify.Experiments.Sweep;
using SparseIhtVerify.Solver.Solvers;

namespace SparseIhtVerify.Cli;

/// <summary>What <c>sparse-iht sweep</c> prints on standard output.</summary>
public static class SweepText
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>The settings, with the resolved defaults.</summary>
    public static string Header(SweepPlan plan, bool dictionaryChosen, int parallel, int threads)
    {
        SweepGrid g = plan.Grid;
        SweepSettings s = plan.Settings;
        var text = new StringBuilder();
        int cells = g.FeasibleCells.Count(), skipped = g.Cells.Count() - cells;
        string axes = string.Join(", ", new[] { ("d", g.Inputs), ("n", g.Samples), ("m", g.Widths), ("s", g.Nonzeros) }
            .Select(a => a.Item2.Count == 1 ? $"{a.Item1} = {a.Item2[0]}" : $"{a.Item1} ∈ {{{string.Join(", ", a.Item2)}}}"));
        text.AppendLine(Ci, $"sweep      {axes}; seeds {string.Join(", ", g.Seeds)}; methods {string.Join(", ", g.Methods.Select(m => m.Word))}{(g.Audit ? " + audit" : string.Empty)}");
        text.AppendLine(Ci, $"           {cells} cells{(skipped > 0 ? $" ({skipped} more have s > d·m and are skipped)" : string.Empty)} × {g.Seeds.Count} seeds × {g.RowMethods.Count} rows = {g.RowCount} rows");
        text.AppendLine(Ci, $"instance   weights {Spellings.Word(Spellings.Weights, s.Weights)}, outputs {Spellings.Word(Spellings.Outputs, s.Outputs)}, non-empty units {(s.KeepUnitsNonEmpty is bool keep ? (keep ? "yes" : "no") : "auto (yes when s ≥ m)")}");
        var solvers = g.Methods.Where(m => m.Solver is not null).Select(m => m.Word).ToArray();
        if (solvers.Length > 0)
        {
            string dictionary = Spellings.Word(Spellings.Dictionaries, s.Dictionary);
            string why = !dictionaryChosen ? string.Empty
                : s.Mode == SolverMode.SequentialConvex ? " (the default for --mode scp: p = m random N(0, I) generators, as the reference code; --dictionary overrides)"
                : " (the default for --mode convex: h_j = u_j; --dictionary overrides)";
            text.AppendLine(Ci, $"solvers    {string.Join(", ", solvers)}: mode {Spellings.Word(Spellings.Modes, s.Mode)}, dictionary {dictionary}{why}{(s.ExtraUnits > 0 ? $" + {s.ExtraUnits} extra units" : string.Empty)}");
            text.AppendLine(Ci, $"           pattern rule {Spellings.Word(Spellings.PatternRules, s.Rule)}, k = {(s.Projection is int k ? $"{k} (capped at p·d)" : "s")}, max {s.MaxIterations} iterations, tol {Format.Number(s.Tolerance)}{(s.Mode == SolverMode.SequentialConvex ? $", scp warm-up {s.ScpWarmupSteps}, restart {Spellings.ScpRestart(s.ScpRestartWindow)}, empty generator {Spellings.Word(Spellings.EmptyGenerators, s.EmptyGenerator)}" : string.Empty)}{(g.Methods.Contains(SweepMethod.Of(SolverCatalogue.Aiht)) ? $", aiht inner steps {s.InnerSteps}" : string.Empty)}{(s.Step is double mu ? $", step {Format.Number(mu)}" : string.Empty)}");
        }

        if (g.Methods.Contains(SweepMethod.Imp))
        {
            ImpOptions imp = s.ImpSettings;
            text.AppendLine(Ci, $"imp        dense width-m network (d·m + m weights), full-batch Adam lr {Format.Number(imp.LearningRate)}, {imp.StepsPerRound} steps per round, {imp.PruneFraction * 100:G3}% of the remaining weights pruned per round (global magnitude, output weights included), rewound to the initial weights each round, until ≤ s remain; the final mask is trained once more");
        }

        if (g.Audit)
        {
            text.AppendLine(Ci, $"audit      guarantee catalogue on the planted patterns (h_j = u_j), {s.AuditSupports} supports per level; overlay: cells where a guarantee holds for more than half of the seeds");
        }

        text.AppendLine(Ci, $"run        {parallel} unit(s) in parallel, {threads} thread(s) per solve");
        return text.ToString();
    }

    /// <summary>What the results folder held.</summary>
    public static string Opened(SweepStore store, SweepGrid grid)
    {
        var text = new StringBuilder();
        SweepOpenReport r = store.Report;
        if (r.ReplacedSuffix is string suffix)
        {
            text.AppendLine(Ci, $"force      the different sweep in {store.Folder} was moved aside: {SweepStore.ManifestFileName}{suffix}, {SweepStore.ResultsFileName}{suffix}");
        }

        if (r.Partial + r.Invalid + r.Duplicates + r.Foreign > 0)
        {
            text.AppendLine(Ci, $"repaired   {store.ResultsPath}: dropped {r.Partial} incomplete last line(s), {r.Invalid} unreadable line(s), {r.Duplicates} duplicate row(s), {r.Foreign} row(s) outside the grid");
        }

        string state = r.Loaded > 0
            ? $"resume     {r.Loaded} of {grid.RowCount} rows already done in {store.ResultsPath}; {grid.RowCount - r.Loaded} to run"
            : $"results    {store.ResultsPath} (one JSON line per row as it finishes; {grid.RowCount} to run)";
        text.AppendLine(state);
        return text.ToString();
    }

    /// <summary>The closing summary: per method, memory, theory, files.</summary>
    public static string Footer(SweepPlan plan, SweepRunSummary run, IReadOnlyList<SweepCellSummary> cells, double success, IReadOnlyList<string> files, string resultsPath)
    {
        var text = new StringBuilder();
        text.AppendLine(Ci, $"done       {run.AlreadyDone + run.Ran} rows ({run.Ran} run now, {run.AlreadyDone} from before) in {run.Elapsed.TotalSeconds:F1} s; {resultsPath}");
        text.AppendLine();
        text.AppendLine(Ci, $"  method  cells  ≥50% success (error ≤ {Format.Number(success)})  PSNR ≥ 30 dB (mean)  median cell PSNR  largest state");
        foreach (string method in plan.Grid.Methods.Select(m => m.Word))
        {
            var mine = cells.Where(c => c.Method == method).ToArray();
            if (mine.Length == 0)
            {
                continue;
            }

            double[] psnr = mine.Select(c => c.MeanPsnrDb).Order().ToArray();
            double median = psnr.Length % 2 == 1 ? psnr[psnr.Length / 2] : (psnr[(psnr.Length / 2) - 1] + psnr[psnr.Length / 2]) / 2;
            text.AppendLine(Ci, $"  {method,-6}  {mine.Length,5}  {mine.Count(c => c.SuccessRate >= 0.5),30}  {mine.Count(c => c.MeanPsnrDb >= 30),19}  {median,13:F1} dB  {Bytes(mine.Max(c => c.StateBytes)),13}");
        }

        text.AppendLine();
        SweepCellSummary? largestImp = cells.Where(c => c.Method == "imp").MaxBy(c => c.StateBytes);
        SweepCellSummary? largestSolver = cells.Where(c => c.Method != "imp").MaxBy(c => c.StateBytes);
        if (largestImp is not null)
        {
            text.AppendLine(Ci, $"memory     imp holds the dense network and Adam's state, {IterativeMagnitudePruning.BytesPerParameter} B × (d·m + m): {Bytes(largestImp.StateBytes)} at d = {largestImp.Cell.Inputs}, m = {largestImp.Cell.Width} (whatever s is)");
        }

        if (largestSolver is not null)
        {
            SweepCellSummary patterns = cells.Where(c => c.Method != "imp").MaxBy(c => c.PatternBytes)!;
            text.AppendLine(Ci, $"{(largestImp is null ? "memory    " : "          ")} the solvers hold O(k): 36 B × k = {Bytes(largestSolver.StateBytes)} at k = {largestSolver.StateBytes / 36} (whatever m is), plus the cached activation patterns, n·p bits: {Bytes(patterns.PatternBytes)} at n = {patterns.Cell.Samples}, m = {patterns.Cell.Width}");
        }

        if (plan.Grid.Audit)
        {
            var theory = cells.GroupBy(c => c.Cell).Select(g => g.First()).ToArray();
            int certified = theory.Count(c => c.Theory == SweepTheory.HoldsCertified), estimated = theory.Count(c => c.Theory == SweepTheory.HoldsEstimated);
            text.AppendLine(Ci, $"theory     a guarantee holds-certified for most seeds in {certified} of {theory.Length} cells{Where(theory, SweepTheory.HoldsCertified)}, holds-estimated (only) in {estimated}{Where(theory, SweepTheory.HoldsEstimated)}");
        }

        text.AppendLine(Ci, $"wrote      {string.Join(", ", files)}");
        return text.ToString();
    }

    /// <summary>Bytes for people: B, KB, MB (powers of 1000).</summary>
    public static string Bytes(long bytes) =>
        bytes < 1000 ? $"{bytes} B" : bytes < 1_000_000 ? (bytes / 1e3).ToString("F1", Ci) + " KB" : (bytes / 1e6).ToString("F1", Ci) + " MB";

    private static string Where(SweepCellSummary[] cells, SweepTheory theory)
    {
        var list = cells.Where(c => c.Theory == theory).Select(c => $"m={c.Cell.Width} s={c.Cell.Nonzeros}{(c.Cell.Samples != cells[0].Cell.Samples ? $" n={c.Cell.Samples}" : string.Empty)}").ToArray();
        return list.Length == 0 ? string.Empty : list.Length <= 8 ? $" ({string.Join(", ", list)})" : $" ({string.Join(", ", list.Take(8))}, …)";
    }
}
