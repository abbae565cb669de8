namespace SparseIhtVerify.Experiments.Bench;

/// <summary>Everything one run of <see cref="StepBenchmark.Run"/> measured (the JSON of <c>sparse-iht bench --json</c>).</summary>
/// <param name="Problem">The instance and solver timed.</param>
/// <param name="Steps">The AIHT steps.</param>
/// <param name="Gradient">The gradient pass Aᵀr.</param>
/// <param name="Peak">The machine's dense GEMM rate and FMA peak, measured in the same run.</param>
/// <param name="Memory">Peak working set and allocations.</param>
/// <param name="Setup">Instance and pattern computation times.</param>
/// <param name="Kernels">Each kernel timed on its own.</param>
/// <param name="Machine">Where it ran.</param>
public sealed record BenchReport(BenchProblem Problem, BenchSteps Steps, BenchGradient Gradient, BenchPeak Peak, BenchMemory Memory, BenchSetup Setup, KernelTiming[] Kernels, BenchMachine Machine);

/// <summary>The instance and solver timed.</summary>
/// <param name="Samples">n.</param>
/// <param name="Inputs">d.</param>
/// <param name="Width">m.</param>
/// <param name="Blocks">p (random dictionary: p = m).</param>
/// <param name="Nonzeros">s.</param>
/// <param name="Projection">k (= s).</param>
/// <param name="Unknowns">N = p·d.</param>
/// <param name="Threads">Threads of the solve.</param>
/// <param name="Precision">double | single: the precision of the reported gradient pass.</param>
/// <param name="Dictionary">The dictionary's word.</param>
/// <param name="Solver">The solver's word.</param>
/// <param name="Mode">convex | scp.</param>
/// <param name="InnerSteps">AIHT's inner steps.</param>
/// <param name="Seed">The instance seed.</param>
/// <param name="Backend">The kernel backend's word.</param>
public sealed record BenchProblem(int Samples, int Inputs, int Width, int Blocks, int Nonzeros, int Projection, long Unknowns, int Threads, string Precision, string Dictionary, string Solver, string Mode, int InnerSteps, long Seed, string Backend);

/// <summary>Wall-clock seconds of each timed AIHT step.</summary>
/// <param name="Count">Steps timed.</param>
/// <param name="MedianSeconds">Median.</param>
/// <param name="MinSeconds">Minimum.</param>
/// <param name="MaxSeconds">Maximum.</param>
/// <param name="Seconds">Every step, in order.</param>
/// <param name="FinalRelativeResidual">‖Aw − y‖/‖y‖ after the last step.</param>
public sealed record BenchSteps(int Count, double MedianSeconds, double MinSeconds, double MaxSeconds, double[] Seconds, double FinalRelativeResidual);

/// <summary>The gradient pass Aᵀr (2·n·d·p flops) at the state the steps ended in.</summary>
/// <param name="Precision">double | single.</param>
/// <param name="OneThreadSeconds">Median seconds on one thread.</param>
/// <param name="OneThreadGflops">Its rate, GFLOP/s.</param>
/// <param name="AllThreadsSeconds">Median seconds on <paramref name="Threads"/> threads.</param>
/// <param name="AllThreadsGflops">Its rate, GFLOP/s.</param>
/// <param name="Threads">Threads of the second timing.</param>
/// <param name="SpeedUp">One-thread over all-threads seconds.</param>
public sealed record BenchGradient(string Precision, double OneThreadSeconds, double OneThreadGflops, double AllThreadsSeconds, double AllThreadsGflops, int Threads, double SpeedUp);

/// <summary>What the machine can do, measured in the same run.</summary>
/// <param name="DenseGemmGflops">A dense GEMM of the gradient's shape, one core, double, GFLOP/s.</param>
/// <param name="DenseGemmDepth">Its inner dimension K.</param>
/// <param name="FmaPeakGflops">The fused multiply–add throughput peak, GFLOP/s, in the reported precision.</param>
/// <param name="GradientOverDenseGemm">One-thread gradient rate over the dense GEMM rate.</param>
/// <param name="GradientOverFmaPeak">One-thread gradient rate over the FMA peak.</param>
public sealed record BenchPeak(double DenseGemmGflops, int DenseGemmDepth, double FmaPeakGflops, double GradientOverDenseGemm, double GradientOverFmaPeak);

/// <summary>Memory of the run.</summary>
/// <param name="PeakWorkingSetMegabytes">The process's peak working set, MB.</param>
/// <param name="BytesPerStep">Median bytes allocated per step after the first.</param>
/// <param name="BytesByStep">Bytes allocated by each step.</param>
/// <param name="DataMegabytes">X, MB.</param>
/// <param name="MaskMegabytes">The activation-pattern masks, MB.</param>
/// <param name="TilesMegabytes">X's 8-sample tiles, MB.</param>
public sealed record BenchMemory(double PeakWorkingSetMegabytes, long BytesPerStep, long[] BytesByStep, double DataMegabytes, double MaskMegabytes, double TilesMegabytes);

/// <summary>Setup times.</summary>
/// <param name="InstanceSeconds">Drawing the planted instance.</param>
/// <param name="PatternSeconds">Computing the dictionary's activation patterns.</param>
public sealed record BenchSetup(double InstanceSeconds, double PatternSeconds);

/// <summary>One kernel timed on its own.</summary>
/// <param name="Name">What was timed.</param>
/// <param name="Seconds">Median seconds.</param>
/// <param name="Flops">Floating-point operations per call (0: not a flop count).</param>
/// <param name="MinSeconds">Minimum seconds.</param>
/// <param name="GigaflopsPerSecond">Flops / seconds / 1e9 (0 without a flop count).</param>
public sealed record KernelTiming(string Name, double Seconds, double Flops, double MinSeconds = 0, double GigaflopsPerSecond = 0)
{
    /// <summary>A timing from a (median, minimum) pair.</summary>
    public KernelTiming(string name, (double Median, double Min) time, double flops)
        : this(name, time.Median, flops, time.Min)
    {
    }
}

/// <summary>Where the bench ran.</summary>
/// <param name="Processors">Logical processors.</param>
/// <param name="Avx512">Whether 512-bit vectors are hardware accelerated.</param>
/// <param name="Runtime">The .NET runtime version.</param>
/// <param name="System">The operating system.</param>
public sealed record BenchMachine(int Processors, bool Avx512, string Runtime, string System);
