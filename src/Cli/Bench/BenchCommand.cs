using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;
using SparseIhtVerify.Experiments.Bench;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Solver.Solvers;
using SparseIhtVerify.Solver.Thresholding;

namespace SparseIhtVerify.Cli;

/// <summary><c>sparse-iht bench</c>: the options of <see cref="StepBenchmark"/> and its report as text and JSON.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var samples = new Option<int>("--samples") { Description = "number of samples n", DefaultValueFactory = _ => 50_000 };
        var inputs = new Option<int>("--inputs") { Description = "input dimension d", DefaultValueFactory = _ => 100 };
        var width = new Option<int>("--width") { Description = "hidden width m (= number of blocks p: random dictionary)", DefaultValueFactory = _ => 1000 };
        var nonzeros = new Option<int>("--nonzeros") { Description = "planted nonzeros s (= projection size k)", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "seed of the instance", DefaultValueFactory = _ => 0 };
        var steps = new Option<int>("--steps") { Description = "AIHT steps to time (≥ 1)", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "threads (results are identical for any value)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var precision = new Option<string>("--precision") { Description = "precision of the reported gradient pass: double (the solver's) | single (Float32GradientKernel; the AIHT steps stay double)", DefaultValueFactory = _ => "double" };
        var repeats = new Option<int>("--repeats") { Description = "repetitions of each kernel timing (median reported)", DefaultValueFactory = _ => 5 };
        var backend = new Option<string>("--backend") { Description = Spellings.BackendHelp, DefaultValueFactory = _ => KernelBackendCatalogue.AutomaticWord };
        var json = new Option<string?>("--json") { Description = "write the figures as JSON to this file (- : to standard output, which then holds nothing else; the report goes to standard error)" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress on standard error" };

        var command = new Command("bench", "Time AIHT steps and their kernels (gradient pass, mask computation, restricted products, top-k) and report GFLOP/s against a dense GEMM measured in the same run, and memory.");
        foreach (Option option in new Option[] { samples, inputs, width, nonzeros, seed, steps, threads, precision, repeats, backend, json, quiet })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var settings = new BenchSettings(
                parse.GetValue(samples), parse.GetValue(inputs), parse.GetValue(width), parse.GetValue(nonzeros), parse.GetValue(seed),
                parse.GetValue(steps), parse.GetValue(threads), parse.GetValue(precision)!, parse.GetValue(repeats), Spellings.Backend(parse.GetValue(backend)!));
            settings.Validate();
            var jsonOutput = new JsonOutput("json", parse.GetValue(json));

            Action<string> progress = parse.GetValue(quiet) ? _ => { } : line => Console.Error.WriteLine($"bench: {line}");
            BenchReport report = StepBenchmark.Run(settings, progress);
            jsonOutput.Human.Write(Text(report));
            jsonOutput.Write(report);

            return 0;
        });
        return command;
    }

    /// <summary>The human-readable report.</summary>
    public static string Text(BenchReport r)
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        BenchProblem p = r.Problem;
        text.AppendLine(ci, $"problem    n = {p.Samples}, d = {p.Inputs}, m = {p.Width} (p = {p.Blocks} blocks, N = {p.Unknowns}), s = {p.Nonzeros}, k = {p.Projection}; {p.Solver} {p.Mode}, {p.InnerSteps} inner steps; {p.Threads} thread(s), {p.Precision}, kernels {p.Backend}");
        text.AppendLine(ci, $"setup      instance {r.Setup.InstanceSeconds:F2} s, activation patterns {r.Setup.PatternSeconds:F2} s");
        text.AppendLine();
        text.AppendLine(ci, $"  AIHT step               median {r.Steps.MedianSeconds:F3} s, min {r.Steps.MinSeconds:F3} s, max {r.Steps.MaxSeconds:F3} s over {r.Steps.Count} steps  [{string.Join(", ", r.Steps.Seconds.Select(v => v.ToString("F3", ci)))}]");
        text.AppendLine(ci, $"  gradient pass Aᵀr ({r.Gradient.Precision[0]})   1 thread {r.Gradient.OneThreadSeconds:F3} s = {r.Gradient.OneThreadGflops:F1} GFLOP/s; {r.Gradient.Threads} thread(s) {r.Gradient.AllThreadsSeconds:F3} s = {r.Gradient.AllThreadsGflops:F1} GFLOP/s (speed-up {r.Gradient.SpeedUp:F2})   2·n·d·p flops");
        text.AppendLine(ci, $"  dense GEMM, same shape  {r.Peak.DenseGemmGflops:F1} GFLOP/s one core, double (d×K by K×m, K = {r.Peak.DenseGemmDepth}); FMA throughput peak {r.Peak.FmaPeakGflops:F1} GFLOP/s ({r.Gradient.Precision})");
        text.AppendLine(ci, $"  ratio                   gradient / dense GEMM = {r.Peak.GradientOverDenseGemm:F2}; gradient / FMA peak = {r.Peak.GradientOverFmaPeak:F2}");
        text.AppendLine(ci, $"  peak working set        {r.Memory.PeakWorkingSetMegabytes:F1} MB  (X {r.Memory.DataMegabytes:F1} MB, X tiles {r.Memory.TilesMegabytes:F1} MB, masks {r.Memory.MaskMegabytes:F2} MB)");
        text.AppendLine(ci, $"  allocated per step      {r.Memory.BytesPerStep / 1e6:F2} MB (median after step 1; by step: {string.Join(", ", r.Memory.BytesByStep.Select(v => (v / 1e6).ToString("F2", ci)))} MB)");
        text.AppendLine();
        text.AppendLine("  kernel timings (median):");
        foreach (KernelTiming k in r.Kernels)
        {
            string rate = k.Flops > 0 ? $"  {k.GigaflopsPerSecond,6:F1} GFLOP/s" : string.Empty;
            text.AppendLine(ci, $"    {k.Name,-78} {k.Seconds * 1e3,9:F2} ms (min {k.MinSeconds * 1e3,8:F2}){rate}");
        }

        return text.ToString();
    }
}
