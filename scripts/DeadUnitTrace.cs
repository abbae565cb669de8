// The dead-unit diagnostic of docs/dead-units.md. On one planted instance of the paper's task (d = 100, n = 50 000, random
// generators, N(0, 1) weights placed uniformly, sequential-convex AIHT, k = s, 15 steps) it prints per step t:
//   empty blocks       blocks with w_j = 0 after step t − 1, i.e. without weights while step t ran (under --empty-generator
//                      zero they have h_j = 0: all-on under geq, all-off under gt);
//   holding support    how many of them hold entries of w after step t, and how many of the k entries they hold;
//   coordinates        how many distinct input coordinates those entries use (fewer than entries: the same column
//                      X[:, l] repeated in several blocks);
//   blocks             blocks holding support after step t.
// Usage: dotnet run -c Release scripts/DeadUnitTrace.cs -- m s rule empty-generator [warm-up] [seed] [restart]
//   rule geq | gt; empty-generator redraw-one | redraw | zero; warm-up 0 (default) or more; seed 0 (default);
//   restart: the SCP restart window (default the library's; 0: none). A row of a restart names its run.
#:project ../src/Solver/Solver.csproj
using System.Globalization;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Metrics;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Solvers;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
int m = int.Parse(args[0], CultureInfo.InvariantCulture), s = int.Parse(args[1], CultureInfo.InvariantCulture);
PatternRule rule = args[2] == "gt" ? PatternRule.Greater : PatternRule.GreaterOrEqual;
EmptyGenerator empty = EmptyGenerators.Words[args[3]];
int warmup = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0;
long seed = args.Length > 5 ? long.Parse(args[5], CultureInfo.InvariantCulture) : 0;
int restart = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : new SolverOptions().ScpRestartWindow;
const int d = 100, n = 50_000;
var spec = new PlantedNetworkSpec(d, m, s, n, seed, WeightDistribution.Gaussian, OutputWeights.Positive, KeepUnitsNonEmpty: false);
var network = PlantedNetwork.Create(spec);
var dictionary = GeneratorDictionary.Create(DictionaryKind.Random, network, 0, seed);
var sensing = ActivationPatternOperator.FromDictionary(network.Data, dictionary, rule, Environment.ProcessorCount);
var options = new SolverOptions(SolverCatalogue.Aiht, Projection: s, MaxIterations: 15, Mode: SolverMode.SequentialConvex, ScpWarmupSteps: warmup,
    ScpRestartWindow: restart, EmptyGenerator: empty, Seed: seed, Parallelism: Environment.ProcessorCount);

Console.WriteLine($"m = {m}, s = {s}, rule {args[2]}, empty generator {args[3]}, warm-up {warmup}, seed {seed}, restart window {restart}");
Console.WriteLine("| step | relative residual | empty blocks | of them holding support | entries in them | distinct coordinates | blocks holding support |");
Console.WriteLine("|---|---|---|---|---|---|---|");
SparseVector? previous = null;
int run = 0, start = 0; // the run and the rows before it
var result = IterativeSolver.Solve(sensing, network.Labels, options, (row, w) =>
{
    int[] blocks = [.. w.Indices.ToArray().Select(c => c / d).Distinct()];
    string counts = "– | – | – | –";
    if (row.Run != run)
    {
        (run, start) = (row.Run, row.Iteration - 1); // a restart: from w = 0 with warm-up + run
        previous = null;
    }

    if (previous is not null && row.Iteration - start > warmup + run + 1)
    {
        // Step t ran with the patterns set from w^(t−1): its empty blocks are those without entries in w^(t−1).
        HashSet<int> held = [.. previous.Indices.ToArray().Select(c => c / d)];
        int[] entries = [.. w.Indices.ToArray().Where(c => !held.Contains(c / d))];
        counts = $"{m - held.Count} | {entries.Select(c => c / d).Distinct().Count()} | {entries.Length} | {entries.Select(c => c % d).Distinct().Count()}";
    }

    Console.WriteLine($"| {row.Iteration}{(row.Run > 0 ? $" (run {row.Run})" : "")} | {row.RelativeResidual:F3} | {counts} | {blocks.Length} |");
    previous = w;
});
double[] predictions = result.FinalOperator.Forward(result.Weights);
var metrics = RecoveryEvaluation.ForNetwork(result.Weights, network.FusedWeights, d, false, network.Labels, predictions);
Console.WriteLine($"kept run {result.KeptRun} of {result.Trace[^1].Run + 1}");
Console.WriteLine($"PSNR {metrics.PsnrDb:F1} dB, weight error {metrics.RelativeWeightError:F3}, support recall {metrics.SupportRecall:F2}");
