using System.Diagnostics;
using SparseIhtVerify.Experiments.Baselines;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Metrics;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Solvers;

namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>
/// Runs the rows of a <see cref="SweepPlan"/> that a <see cref="SweepStore"/> does not hold yet. The unit of work is a
/// cell and seed: its instance is drawn once, then each missing method runs on it (and the audit, when asked), and
/// each row is stored the moment it finishes. Units run on <c>parallel</c> workers; every row depends only on its
/// cell, seed and the plan's settings (the solvers' results are identical for every thread count), never on the
/// schedule, so a sweep resumed after an interruption produces the same rows as one run straight through.
/// </summary>
public static class SweepRunner
{
    /// <summary>Runs every missing row; returns when all are stored or <paramref name="cancellation"/> fires.</summary>
    /// <param name="plan">The sweep.</param>
    /// <param name="store">Its results folder, opened for <paramref name="plan"/>.</param>
    /// <param name="parallel">Cell-and-seed units run at once (≥ 1).</param>
    /// <param name="threads">Threads of each solve (≥ 1).</param>
    /// <param name="progress">Hears about every stored row (called from the workers, one call at a time).</param>
    /// <param name="cancellation">Stops the run: running rows are abandoned, stored rows stay.</param>
    public static SweepRunSummary Run(SweepPlan plan, SweepStore store, int parallel, int threads, Action<SweepProgress>? progress = null, CancellationToken cancellation = default)
    {
        InvalidSettingException.RequireAtLeast("parallel", parallel, 1);
        InvalidSettingException.RequireAtLeast("threads", threads, 1);
        var clock = Stopwatch.StartNew();
        int total = plan.Grid.RowCount;
        int alreadyDone = store.Count;
        var work = Missing(plan, store);
        int toRun = work.Sum(w => w.Methods.Count);
        // The time-left estimate weighs each row by its operator's size n·d·p (a solve's cost per iteration), so that the small
        // cells a grid starts with do not promise an early end.
        double Size(SweepCell cell) => (double)cell.Samples * cell.Inputs * (cell.Width + plan.Settings.ExtraUnits);
        double sizeToRun = work.Sum(w => Size(w.Cell) * w.Methods.Count), sizeRan = 0;
        int ran = 0, next = -1;
        var openRows = new Dictionary<SweepCell, int>();
        foreach (var unit in work)
        {
            openRows[unit.Cell] = openRows.GetValueOrDefault(unit.Cell) + unit.Methods.Count;
        }

        int cells = plan.Grid.FeasibleCells.Count(), cellsDone = cells - openRows.Count;
        var gate = new object();
        Exception? failure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);

        void Worker()
        {
            while (!stop.IsCancellationRequested)
            {
                int index = Interlocked.Increment(ref next);
                if (index >= work.Count)
                {
                    return;
                }

                var (cell, seed, methods) = work[index];
                try
                {
                    RunUnit(plan, cell, seed, methods, threads, row =>
                    {
                        store.Append(row);
                        lock (gate)
                        {
                            ran++;
                            sizeRan += Size(row.Cell);
                            if (--openRows[row.Cell] == 0)
                            {
                                cellsDone++;
                            }

                            progress?.Invoke(new SweepProgress(store.Count, total, ran, toRun, clock.Elapsed, row, cellsDone, cells, sizeRan / sizeToRun));
                        }
                    }, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    lock (gate)
                    {
                        failure ??= e;
                    }

                    stop.Cancel();
                    return;
                }
            }
        }

        int workers = Math.Clamp(parallel, 1, Math.Max(1, work.Count));
        var threadsList = Enumerable.Range(0, workers).Select(i => new Thread(Worker) { IsBackground = true, Name = $"sweep worker {i}" }).ToArray();
        foreach (Thread thread in threadsList)
        {
            thread.Start();
        }

        foreach (Thread thread in threadsList)
        {
            thread.Join();
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return new SweepRunSummary(alreadyDone, ran, total, store.Count < total, clock.Elapsed);
    }

    /// <summary>The units with missing rows, in grid order, each with the method words it still needs.</summary>
    public static IReadOnlyList<(SweepCell Cell, long Seed, IReadOnlyList<string> Methods)> Missing(SweepPlan plan, SweepStore store) =>
        plan.Grid.Units
            .Select(u => (u.Cell, u.Seed, Methods: (IReadOnlyList<string>)plan.Grid.RowMethods.Where(m => !store.Contains(u.Cell.Key(u.Seed, m))).ToArray()))
            .Where(u => u.Methods.Count > 0)
            .ToArray();

    /// <summary>Runs the given methods (words, <c>audit</c> included) on one cell and seed, handing each row to <paramref name="onRow"/> as it finishes.</summary>
    public static void RunUnit(SweepPlan plan, SweepCell cell, long seed, IReadOnlyList<string> methods, int threads, Action<SweepRow> onRow, CancellationToken cancellation = default)
    {
        PlantedNetwork network = PlantedNetwork.Create(plan.Settings.Spec(cell, seed));
        foreach (string word in methods)
        {
            cancellation.ThrowIfCancellationRequested();
            if (word == SweepMethod.AuditWord)
            {
                int k = plan.Settings.Projection is int projection ? Math.Max(projection, cell.Nonzeros) : cell.Nonzeros;
                SweepAudit audit = SweepCellAuditor.Audit(network, plan.Settings.Rule, Math.Min(k, cell.Inputs * cell.Width), plan.Settings.AuditSupports, threads);
                onRow(SweepRow.For(cell, seed, word, audit: audit));
            }
            else
            {
                SweepMethod method = SweepMethod.Parse(word) ?? throw new ArgumentException($"unknown method '{word}'", nameof(methods));
                SweepOutcome outcome = RunMethod(plan, network, cell, seed, method, threads, cancellation);
                cancellation.ThrowIfCancellationRequested(); // an interrupted solve is not a result: its row is not stored
                onRow(SweepRow.For(cell, seed, word, outcome));
            }
        }
    }

    /// <summary>One method on one drawn instance.</summary>
    public static SweepOutcome RunMethod(SweepPlan plan, PlantedNetwork network, SweepCell cell, long seed, SweepMethod method, int threads, CancellationToken cancellation = default)
    {
        if (method.Solver is SolverKind solver)
        {
            RecoveryRequest request = plan.Settings.Request(cell, seed, solver, threads);
            RecoveryOutcome outcome = Recovery.Run(request, network, cancellation: cancellation);
            SolverResult result = outcome.Result;
            RecoveryMetrics m = outcome.Metrics;
            long patternBytes = (result.FinalOperator as IGatedBlocks)?.Patterns.Bytes ?? 0;
            return new SweepOutcome(SolverStatuses.Word(result.Status), result.Iterations, m, result.Seconds, outcome.SetupSeconds, result.MaxIterateNonzeros, result.Weights.NonzeroCount,
                36L * request.Solver.Projection, patternBytes);
        }

        ImpResult imp = IterativeMagnitudePruning.Run(network.Data, network.Labels, cell.Width, cell.Nonzeros, plan.Settings.ImpFor(seed), cancellation);
        SparseVector fused = imp.Network.FusedWeights();
        RecoveryMetrics metrics = RecoveryEvaluation.ForNetwork(fused, network.FusedWeights, cell.Inputs, identityMatching: false, network.Labels, imp.Predictions);
        return new SweepOutcome(imp.NonFinite ? "non-finite" : "pruned", imp.AdamSteps, metrics, imp.Seconds, 0, imp.PeakParameters, imp.Nonzeros, imp.StateBytes, 0);
    }
}
