// The tables of docs/dead-units.md from sweep folders (results.jsonl of `sparse-iht sweep`, one method):
//   1. per configuration over the grid: mean PSNR over cells (each cell the mean over its seeds, an exact fit counted as
//      350 dB as in the sweep's summary), cells where at least half the seeds recover (relative weight error ≤ 1e−6) and
//      where every seed does (the cell's mean weight error ≤ 1e−6),
//      (cell, seed) runs that recover, mean weight error, mean support recall, and the mean PSNR with every cell capped
//      at 50 dB (the top of the heatmaps' colour range), which exact fits do not dominate;
//   2. per cell: mean PSNR / weight error / support recall of every configuration;
//   3. the ten cells of the reference run (m, s, seed): PSNR / weight error, their mean PSNR, and how often the weight
//      error is below the reference's.
// Usage: dotnet run -c Release scripts/CompareSweeps.cs -- label=DIR [label=DIR ...]
#:project ../src/Experiments/Experiments.csproj
using System.Globalization;
using System.Text.Json;
using SparseIhtVerify.Experiments.Sweep;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
const double Success = 1e-6;
var configurations = args.Select(a => a.Split('=', 2)).Select(p => (Label: p[0], Runs: Load(p[1]))).ToArray();
var cells = configurations.Select(c => c.Runs.Keys.Select(k => (k.Width, k.Nonzeros)).ToHashSet())
    .Aggregate((a, b) => { a.IntersectWith(b); return a; }).OrderBy(c => c.Width).ThenBy(c => c.Nonzeros).ToArray();

Console.WriteLine($"Grid: {cells.Length} cells (m, s); seeds as stored.");
Console.WriteLine();
Console.WriteLine("| configuration | mean PSNR (dB) | cells recovered (≥ half the seeds) | cells recovered in every seed | runs recovered | mean weight error | mean support recall | mean PSNR, cells capped at 50 dB |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var (label, runs) in configurations)
{
    var perCell = cells.Select(c => Seeds(runs, c)).ToArray();
    double psnr = perCell.Average(s => s.Average(r => r.Psnr));
    int recoveredCells = perCell.Count(s => 2 * s.Count(r => r.Error <= Success) >= s.Length);
    int everySeed = perCell.Count(s => s.All(r => r.Error <= Success));
    int recoveredRuns = perCell.Sum(s => s.Count(r => r.Error <= Success));
    Console.WriteLine($"| {label} | {psnr:F2} | {recoveredCells} | {everySeed} | {recoveredRuns} of {perCell.Sum(s => s.Length)} | {perCell.Average(s => s.Average(r => r.Error)):F3} | {perCell.Average(s => s.Average(r => r.Recall)):F3} | {perCell.Average(s => Math.Min(50, s.Average(r => r.Psnr))):F2} |");
}

Console.WriteLine();
Console.WriteLine($"| m | s | {string.Join(" | ", configurations.Select(c => c.Label))} |");
Console.WriteLine($"|---|---|{string.Concat(configurations.Select(_ => "---|"))}");
foreach (var cell in cells)
{
    var columns = configurations.Select(c => Seeds(c.Runs, cell)).Select(s =>
        $"{Psnr(s.Average(r => r.Psnr))} / {s.Average(r => r.Error):F3} / {s.Average(r => r.Recall):F2}");
    Console.WriteLine($"| {cell.Width} | {cell.Nonzeros} | {string.Join(" | ", columns)} |");
}

// The reference code's measured rows: (m, s, seed) → (PSNR, weight error).
(int Width, int Nonzeros, long Seed, double Psnr, double Error)[] reference =
[
    (10, 10, 0, 42.8, 0.17), (10, 100, 0, 28.9, 0.53), (10, 1000, 0, 30.9, 0.82), (10, 10, 1, 29.4, 0.67), (100, 10, 0, 20.1, 1.01),
    (100, 100, 0, 27.9, 0.69), (100, 1000, 0, 28.8, 1.02), (1000, 10, 0, 14.7, 0.97), (1000, 100, 0, 28.4, 0.61), (1000, 1000, 0, 35.6, 0.74),
];
if (configurations.All(c => reference.All(r => c.Runs.ContainsKey((r.Width, r.Nonzeros, r.Seed)))))
{
    Console.WriteLine();
    Console.WriteLine($"| m | s | seed | reference | {string.Join(" | ", configurations.Select(c => c.Label))} |");
    Console.WriteLine($"|---|---|---|---|{string.Concat(configurations.Select(_ => "---|"))}");
    foreach (var r in reference)
    {
        var columns = configurations.Select(c => c.Runs[(r.Width, r.Nonzeros, r.Seed)]).Select(o => $"{Psnr(o.Psnr)} / {o.Error:F2}{(o.Error < r.Error ? " ✓" : string.Empty)}");
        Console.WriteLine($"| {r.Width} | {r.Nonzeros} | {r.Seed} | {r.Psnr:F1} / {r.Error:F2} | {string.Join(" | ", columns)} |");
    }

    var means = configurations.Select(c => reference.Select(r => c.Runs[(r.Width, r.Nonzeros, r.Seed)]).ToArray())
        .Select(o => $"{o.Average(x => x.Psnr):F2} dB, {reference.Zip(o).Count(p => p.Second.Error < p.First.Error)} of 10");
    Console.WriteLine($"| mean PSNR; weight error below the reference (✓) | | | {reference.Average(r => r.Psnr):F2} dB | {string.Join(" | ", means)} |");
}

static string Psnr(double psnr) => psnr >= SweepAggregation.PsnrCeilingDb ? "∞" : psnr.ToString("F1", CultureInfo.InvariantCulture);

static (double Psnr, double Error, double Recall)[] Seeds(Dictionary<(int, int, long), (double Psnr, double Error, double Recall)> runs, (int Width, int Nonzeros) cell) =>
    runs.Where(kv => kv.Key.Item1 == cell.Width && kv.Key.Item2 == cell.Nonzeros).OrderBy(kv => kv.Key.Item3).Select(kv => kv.Value).ToArray();

static Dictionary<(int Width, int Nonzeros, long Seed), (double Psnr, double Error, double Recall)> Load(string folder)
{
    var runs = new Dictionary<(int, int, long), (double, double, double)>();
    foreach (string line in File.ReadLines(Path.Combine(folder, "results.jsonl")))
    {
        using JsonDocument row = JsonDocument.Parse(line);
        JsonElement r = row.RootElement, outcome = r.GetProperty("outcome");
        // Results format 2 nests the metrics under outcome.metrics; format 1 (sweeps before 2026-12-04) had them in outcome.
        JsonElement o = outcome.TryGetProperty("metrics", out JsonElement metrics) ? metrics : outcome;
        // Format 2 writes a non-finite PSNR as null and lists it under nonFinite; format 1 wrote the string "Infinity".
        double psnr = o.GetProperty("psnrDb") switch
        {
            { ValueKind: JsonValueKind.String } text => double.Parse(text.GetString()!, CultureInfo.InvariantCulture),
            { ValueKind: JsonValueKind.Null } => double.Parse(r.GetProperty("nonFinite").GetProperty("outcome.metrics.psnrDb").GetString()!, CultureInfo.InvariantCulture),
            var number => number.GetDouble(),
        };
        runs[(r.GetProperty("width").GetInt32(), r.GetProperty("nonzeros").GetInt32(), r.GetProperty("seed").GetInt64())] =
            (SweepAggregation.CappedPsnr(psnr), o.GetProperty("relativeWeightError").GetDouble(), o.GetProperty("supportRecall").GetDouble());
    }

    return runs;
}
