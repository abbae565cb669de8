using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using SparseIhtVerify.Experiments.Baselines;
using SparseIhtVerify.Experiments;
using SparseIhtVerify.Experiments.Sweep;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Solvers;
using SparseIhtVerify.Theory.Audit;

namespace SparseIhtVerify.Cli;

/// <summary>
/// <c>sparse-iht sweep</c>: phase diagrams. Runs every method on every cell of a grid (two of d, m, s, n) and seed,
/// streams one row per cell, seed and method into <c>--out/results.jsonl</c>, resumes an interrupted sweep, and
/// writes the aggregated <c>summary.csv</c> and PNG heatmaps.
/// </summary>
public static class SweepCommand
{
    /// <summary>Exit code of an interrupted sweep (128 + SIGINT, as shells report Ctrl-C).</summary>
    public const int InterruptedExitCode = ExitCodes.Interrupted;

    public static Command Create()
    {
        var inputs = new Option<string>("--inputs") { Description = "input dimension d: one value or a comma-separated axis (integers ≥ 1)", DefaultValueFactory = _ => "10" };
        var width = new Option<string>("--width") { Description = "hidden width m: one value or a comma-separated axis", DefaultValueFactory = _ => "1,2,5,10" };
        var nonzeros = new Option<string>("--nonzeros") { Description = "total nonzeros s: one value or a comma-separated axis (cells with s > d·m are skipped)", DefaultValueFactory = _ => "1,2,5,10,20" };
        var samples = new Option<string>("--samples") { Description = "samples n: one value or a comma-separated axis", DefaultValueFactory = _ => "2000" };
        var seeds = new Option<string>("--seeds") { Description = "seeds, comma-separated; every cell runs every seed", DefaultValueFactory = _ => "0,1,2" };
        var methods = new Option<string>("--methods") { Description = $"comma-separated: {string.Join(", ", SweepMethod.All.Where(m => m.Solver is not null).Select(m => m.Word))} (hard thresholding), {SweepMethod.Imp.Word} (iterative magnitude pruning baseline)", DefaultValueFactory = _ => "aiht,imp" };
        var weights = new Option<string>("--weights") { Description = "planted weight values: gaussian | signs | ones", DefaultValueFactory = _ => "gaussian" };
        var outputs = new Option<string>("--outputs") { Description = "output weights: positive (all +1) | signs (random ±1)", DefaultValueFactory = _ => "positive" };
        var nonempty = new Option<string>("--nonempty-units") { Description = "auto (yes when s ≥ m, per cell) | yes | no (uniform placement, as in the paper)", DefaultValueFactory = _ => "auto" };
        var dictionary = new Option<string?>("--dictionary") { Description = "generators h_j: planted | random | planted+random (default: planted in convex mode, random with --mode scp, as the reference code)" };
        var extra = new Option<int>("--extra-units") { Description = "random generators added to the m units (random, planted+random)", DefaultValueFactory = _ => 0 };
        var rule = new Option<string>("--pattern-rule") { Description = "pattern bit: geq (1[xᵀh ≥ 0], the paper) | gt (1[xᵀh > 0], the reference code)", DefaultValueFactory = _ => "geq" };
        var mode = new Option<string>("--mode") { Description = "convex (fixed patterns) | scp (h_j := w_j after the warm-up steps)", DefaultValueFactory = _ => "convex" };
        var projection = new Option<int?>("--projection") { Description = "projection size k for every cell (≥ the largest s; default k = s per cell)" };
        var step = new Option<double?>("--step") { Description = $"fixed step μ for {SolverCatalogue.Words(s => s.UsesFixedStep, "/")} on the unnormalised A" };
        var maxIterations = new Option<int>("--max-iter") { Description = "iteration limit of the solvers (≥ 1)", DefaultValueFactory = _ => new SolverOptions().MaxIterations };
        var tolerance = new Option<double>("--tol") { Description = "stop when ‖Aw − y‖/‖y‖ ≤ tol (> 0)", DefaultValueFactory = _ => new SolverOptions().Tolerance };
        var warmup = new Option<int>("--scp-warmup") { Description = Spellings.ScpWarmupHelp, DefaultValueFactory = _ => new SweepSettings().ScpWarmupSteps };
        var restart = new Option<int>("--scp-restart") { Description = Spellings.ScpRestartHelp, DefaultValueFactory = _ => new SweepSettings().ScpRestartWindow };
        var empty = new Option<string>("--empty-generator") { Description = Spellings.EmptyGeneratorHelp, DefaultValueFactory = _ => Spellings.Word(Spellings.EmptyGenerators, new SweepSettings().EmptyGenerator) };
        var inner = new Option<int>("--inner-steps") { Description = $"{SolverCatalogue.Words(s => s.UsesInnerSteps, "/")}: Armijo steps on the new support per step", DefaultValueFactory = _ => new SolverOptions().InnerSteps };
        var impSteps = new Option<int>("--imp-steps") { Description = "imp: full-batch Adam steps per pruning round (15 as the reference code)", DefaultValueFactory = _ => 15 };
        var impRate = new Option<double>("--imp-lr") { Description = "imp: Adam learning rate", DefaultValueFactory = _ => 1e-3 };
        var audit = new Option<bool>("--audit") { Description = "also audit every cell and seed (guarantee verdicts on the planted patterns) and outline where a guarantee holds" };
        var auditSupports = new Option<int>("--audit-supports") { Description = "audit: supports evaluated per level", DefaultValueFactory = _ => 200 };
        var success = new Option<double>("--success") { Description = "a seed succeeds when its relative weight error is at most this (plots and summary only)", DefaultValueFactory = _ => SweepAggregation.DefaultSuccessThreshold };
        var output = new Option<string>("--out") { Description = "results directory: results.jsonl, sweep.json, summary.csv, heatmaps (rerun the same command to resume)", Required = true };
        var force = new Option<bool>("--force") { Description = "if --out holds a sweep with other settings, move its results aside and start this sweep there" };
        var parallel = new Option<int>("--parallel") { Description = "cells (cell and seed units) run at once", DefaultValueFactory = _ => Environment.ProcessorCount };
        var threads = new Option<int?>("--threads") { Description = "threads per solve (default: cores / --parallel); results are identical for every value" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress on standard error" };
        var memory = new MemoryGuard();

        var command = new Command("sweep", "Phase diagrams: run methods over a grid of widths, sparsities or sample sizes and seeds, resumably, and draw heatmaps.");
        foreach (Option option in new Option[]
                 {
                     inputs, width, nonzeros, samples, seeds, methods, weights, outputs, nonempty, dictionary, extra, rule, mode, projection, step,
                     maxIterations, tolerance, warmup, restart, empty, inner, impSteps, impRate, audit, auditSupports, success, output, force, parallel, threads, memory.AllowLarge, quiet,
                 })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var grid = new SweepGrid(
                CommaLists.Integers("inputs", parse.GetValue(inputs)),
                CommaLists.Integers("width", parse.GetValue(width)),
                CommaLists.Integers("nonzeros", parse.GetValue(nonzeros)),
                CommaLists.Integers("samples", parse.GetValue(samples)),
                SeedList(parse.GetValue(seeds)),
                MethodList(parse.GetValue(methods)),
                parse.GetValue(audit));
            if (grid.VaryingAxes.Count > 2)
            {
                throw new InvalidSettingException(OptionName(grid.VaryingAxes[2]), $"at most two of --inputs, --width, --nonzeros, --samples may list several values (a heatmap has two axes); {string.Join(", ", grid.VaryingAxes.Select(a => "--" + OptionName(a)))} do");
            }

            SolverMode solverMode = Spellings.Parse(Spellings.Modes, "mode", parse.GetValue(mode)!);
            string? dictionaryWord = parse.GetValue(dictionary);
            DictionaryKind dictionaryKind = dictionaryWord is null
                ? (solverMode == SolverMode.SequentialConvex ? DictionaryKind.Random : DictionaryKind.Planted)
                : Spellings.Parse(Spellings.Dictionaries, "dictionary", dictionaryWord);
            var settings = new SweepSettings(
                Weights: Spellings.Parse(Spellings.Weights, "weights", parse.GetValue(weights)!),
                Outputs: Spellings.Parse(Spellings.Outputs, "outputs", parse.GetValue(outputs)!),
                KeepUnitsNonEmpty: parse.GetValue(nonempty) switch
                {
                    "auto" => null,
                    "yes" => true,
                    "no" => false,
                    string other => throw new InvalidSettingException("nonempty-units", $"must be one of auto, yes, no; got '{other}'"),
                    null => null,
                },
                Dictionary: dictionaryKind,
                ExtraUnits: parse.GetValue(extra),
                Rule: Spellings.Parse(Spellings.PatternRules, "pattern-rule", parse.GetValue(rule)!),
                Mode: solverMode,
                Projection: parse.GetValue(projection),
                Step: parse.GetValue(step),
                MaxIterations: parse.GetValue(maxIterations),
                Tolerance: parse.GetValue(tolerance),
                ScpWarmupSteps: parse.GetValue(warmup),
                ScpRestartWindow: parse.GetValue(restart),
                EmptyGenerator: Spellings.Parse(Spellings.EmptyGenerators, "empty-generator", parse.GetValue(empty)!),
                InnerSteps: parse.GetValue(inner),
                Imp: new ImpOptions(StepsPerRound: parse.GetValue(impSteps), LearningRate: parse.GetValue(impRate)),
                AuditSupports: parse.GetValue(auditSupports));
            settings.Validate(grid);
            double successThreshold = parse.GetValue(success);
            InvalidSettingException.RequirePositive("success", successThreshold);
            int parallelCells = parse.GetValue(parallel);
            InvalidSettingException.RequireAtLeast("parallel", parallelCells, 1);
            int threadCount = parse.GetValue(threads) ?? Math.Max(1, Environment.ProcessorCount / parallelCells);
            InvalidSettingException.RequireAtLeast("threads", threadCount, 1);
            var plan = new SweepPlan(grid, settings);
            SweepCell largest = grid.FeasibleCells.MaxBy(c => MemoryEstimate.Bytes(c.Samples, c.Inputs, (long)c.Width + settings.ExtraUnits, settings.Mode == SolverMode.SequentialConvex))!;
            memory.Require(parse, largest.Samples, largest.Inputs, (long)largest.Width + settings.ExtraUnits, settings.Mode == SolverMode.SequentialConvex,
                "--samples, --inputs, --width or --parallel", copies: Math.Min(parallelCells, grid.Units.Count()));
            string folder = parse.GetValue(output)!;

            using SweepStore store = SweepStore.Open(folder, plan, parse.GetValue(force));
            Console.Out.Write(SweepText.Header(plan, dictionaryWord is null, parallelCells, threadCount));
            Console.Out.Write(SweepText.Opened(store, grid));
            Console.Out.Flush();

            SweepRunSummary summary;
            using (var interrupt = new Interruption())
            {
                summary = new SweepProgressView(!parse.GetValue(quiet)).Run(progress => SweepRunner.Run(plan, store, parallelCells, threadCount, progress, interrupt.Token));
            }

            if (summary.Cancelled)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"interrupted {store.Count} of {summary.Total} rows are stored in {store.ResultsPath} ({summary.Ran} finished in this run, {summary.Elapsed.TotalSeconds:F1} s); rerun the same command to resume"));
                return InterruptedExitCode;
            }

            IReadOnlyList<SweepCellSummary> cells = SweepAggregation.Summarize(store.Rows, grid, successThreshold);
            string csv = SweepSummaryCsv.Write(Path.Combine(folder, "summary.csv"), cells);
            IReadOnlyList<string> pictures = Heatmaps.Write(folder, plan, cells, successThreshold);
            Console.Out.Write(SweepText.Footer(plan, summary, cells, successThreshold, [csv, .. pictures], store.ResultsPath));
            return 0;
        });
        return command;
    }

    /// <summary>The option that sets <paramref name="axis"/>, without dashes.</summary>
    public static string OptionName(SweepAxis axis) => axis switch
    {
        SweepAxis.Inputs => "inputs",
        SweepAxis.Width => "width",
        SweepAxis.Nonzeros => "nonzeros",
        _ => "samples",
    };

    /// <summary>Parses a comma-separated list of integer seeds.</summary>
    public static long[] SeedList(string? text) =>
        CommaLists.Split("seeds", text).Select(part =>
            long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
                ? value
                : throw new InvalidSettingException("seeds", $"must be comma-separated integers (e.g. 0,1,2), got '{part}'")).ToArray();

    /// <summary>Parses a comma-separated list of method words.</summary>
    public static SweepMethod[] MethodList(string? text) =>
        CommaLists.Split("methods", text).Select(part =>
            SweepMethod.Parse(part) ?? throw new InvalidSettingException("methods", $"must be comma-separated words from {string.Join(", ", SweepMethod.All.Select(m => m.Word))}; got '{part}'")).ToArray();

    /// <summary>Ctrl-C and SIGTERM cancel the run (once); stored rows stay, running ones are abandoned.</summary>
    private sealed class Interruption : IDisposable
    {
        private readonly CancellationTokenSource _source = new();
        private readonly List<PosixSignalRegistration> _registrations = [];

        public Interruption()
        {
            foreach (PosixSignal signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            {
                try
                {
                    _registrations.Add(PosixSignalRegistration.Create(signal, Handle));
                }
                catch (PlatformNotSupportedException)
                {
                    // e.g. SIGTERM on Windows: that signal keeps its default action; rows already stored stay.
                }
            }
        }

        public CancellationToken Token => _source.Token;

        public void Dispose()
        {
            foreach (PosixSignalRegistration registration in _registrations)
            {
                registration.Dispose();
            }

            _source.Dispose();
        }

        private void Handle(PosixSignalContext context)
        {
            if (_source.IsCancellationRequested)
            {
                return; // a second signal: let the default action end the process
            }

            context.Cancel = true;
            _source.Cancel();
        }
    }
}
