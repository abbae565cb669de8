using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SparseIhtVerify.Experiments;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Solvers;

namespace SparseIhtVerify.Cli;

/// <summary><c>sparse-iht recover</c>: draw a planted network, recover it with a hard-thresholding solver, report.</summary>
public static class RecoverCommand
{
    public static Command Create()
    {
        var instance = new InstanceOptions();
        var solver = new SolverFlags();
        var memory = new MemoryGuard();
        var json = new Option<string?>("--json") { Description = "write the full result as JSON to this file (- : to standard output, which then holds nothing else; the report goes to standard error)" };
        var export = new Option<string?>("--export") { Description = "write the instance and result as .npy files into this directory" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress on standard error" };

        var command = new Command("recover", "Draw a planted sparse ReLU network and recover its weights by iterative hard thresholding.");
        foreach (Option option in instance.All.Concat(solver.All).Concat([json, export, memory.AllowLarge, quiet]))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var spec = instance.Spec(parse);
            var options = solver.Options(parse, parse.GetValue(solver.Projection) ?? spec.Nonzeros, spec.Seed);
            solver.RefuseInapplicable(parse, options);
            var request = new RecoveryRequest(spec, instance.DictionaryKind(parse), parse.GetValue(instance.ExtraUnits), instance.Rule(parse), options, solver.Kernels(parse));
            Recovery.Validate(request);
            memory.Require(parse, spec.Samples, spec.Inputs, (long)spec.Width + request.ExtraUnits, options.Mode == SolverMode.SequentialConvex, "--samples, --inputs or --width");
            var jsonOutput = new JsonOutput("json", parse.GetValue(json));
            string? exportPath = parse.GetValue(export);

            if (exportPath is not null)
            {
                OutputPaths.RequireWritableDirectory("export", exportPath);
            }

            RecoveryOutcome outcome;
            using var interrupt = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true; // stop at the next iteration and report it, rather than die
                interrupt.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                using var progress = new ProgressIndicator(!parse.GetValue(quiet));
                progress.Report("drawing the instance and computing activation patterns…");
                outcome = Recovery.Run(request, row => progress.Report(
                    $"iteration {row.Iteration}/{options.MaxIterations}  relative residual {Format.Number(row.RelativeResidual)}  nonzeros {row.Nonzeros}"), interrupt.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }

            jsonOutput.Human.Write(Summary(outcome));
            jsonOutput.Write(RecoverReport.From(outcome));

            if (exportPath is not null)
            {
                IReadOnlyList<string> files = InstanceExport.Write(exportPath, outcome);
                jsonOutput.Human.WriteLine($"  wrote {files.Count} .npy files into {exportPath}");
            }

            if (outcome.Result.Status == SolverStatus.Interrupted)
            {
                Console.Error.WriteLine($"sparse-iht: interrupted (Ctrl-C) after {outcome.Result.Iterations} iterations; the report above holds that iterate");
                return ExitCodes.Interrupted;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The short human table.</summary>
    public static string Summary(RecoveryOutcome outcome)
    {
        var r = outcome.Request;
        var s = r.Instance;
        var result = outcome.Result;
        var metrics = outcome.Metrics;
        int blocks = outcome.Dictionary.Blocks;
        var text = new System.Text.StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        text.AppendLine(ci, $"instance   d = {s.Inputs}, m = {s.Width}, s = {s.Nonzeros}, n = {s.Samples}, seed {s.Seed}, weights {Spellings.Word(Spellings.Weights, s.Weights)}, outputs {Spellings.Word(Spellings.Outputs, s.Outputs)}, non-empty units {(s.KeepUnitsNonEmpty ? "yes" : "no")}");
        text.AppendLine(ci, $"operator   dictionary {Spellings.Word(Spellings.Dictionaries, r.Dictionary)}, p = {blocks} blocks, N = p·d = {(long)blocks * s.Inputs} unknowns, pattern rule {(r.Rule == Solver.Kernels.PatternRule.GreaterOrEqual ? "x·h >= 0" : "x·h > 0")}, kernels {r.Backend.Word}");
        text.AppendLine(ci, $"solver     {r.Solver.Solver.Word}, mode {Spellings.Word(Spellings.Modes, r.Solver.Mode)}, projection k = {r.Solver.Projection}, tol {Format.Number(r.Solver.Tolerance)}, max {r.Solver.MaxIterations} iterations{(r.Solver.Mode == SolverMode.SequentialConvex ? $", warm-up {r.Solver.ScpWarmupSteps}, restart {Spellings.ScpRestart(r.Solver.ScpRestartWindow)}, empty generator {Spellings.Word(Spellings.EmptyGenerators, r.Solver.EmptyGenerator)}" : string.Empty)}, {r.Solver.Parallelism} thread(s)");
        text.AppendLine();
        int runs = result.Trace.Count == 0 ? 1 : result.Trace[^1].Run + 1;
        string kept = runs > 1 ? $"; {runs} runs (scp restarts), run {result.KeptRun} kept: the lowest residual" : string.Empty;
        text.AppendLine(ci, $"  status                  {Spellings.Word(Spellings.Statuses, result.Status)} after {result.Iterations} iterations{kept}");
        text.AppendLine(ci, $"  relative weight error   {Format.Number(metrics.RelativeWeightError)}   ‖ŵ − w*‖/‖w*‖, {metrics.MatchingMethod} matching of blocks to units");
        text.AppendLine(ci, $"  support                 precision {metrics.SupportPrecision:F3}, recall {metrics.SupportRecall:F3}, exact {(metrics.SupportExact ? "yes" : "no")}");
        text.AppendLine(ci, $"  PSNR                    {Format.Decibels(metrics.PsnrDb)}   20·log10 max|y| − 10·log10 MSE, training set");
        text.AppendLine(ci, $"  relative residual       {Format.Number(metrics.RelativeResidual)}   ‖Aŵ − y‖/‖y‖");
        text.AppendLine(ci, $"  time                    {result.Seconds:F3} s solving ({Format.Number(result.SecondsPerIteration)} s per iteration), {outcome.SetupSeconds:F3} s setup");
        text.AppendLine(ci, $"  peak iterate nonzeros   {result.MaxIterateNonzeros} (k = {r.Solver.Projection})");
        return text.ToString();
    }
}
