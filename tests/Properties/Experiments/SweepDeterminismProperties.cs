using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Experiments.Sweep;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Solvers;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// A sweep's rows depend on their cell, seed and settings only: the same for any number of cells in parallel, any
/// number of threads per solve, and whether a cell runs inside the sweep or alone.
/// </summary>
public sealed class SweepDeterminismProperties
{
    // Every row (audits included) is identical, timings aside, for --parallel 1 with 1 thread and --parallel 3 with 2 threads.
    [Fact]
    public void RowsDoNotDependOnParallelismOrThreads()
    {
        SweepPlan plan = SweepFixtures.TinyPlan(seeds: [3, 4], audit: true);
        using TemporaryDirectory serial = SweepFixtures.NewDirectory();
        using TemporaryDirectory parallel = SweepFixtures.NewDirectory();
        SweepFixtures.RunAll(plan, serial.Path, parallel: 1, threads: 1);
        SweepFixtures.RunAll(plan, parallel.Path, parallel: 3, threads: 2);
        var a = SweepFixtures.Normalised(SweepStore.ReadRows(serial.File(SweepStore.ResultsFileName)));
        var b = SweepFixtures.Normalised(SweepStore.ReadRows(parallel.File(SweepStore.ResultsFileName)));
        Assert.Equal(plan.Grid.RowCount, a.Count);
        foreach (var (key, row) in a)
        {
            Assert.True(b.TryGetValue(key, out string? other), $"{key} missing from the parallel run");
            Assert.Equal(row, other);
        }
    }

    // One cell run on its own (as a resumed sweep would) gives the rows the whole sweep gave it.
    [Fact]
    public void CellAloneEqualsCellInTheSweep()
    {
        SweepPlan plan = SweepFixtures.TinyPlan(seeds: [5]);
        using TemporaryDirectory folder = SweepFixtures.NewDirectory();
        SweepFixtures.RunAll(plan, folder.Path, parallel: 2);
        var whole = SweepFixtures.Normalised(SweepStore.ReadRows(folder.File(SweepStore.ResultsFileName)));
        var cell = new SweepCell(4, 2, 3, 80);
        var alone = new List<SweepRow>();
        SweepRunner.RunUnit(plan, cell, 5, plan.Grid.RowMethods.Reverse().ToArray(), threads: 1, alone.Add);
        Assert.Equal(plan.Grid.RowMethods.Count, alone.Count);
        foreach (SweepRow row in alone)
        {
            Assert.Equal(whole[row.Key], SweepFixtures.WithoutTimings(row));
        }
    }

    // A sweep's default solver settings are the library's: the SCP schedule (warm-up, restart window, empty generator), the
    // tolerance and the inner steps of a cell's request equal SolverOptions' defaults (the iteration limit is the CLI's
    // 1000 for recover and sweep alike, against the library's 300).
    [Fact]
    public void SweepDefaultsAreTheSolverDefaults()
    {
        var defaults = new Solver.Algorithms.SolverOptions();
        Solver.Algorithms.SolverOptions cell = new SweepSettings().Request(new SweepCell(4, 2, 3, 80), 0, Solver.Solvers.SolverCatalogue.Aiht, 1).Solver;
        Assert.Equal(
            (defaults.ScpWarmupSteps, defaults.ScpRestartWindow, defaults.EmptyGenerator, defaults.Tolerance, defaults.InnerSteps),
            (cell.ScpWarmupSteps, cell.ScpRestartWindow, cell.EmptyGenerator, cell.Tolerance, cell.InnerSteps));
    }

    // The IMP row of a cell uses the same instance as the solvers: the same planted weights and data for every method.
    [Fact]
    public void EveryMethodOfACellSeesTheSameInstance()
    {
        SweepPlan plan = SweepFixtures.TinyPlan(seeds: [7]);
        var cell = new SweepCell(4, 2, 3, 80);
        PlantedNetwork a = PlantedNetwork.Create(plan.Settings.Spec(cell, 7));
        PlantedNetwork b = PlantedNetwork.Create(plan.Settings.Request(cell, 7, Solver.Solvers.SolverCatalogue.Niht, 1).Instance);
        Assert.True(Closeness.BitIdentical(a.Labels, b.Labels));
        Assert.Equal(a.Spec, b.Spec);
    }
}
