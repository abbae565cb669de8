using System.Globalization;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Solvers;
using Xunit;
using Xunit.Abstractions;

namespace SparseIhtVerify.Properties;

/// <summary>Tests that measure process-wide quantities (allocations) and must not run beside other tests.</summary>
[CollectionDefinition("Serial", DisableParallelization = true)]
public sealed class SerialCollection
{
}

/// <summary>
/// The solver's memory grows with n and the sparsity, not with p·d (theory.md §1): bytes allocated per iteration
/// after the first (process-wide, hence the serial collection) stay flat when the width grows eightfold.
/// </summary>
[Collection("Serial")]
public sealed class MemoryProperties(ITestOutputHelper output)
{
    private const int Samples = 2000, Inputs = 10, Nonzeros = 5, Width = 50, Iterations = 20;
    private const long Seed = 7;

    // IHT, HTP and CoSaMP (a fixed amount of work per iteration): bytes per iteration at width 8m are < 1.5× those at width m.
    [Theory]
    [InlineData("iht")]
    [InlineData("htp")]
    [InlineData("cosamp")]
    public void FixedWorkSolversAllocatePerIterationIndependentlyOfWidth(string word)
    {
        SolverKind solver = SolverCatalogue.Find(word)!;
        Measurement narrow = Measure(solver, Width);
        Measurement wide = Measure(solver, 8 * Width);
        double ratio = wide.BytesPerIteration / narrow.BytesPerIteration;
        output.WriteLine($"{solver}: bytes/iteration m={Width}: {narrow.BytesPerIteration:F0}, m={8 * Width}: {wide.BytesPerIteration:F0}, ratio {ratio:F3}");
        Assert.True(ratio < 1.5, $"{solver}: bytes per iteration grew from {narrow.BytesPerIteration:F0} (m={Width}) to {wide.BytesPerIteration:F0} (m={8 * Width}), ratio {ratio:F3} ≥ 1.5; {Where}");
    }

    // NIHT: bytes per iteration and per image A_S z (the ω test retakes the step a data-dependent number of times, O(n) each) do not grow with the width.
    [Fact]
    public void NihtAllocatesPerProductIndependentlyOfWidth()
    {
        Measurement narrow = Measure(SolverCatalogue.Niht, Width);
        Measurement wide = Measure(SolverCatalogue.Niht, 8 * Width);
        double ratio = wide.BytesPerForward / narrow.BytesPerForward;
        output.WriteLine($"NIHT: bytes/iteration m={Width}: {narrow.BytesPerIteration:F0} ({narrow.ForwardsPerIteration:F2} images A_S z), m={8 * Width}: {wide.BytesPerIteration:F0} ({wide.ForwardsPerIteration:F2}); per image ratio {ratio:F3}");
        Assert.True(ratio < 1.5, $"NIHT: bytes per iteration per image grew from {narrow.BytesPerForward:F0} (m={Width}) to {wide.BytesPerForward:F0} (m={8 * Width}), ratio {ratio:F3} ≥ 1.5; {Where}");
    }

    private static string Where => $"n={Samples} d={Inputs} s=k={Nonzeros} dictionary=Random seed={Seed} iterations={Iterations}";

    private readonly record struct Measurement(double BytesPerIteration, double ForwardsPerIteration)
    {
        public double BytesPerForward => BytesPerIteration / ForwardsPerIteration;
    }

    private Measurement Measure(SolverKind solver, int width)
    {
        PlantedNetwork network = PlantedNetwork.Create(new PlantedNetworkSpec(Inputs, width, Nonzeros, Samples, Seed));
        GeneratorDictionary dictionary = GeneratorDictionary.Create(DictionaryKind.Random, network, 0, Seed);
        var sensing = new CountingOperator(ActivationPatternOperator.FromDictionary(network.Data, dictionary, PatternRule.GreaterOrEqual));
        var options = new SolverOptions(Solver: solver, Projection: Nonzeros, MaxIterations: Iterations, Tolerance: 1e-300, StallIterations: 1000);
        long forwardsAfterFirst = 0;
        SolverResult result = IterativeSolver.Solve(sensing, network.Labels, options, row =>
        {
            if (row.Iteration == 1)
            {
                forwardsAfterFirst = sensing.ForwardCalls;
            }
        });
        Assert.True(result.Iterations == Iterations, $"expected all {Iterations} iterations, got {result.Iterations} ({result.Status}); {solver} m={width}");
        double bytes = (double)result.BytesAllocatedAfterFirstIteration / (result.Iterations - 1);
        double forwards = (double)(sensing.ForwardCalls - forwardsAfterFirst) / (result.Iterations - 1);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{solver} m={width}: {result.BytesAllocatedAfterFirstIteration} bytes after iteration 1, {forwards:F2} images per iteration"));
        return new Measurement(bytes, forwards);
    }
}
