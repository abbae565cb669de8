using BenchmarkDotNet.Attributes;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Solver.Thresholding;

namespace SparseIhtVerify.KernelBenchmarks;

/// <summary>
/// The kernels of one AIHT step on the paper's largest planted cell by default (n = 50 000, d = 100, m = p = 1000,
/// s = k = 1000, random dictionary): the gradient pass Aᵀr (kernel and full streamed pass with top-k), the mask
/// computations (dense dictionary and sparse sequential-convex update), the restricted products A_S z and A_Sᵀ r,
/// and the top-k merge. <c>sparse-iht bench</c> reports the same kernels inside a whole solve.
/// </summary>
[MemoryDiagnoser]
[MinIterationCount(5)]
[MaxIterationCount(15)]
public class KernelBenchmarks
{
    private PlantedNetwork _network = null!;
    private GeneratorDictionary _dictionary = null!;
    private ActivationPatternOperator _single = null!;
    private ActivationPatternOperator _parallel = null!;
    private ActivationPatternOperator _scratch = null!;
    private SparseVector _w = null!;
    private double[] _residual = [];
    private double[] _image = [];
    private double[] _adjoint = [];
    private double[] _chunk = [];
    private double[] _gradient = [];
    private GradientWorkspace _workspace = null!;
    private StreamedGradient _passOne = null!;
    private StreamedGradient _passAll = null!;
    private TopKBuffer _buffer = null!;

    [Params(50_000)]
    public int Samples { get; set; }

    [Params(100)]
    public int Inputs { get; set; }

    [Params(1000)]
    public int Width { get; set; }

    [Params(1000)]
    public int Nonzeros { get; set; }

    /// <summary>Blocks per call of the gradient kernel alone.</summary>
    public const int ChunkBlocks = 64;

    [GlobalSetup]
    public void Setup()
    {
        _network = PlantedNetwork.Create(new PlantedNetworkSpec(Inputs, Width, Nonzeros, Samples, 0, KeepUnitsNonEmpty: Nonzeros >= Width));
        _dictionary = GeneratorDictionary.Create(DictionaryKind.Random, _network, 0, 0);
        int threads = Environment.ProcessorCount;
        ActivationPatterns patterns = ActivationPatterns.Compute(_network.Data, _dictionary.Generators, PatternRule.GreaterOrEqual, threads);
        _single = new ActivationPatternOperator(_network.Data, patterns, 1);
        _parallel = new ActivationPatternOperator(_network.Data, patterns, threads);
        _scratch = _single.WithOwnPatterns();

        // An iterate with k entries spread over the blocks, as after the first AIHT step.
        var random = new SeededRandom(1, RandomStream.Estimation);
        int[] support = random.SampleWithoutReplacement(_single.Columns, Nonzeros);
        Array.Sort(support);
        var values = new double[support.Length];
        random.FillGaussian(values);
        _w = new SparseVector(_single.Columns, support, values);
        _residual = new double[Samples];
        random.FillGaussian(_residual);
        _image = new double[Samples];
        _adjoint = new double[support.Length];
        _chunk = new double[ChunkBlocks * Inputs];
        _gradient = new double[ChunkBlocks * Inputs];
        _workspace = new GradientWorkspace();
        _passOne = new StreamedGradient(_single, Nonzeros, 1);
        _passAll = new StreamedGradient(_parallel, Nonzeros, threads);
        _buffer = new TopKBuffer(Nonzeros);
        _single.AdjointBlocks(_residual, 0, ChunkBlocks, _gradient, _workspace);
        _ = _single.Tiles;
    }

    [Benchmark(Description = "gradient kernel, 64 blocks (2·n·d·64 flops)")]
    public void GradientKernelChunk() => _single.AdjointBlocks(_residual, 0, ChunkBlocks, _chunk, _workspace);

    [Benchmark(Description = "single-precision gradient kernel, 64 blocks")]
    public void Float32GradientKernelChunk() => Float32GradientKernel.Accumulate(_network.Data, _single.Patterns, _residual, 0, ChunkBlocks, _chunk, _workspace);

    [Benchmark(Description = "old row-outer gradient kernel, 64 blocks")]
    public void RowOuterGradientKernelChunk() => RowOuterGradientKernel.Accumulate(_network.Data, _single.Patterns, _residual, 0, ChunkBlocks, _chunk);

    [Benchmark(Description = "gradient pass Aᵀr + top-k, 1 thread")]
    public void GradientPassOneThread() => _passOne.Compute(_w, _residual);

    [Benchmark(Description = "gradient pass Aᵀr + top-k, all threads")]
    public void GradientPassAllThreads() => _passAll.Compute(_w, _residual);

    [Benchmark(Description = "mask computation, dense dictionary, all threads")]
    public ActivationPatterns DenseMasks() => ActivationPatterns.Compute(_network.Data, _dictionary.Generators, PatternRule.GreaterOrEqual, Environment.ProcessorCount);

    [Benchmark(Description = "mask computation, scp update h_j := w_j of every block, 1 thread")]
    public int SparseMasks() => _scratch.UpdatePatternsFrom(null, _w, 1);

    [Benchmark(Description = "restricted forward A_S z, 1 thread")]
    public void ForwardOneThread() => _single.RestrictedForward(_w.Indices, _w.Values, _image);

    [Benchmark(Description = "restricted forward A_S z, all threads")]
    public void ForwardAllThreads() => _parallel.RestrictedForward(_w.Indices, _w.Values, _image);

    [Benchmark(Description = "restricted adjoint A_Sᵀ r, 1 thread")]
    public void AdjointOneThread() => _single.RestrictedAdjoint(_w.Indices, _residual, _adjoint);

    [Benchmark(Description = "restricted adjoint A_Sᵀ r, all threads")]
    public void AdjointAllThreads() => _parallel.RestrictedAdjoint(_w.Indices, _residual, _adjoint);

    [Benchmark(Description = "top-k merge of one 64-block chunk (6400 entries)")]
    public void TopKMerge()
    {
        _buffer.Clear();
        _buffer.OfferRange(0, _gradient);
    }
}
