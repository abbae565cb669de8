using System.Text.Json;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Experiments.Baselines;
using SparseIhtVerify.Experiments.Sweep;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Solvers;

namespace SparseIhtVerify.Properties.Support;

/// <summary>Tiny sweeps for the sweep-engine properties, and helpers to compare rows without their timings.</summary>
public static class SweepFixtures
{
    /// <summary>d = 4, n = 80, m ∈ {1, 2}, s ∈ {1, 2, 3}, the given seeds and methods; scp with random generators for the solvers, 3 Adam steps per IMP round.</summary>
    public static SweepPlan TinyPlan(IEnumerable<long>? seeds = null, IEnumerable<SweepMethod>? methods = null, bool audit = false, IEnumerable<int>? widths = null, int maxIterations = 40) =>
        new(
            new SweepGrid([4], widths ?? [1, 2], [1, 2, 3], [80], seeds ?? [0, 1], methods ?? [SweepMethod.Of(SolverCatalogue.Niht), SweepMethod.Of(SolverCatalogue.Aiht), SweepMethod.Imp], audit),
            new SweepSettings(Dictionary: DictionaryKind.Random, Mode: SolverMode.SequentialConvex, MaxIterations: maxIterations, Imp: new ImpOptions(StepsPerRound: 3), AuditSupports: 20));

    /// <summary>A fresh empty directory under the temporary folder (removed by <see cref="TemporaryDirectory.Dispose"/>).</summary>
    public static TemporaryDirectory NewDirectory() => new();

    /// <summary>The row as JSON with every timing set to zero: equal strings mean equal results.</summary>
    public static string WithoutTimings(SweepRow row) => JsonSerializer.Serialize(
        row with
        {
            Outcome = row.Outcome is { } o ? o with { Seconds = 0, SetupSeconds = 0 } : null,
            Audit = row.Audit is { } a ? a with { Seconds = 0 } : null,
        },
        SweepStore.JsonOptions);

    /// <summary>Keys → rows without timings.</summary>
    public static Dictionary<string, string> Normalised(IEnumerable<SweepRow> rows) => rows.ToDictionary(r => r.Key, WithoutTimings);

    /// <summary>Runs <paramref name="plan"/> to completion in <paramref name="folder"/>.</summary>
    public static SweepRunSummary RunAll(SweepPlan plan, string folder, int parallel = 1, int threads = 1, bool force = false)
    {
        using SweepStore store = SweepStore.Open(folder, plan, force);
        return SweepRunner.Run(plan, store, parallel, threads);
    }
}

/// <summary>A temporary directory deleted on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sparse-iht-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
