using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Solver.Solvers;
using SparseIhtVerify.Solver.Thresholding;

namespace SparseIhtVerify.Experiments.Bench;

/// <summary>
/// The step benchmark behind <c>sparse-iht bench</c>: times full AIHT steps (sequential-convex mode, 10 inner steps) on a
/// planted instance and the kernels they are made of, measures the machine's dense matrix-multiply rate and FMA peak in
/// the same run, and reports memory. Timings are wall-clock medians of repeated runs; nothing here is a unit test.
/// </summary>
public static class StepBenchmark
{
    /// <summary>Runs the whole benchmark.</summary>
    public static BenchReport Run(BenchSettings settings, Action<string> progress)
    {
        progress("warming up (JIT) on a small instance…");
        WarmUp(settings.Threads);
        GC.Collect();

        int n = settings.Samples, d = settings.Inputs, m = settings.Width, s = settings.Nonzeros, threads = settings.Threads;
        progress($"drawing the instance n = {n}, d = {d}, m = {m}, s = {s}…");
        var clock = Stopwatch.StartNew();
        var spec = new PlantedNetworkSpec(d, m, s, n, settings.Seed, KeepUnitsNonEmpty: s >= m);
        PlantedNetwork network = PlantedNetwork.Create(spec);
        GeneratorDictionary dictionary = GeneratorDictionary.Create(DictionaryKind.Random, network, 0, settings.Seed);
        double instanceSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var sensing = ActivationPatternOperator.FromDictionary(network.Data, dictionary, PatternRule.GreaterOrEqual, threads, settings.Backend);
        double patternSeconds = clock.Elapsed.TotalSeconds;
        int blocks = sensing.Blocks;

        progress($"timing {settings.Steps} AIHT steps (scp, 10 inner steps, k = {s}, {threads} thread(s))…");
        var options = new SolverOptions(Solver: SolverCatalogue.Aiht, Projection: s, MaxIterations: settings.Steps, Tolerance: 1e-300,
            Mode: SolverMode.SequentialConvex, ScpRestartWindow: 0, InnerSteps: 10, StallIterations: int.MaxValue, Parallelism: threads);
        var stepSeconds = new List<double>();
        var stepBytes = new List<long>();
        long lastBytes = GC.GetTotalAllocatedBytes(precise: true);
        clock.Restart();
        double last = 0;
        SolverResult result = IterativeSolver.Solve(sensing, network.Labels, options, row =>
        {
            double now = clock.Elapsed.TotalSeconds;
            long bytes = GC.GetTotalAllocatedBytes(precise: true);
            stepSeconds.Add(now - last);
            stepBytes.Add(bytes - lastBytes);
            progress($"step {row.Iteration}: {now - last:F3} s, relative residual {row.RelativeResidual.ToString("G3", CultureInfo.InvariantCulture)}");
            last = clock.Elapsed.TotalSeconds;
            lastBytes = GC.GetTotalAllocatedBytes(precise: true);
        });
        long peakWorkingSet;
        using (var process = Process.GetCurrentProcess())
        {
            process.Refresh();
            peakWorkingSet = process.PeakWorkingSet64;
        }

        // The SCP state the solve ended in: its data and gates, on an operator of the bench's own.
        IGatedBlocks finalGates = result.FinalOperator as IGatedBlocks ?? throw new InvalidOperationException("the bench's SCP solve did not end on a gated operator");
        var final = new ActivationPatternOperator(finalGates.Data, finalGates.Patterns, threads, finalGates.Backend);
        SparseVector w = result.Weights;
        double[] residual = final.Forward(w);
        for (int i = 0; i < n; i++)
        {
            residual[i] -= network.Labels[i];
        }

        int repeats = settings.Repeats;
        double gradientFlops = 2.0 * n * d * blocks;
        progress("timing the gradient pass Aᵀr (1 thread and all threads)…");
        var passOne = new StreamedGradient(final, s, 1);
        (double gradientOne, double gradientOneMin) = Time(repeats, () => passOne.Compute(w, residual));
        var passAll = new StreamedGradient(final, s, threads);
        (double gradientAll, double gradientAllMin) = Time(repeats, () => passAll.Compute(w, residual));

        progress("timing the single-precision gradient pass…");
        (double singleOne, double singleOneMin) = Time(repeats, () => SinglePass(final, residual, 1));
        (double singleAll, double singleAllMin) = Time(repeats, () => SinglePass(final, residual, threads));

        progress("timing the kernels…");
        var kernels = new List<KernelTiming>
        {
            new("gradient pass Aᵀr + top-k, 1 thread", gradientOne, gradientFlops, gradientOneMin),
            new($"gradient pass Aᵀr + top-k, {passAll.Parallelism} thread(s)", gradientAll, gradientFlops, gradientAllMin),
            new("gradient pass Aᵀr in single precision (no top-k), 1 thread", singleOne, gradientFlops, singleOneMin),
            new($"gradient pass Aᵀr in single precision (no top-k), {threads} thread(s)", singleAll, gradientFlops, singleAllMin),
        };
        var workspace = new GradientWorkspace();
        int chunkBlocks = Math.Min(blocks, 256);
        var chunk = new double[chunkBlocks * d];
        kernels.Add(new($"gradient kernel only, one chunk of {chunkBlocks} blocks, 1 thread", Time(repeats, () => final.AdjointBlocks(residual, 0, chunkBlocks, chunk, workspace)), 2.0 * n * d * chunkBlocks));
        kernels.Add(new($"mask computation, dense h_j (dictionary), {threads} thread(s)", Time(Math.Min(repeats, 3), () => ActivationPatterns.Compute(network.Data, dictionary.Generators, PatternRule.GreaterOrEqual, threads)), 2.0 * n * d * blocks));
        ActivationPatternOperator scratchOperator = final.WithOwnPatterns();
        kernels.Add(new($"mask computation, sparse h_j := w_j (scp update of all blocks), {threads} thread(s)", Time(repeats, () => scratchOperator.UpdatePatternsFrom(null, w, threads)), 2.0 * n * w.Count));
        var image = new double[n];
        kernels.Add(new($"restricted forward A_S z, |S| = {w.Count}, {threads} thread(s)", Time(repeats, () => final.RestrictedForward(w.Indices, w.Values, image)), 2.0 * n * w.Count));
        var adjoint = new double[w.Count];
        kernels.Add(new($"restricted adjoint A_Sᵀ r, |S| = {w.Count}, {threads} thread(s)", Time(repeats, () => final.RestrictedAdjoint(w.Indices, residual, adjoint)), 2.0 * n * w.Count));
        var singleThreaded = new ActivationPatternOperator(final.Data, final.Patterns, 1);
        kernels.Add(new($"restricted forward A_S z, |S| = {w.Count}, 1 thread", Time(repeats, () => singleThreaded.RestrictedForward(w.Indices, w.Values, image)), 2.0 * n * w.Count));
        kernels.Add(new($"restricted adjoint A_Sᵀ r, |S| = {w.Count}, 1 thread", Time(repeats, () => singleThreaded.RestrictedAdjoint(w.Indices, residual, adjoint)), 2.0 * n * w.Count));
        double[] gradient = new double[chunkBlocks * d];
        final.AdjointBlocks(residual, 0, chunkBlocks, gradient, workspace);
        var buffer = new TopKBuffer(s);
        kernels.Add(new($"top-k merge of {gradient.Length} gradient entries into k = {s}", Time(repeats, () =>
        {
            buffer.Clear();
            buffer.OfferRange(0, gradient);
        }), 0));

        progress("measuring the dense GEMM rate on the same shape and the FMA peak…");
        (double denseSeconds, int denseK) = DenseGemm(network.Data, m, repeats);
        double denseFlops = 2.0 * denseK * d * m;
        double fmaPeak = FmaPeak(settings.Precision == "single");

        bool single = settings.Precision == "single";
        if (single)
        {
            (gradientOne, gradientAll) = (singleOne, singleAll);
        }

        double gradientRate = gradientFlops / gradientOne / 1e9;
        double denseRate = denseFlops / denseSeconds / 1e9;
        double[] sorted = stepSeconds.Order().ToArray();
        long[] laterBytes = stepBytes.Skip(1).Order().ToArray();
        return new BenchReport(
            new BenchProblem(n, d, m, blocks, s, s, (long)blocks * d, threads, settings.Precision, "random", "aiht", "scp", 10, settings.Seed, settings.Backend.Word),
            new BenchSteps(stepSeconds.Count, MedianOf(sorted), sorted[0], sorted[^1], stepSeconds.ToArray(), result.Trace[^1].RelativeResidual),
            new BenchGradient(settings.Precision, gradientOne, gradientRate, gradientAll, gradientFlops / gradientAll / 1e9, single ? threads : passAll.Parallelism, gradientOne / gradientAll),
            new BenchPeak(denseRate, denseK, fmaPeak, gradientRate / denseRate, gradientRate / fmaPeak),
            new BenchMemory(
                peakWorkingSet / 1e6,
                laterBytes.Length > 0 ? laterBytes[laterBytes.Length / 2] : stepBytes[0],
                stepBytes.ToArray(),
                (long)n * d * sizeof(double) / 1e6,
                sensing.Patterns.Bytes / 1e6,
                RowTiles.Of(network.Data).Bytes / 1e6),
            new BenchSetup(instanceSeconds, patternSeconds),
            kernels.Select(k => k with { GigaflopsPerSecond = k.Flops > 0 ? k.Flops / k.Seconds / 1e9 : 0 }).ToArray(),
            new BenchMachine(Environment.ProcessorCount, Vector512.IsHardwareAccelerated, Environment.Version.ToString(), System.Runtime.InteropServices.RuntimeInformation.OSDescription));
    }

    // The gradient over all blocks in single precision, chunks of 256 blocks spread over the threads (no top-k).
    private static void SinglePass(ActivationPatternOperator sensing, double[] residual, int threads)
    {
        int d = sensing.BlockSize, blocks = sensing.Blocks, chunk = 256, chunks = (blocks + chunk - 1) / chunk;
        int workers = Math.Clamp(threads, 1, chunks);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            var buffer = SingleBuffers.Value ??= new double[chunk * d];
            for (int c = worker; c < chunks; c += workers)
            {
                int first = c * chunk, count = Math.Min(chunk, blocks - first);
                Float32GradientKernel.Accumulate(sensing.Data, sensing.Patterns, residual, first, count, buffer.AsSpan(0, count * d));
            }
        });
    }

    private static readonly ThreadLocal<double[]?> SingleBuffers = new(() => null);

    private static void WarmUp(int threads)
    {
        var spec = new PlantedNetworkSpec(20, 40, 40, 3000, 1, KeepUnitsNonEmpty: true);
        PlantedNetwork network = PlantedNetwork.Create(spec);
        GeneratorDictionary dictionary = GeneratorDictionary.Create(DictionaryKind.Random, network, 0, 1);
        var sensing = ActivationPatternOperator.FromDictionary(network.Data, dictionary, PatternRule.GreaterOrEqual, threads);
        var options = new SolverOptions(Solver: SolverCatalogue.Aiht, Projection: 40, MaxIterations: 3, Tolerance: 1e-300,
            Mode: SolverMode.SequentialConvex, ScpRestartWindow: 0, StallIterations: int.MaxValue, Parallelism: threads);
        IterativeSolver.Solve(sensing, network.Labels, options);
        DenseGemmKernel.Multiply(network.Data.Values[..(512 * 20)], 20, new double[512 * 40], 40, new double[20 * 40]);
    }

    private static (double Seconds, int Depth) DenseGemm(DataMatrix data, int m, int repeats)
    {
        int d = data.Columns, k = Math.Min(data.Rows, 2048);
        var b = new double[k * m];
        new SeededRandom(1, RandomStream.Estimation).FillGaussian(b);
        var c = new double[d * m];
        var workspace = new GradientWorkspace();
        ReadOnlySpan<double> x = data.Values[..(k * d)];
        double[] xs = x.ToArray();
        return (Median(Math.Max(repeats, 5), () => DenseGemmKernel.Multiply(xs, d, b, m, c, workspace)), k);
    }

    // Register-only fused multiply–adds: 12 independent chains of 512-bit (or 256-bit) vectors, 2 flops per lane.
    private static double FmaPeak(bool single)
    {
        const long Iterations = 20_000_000;
        double best = 0;
        for (int rep = 0; rep < 3; rep++)
        {
            var clock = Stopwatch.StartNew();
            double sink = single ? FmaLoop512Single(Iterations) : Vector512.IsHardwareAccelerated ? FmaLoop512(Iterations) : FmaLoop256(Iterations);
            double seconds = clock.Elapsed.TotalSeconds;
            int lanes = (Vector512.IsHardwareAccelerated ? 8 : 4) * (single ? 2 : 1);
            best = Math.Max(best, Iterations * 12.0 * lanes * 2 / seconds / 1e9 + (sink == 0.123 ? 1 : 0));
        }

        return best;
    }

    private static double FmaLoop512(long iterations)
    {
        Vector512<double> a = Vector512.Create(1.0000001), b = Vector512.Create(-1e-9), c0 = Vector512.Create(0.1), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, a, b); c1 = Vector512.FusedMultiplyAdd(c1, a, b); c2 = Vector512.FusedMultiplyAdd(c2, a, b); c3 = Vector512.FusedMultiplyAdd(c3, a, b);
            c4 = Vector512.FusedMultiplyAdd(c4, a, b); c5 = Vector512.FusedMultiplyAdd(c5, a, b); c6 = Vector512.FusedMultiplyAdd(c6, a, b); c7 = Vector512.FusedMultiplyAdd(c7, a, b);
            c8 = Vector512.FusedMultiplyAdd(c8, a, b); c9 = Vector512.FusedMultiplyAdd(c9, a, b); c10 = Vector512.FusedMultiplyAdd(c10, a, b); c11 = Vector512.FusedMultiplyAdd(c11, a, b);
        }

        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    private static double FmaLoop512Single(long iterations)
    {
        Vector512<float> a = Vector512.Create(1.0000001f), b = Vector512.Create(-1e-9f), c0 = Vector512.Create(0.1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, a, b); c1 = Vector512.FusedMultiplyAdd(c1, a, b); c2 = Vector512.FusedMultiplyAdd(c2, a, b); c3 = Vector512.FusedMultiplyAdd(c3, a, b);
            c4 = Vector512.FusedMultiplyAdd(c4, a, b); c5 = Vector512.FusedMultiplyAdd(c5, a, b); c6 = Vector512.FusedMultiplyAdd(c6, a, b); c7 = Vector512.FusedMultiplyAdd(c7, a, b);
            c8 = Vector512.FusedMultiplyAdd(c8, a, b); c9 = Vector512.FusedMultiplyAdd(c9, a, b); c10 = Vector512.FusedMultiplyAdd(c10, a, b); c11 = Vector512.FusedMultiplyAdd(c11, a, b);
        }

        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    private static double FmaLoop256(long iterations)
    {
        Vector256<double> a = Vector256.Create(1.0000001), b = Vector256.Create(-1e-9), c0 = Vector256.Create(0.1), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, a, b); c1 = Vector256.FusedMultiplyAdd(c1, a, b); c2 = Vector256.FusedMultiplyAdd(c2, a, b); c3 = Vector256.FusedMultiplyAdd(c3, a, b);
            c4 = Vector256.FusedMultiplyAdd(c4, a, b); c5 = Vector256.FusedMultiplyAdd(c5, a, b); c6 = Vector256.FusedMultiplyAdd(c6, a, b); c7 = Vector256.FusedMultiplyAdd(c7, a, b);
            c8 = Vector256.FusedMultiplyAdd(c8, a, b); c9 = Vector256.FusedMultiplyAdd(c9, a, b); c10 = Vector256.FusedMultiplyAdd(c10, a, b); c11 = Vector256.FusedMultiplyAdd(c11, a, b);
        }

        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    private static double Median(int repeats, Action action) => Time(repeats, action).Median;

    // One untimed run, then the median and the minimum of the timed runs.
    private static (double Median, double Min) Time(int repeats, Action action)
    {
        action();
        var times = new double[Math.Max(1, repeats)];
        for (int i = 0; i < times.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalSeconds;
        }

        Array.Sort(times);
        return (MedianOf(times), times[0]);
    }

    private static double MedianOf(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
