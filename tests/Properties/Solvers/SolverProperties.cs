using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Solver.Solvers;

namespace SparseIhtVerify.Properties;

/// <summary>
/// The hard-thresholding family recovers sparse vectors where compressed-sensing theory says it must, never holds
/// more than k nonzeros, and gives bit-identical results for every thread count.
/// </summary>
public sealed class SolverProperties
{
    private const double RecoveryTolerance = 1e-8;

    /// <summary>A Gaussian sensing problem: N unknowns, s nonzeros, n = ⌈10·s·ln N⌉ measurements.</summary>
    public sealed record GaussianCase(SolverKind Solver, int Columns, int Sparsity, long Seed)
    {
        public int Rows => (int)Math.Ceiling(10 * Sparsity * Math.Log(Columns));

        public override string ToString() => $"GaussianCase(solver={Solver}, N={Columns}, s=k={Sparsity}, n={Rows}, seed={Seed})";
    }

    /// <summary>A planted single-unit network: d inputs, s nonzero ±1 weights, n = 200·s samples.</summary>
    public sealed record SingleUnitCase(SolverKind Solver, int Inputs, int Sparsity, long Seed)
    {
        public int Samples => 200 * Sparsity;

        public PlantedNetworkSpec Spec => new(Inputs, 1, Sparsity, Samples, Seed, WeightDistribution.Signs, OutputWeights.Positive, KeepUnitsNonEmpty: true);

        public override string ToString() => $"SingleUnitCase(solver={Solver}, d={Inputs}, m=1, s=k={Sparsity}, n={Samples}, seed={Seed})";
    }

    private static Arbitrary<GaussianCase> GaussianCases =>
        Arb.From(
            from solver in Gen.Elements(SolverCatalogue.All.ToArray())
            from columns in Gen.Choose(20, 200)
            from s in Gen.Choose(1, 4)
            from seed in InstanceGenerators.Seed
            select new GaussianCase(solver, columns, s, seed),
            c => InstanceGenerators.SmallerInts(c.Sparsity, 1).Select(s => c with { Sparsity = s })
                .Concat(InstanceGenerators.SmallerInts(c.Columns, 20).Select(n => c with { Columns = n })));

    private static Arbitrary<SingleUnitCase> SingleUnitCases =>
        Arb.From(
            from solver in Gen.Elements(SolverCatalogue.Niht, SolverCatalogue.Htp, SolverCatalogue.CoSaMP)
            from d in Gen.Choose(2, 20)
            from s in Gen.Choose(1, Math.Min(d, 4))
            from seed in InstanceGenerators.Seed
            select new SingleUnitCase(solver, d, s, seed),
            c => InstanceGenerators.SmallerInts(c.Sparsity, 1).Select(s => c with { Sparsity = s })
                .Concat(InstanceGenerators.SmallerInts(c.Inputs, Math.Max(2, c.Sparsity)).Select(d => c with { Inputs = d })));

    // Every row of the solver catalogue recovers a random s-sparse x (k = s) from y = Ax, A Gaussian with n = ⌈10·k·ln N⌉, to relative error 1e−8.
    [Property(MaxTest = 120)]
    public Property EverySolverRecoversSparseVectorFromGaussianMeasurements() =>
        Prop.ForAll(GaussianCases, c =>
        {
            var sensing = new GaussianSensingOperator(c.Rows, c.Columns, c.Seed);
            var random = new SeededRandom(c.Seed, RandomStream.Support);
            int[] support = random.SampleWithoutReplacement(c.Columns, c.Sparsity).Order().ToArray();
            double[] values = support.Select(_ => random.NextGaussian()).ToArray();
            var truth = new SparseVector(c.Columns, support, values);
            double[] labels = sensing.Forward(truth);

            var options = new SolverOptions(Solver: c.Solver, Projection: c.Sparsity, MaxIterations: 500, Tolerance: 1e-12);
            SolverResult result = IterativeSolver.Solve(sensing, labels, options);
            double error = result.Weights.DistanceTo(truth) / truth.Norm();
            return IterateStaysSparse(result, c.Sparsity, c.ToString())
                .And((error <= RecoveryTolerance).Label($"relative error {Closeness.R(error)} after {result.Iterations} iterations ({result.Status}, residual {Closeness.R(result.RelativeResidual)}); {c}"))
                .Collect($"{c.Solver} s={c.Sparsity}");
        });

    // NIHT, HTP and CoSaMP recover a planted single-unit network (±1 weights, planted dictionary, k = s, n = 200·s) to relative error 1e−8.
    [Property(MaxTest = 40)]
    public Property NihtHtpAndCoSaMPRecoverPlantedSingleUnit() =>
        Prop.ForAll(SingleUnitCases, c =>
        {
            PlantedNetwork network = PlantedNetwork.Create(c.Spec);
            GeneratorDictionary dictionary = GeneratorDictionary.Create(DictionaryKind.Planted, network, 0, c.Seed);
            var sensing = ActivationPatternOperator.FromDictionary(network.Data, dictionary, PatternRule.GreaterOrEqual);
            var options = new SolverOptions(Solver: c.Solver, Projection: c.Sparsity, MaxIterations: 500, Tolerance: 1e-12);
            SolverResult result = IterativeSolver.Solve(sensing, network.Labels, options);
            double error = result.Weights.DistanceTo(network.FusedWeights) / network.FusedWeights.Norm();
            return IterateStaysSparse(result, c.Sparsity, c.ToString())
                .And((error <= RecoveryTolerance).Label($"relative error {Closeness.R(error)} after {result.Iterations} iterations ({result.Status}, residual {Closeness.R(result.RelativeResidual)}); {c}"))
                .Collect($"{c.Solver} s={c.Sparsity}");
        });

    /// <summary>A wide network instance whose gradient pass spans several 4096-column chunks.</summary>
    public sealed record WideCase(SolverKind Solver, SolverMode Mode, int Width, int Nonzeros, long Seed)
    {
        public const int Inputs = 20;
        public const int Samples = 300;

        public override string ToString() => $"WideCase(solver={Solver}, mode={Mode}, d={Inputs}, m={Width}, s=k={Nonzeros}, n={Samples}, dictionary=Random, seed={Seed})";
    }

    // Parallelism 1 and 2 give bit-identical weights and traces when the gradient streams over several chunks (d·p > 8192).
    [Property(MaxTest = 6)]
    public Property ResultsAreBitIdenticalForParallelismOneAndTwo() =>
        Prop.ForAll(
            Arb.From(
                from solver in Gen.Elements(SolverCatalogue.Aiht, SolverCatalogue.Niht, SolverCatalogue.Htp, SolverCatalogue.CoSaMP)
                from mode in Gen.Elements(SolverMode.Convex, SolverMode.SequentialConvex)
                from width in Gen.Choose(420, 600)
                from s in Gen.Choose(3, 20)
                from seed in InstanceGenerators.Seed
                select new WideCase(solver, mode, width, s, seed)),
            c =>
            {
                PlantedNetwork network = PlantedNetwork.Create(new PlantedNetworkSpec(WideCase.Inputs, c.Width, c.Nonzeros, WideCase.Samples, c.Seed));
                GeneratorDictionary dictionary = GeneratorDictionary.Create(DictionaryKind.Random, network, 0, c.Seed);
                SolverResult Run(int parallelism)
                {
                    var sensing = ActivationPatternOperator.FromDictionary(network.Data, dictionary, PatternRule.GreaterOrEqual, parallelism);
                    var options = new SolverOptions(Solver: c.Solver, Projection: c.Nonzeros, MaxIterations: 5, Tolerance: 1e-12, Mode: c.Mode, Parallelism: parallelism);
                    return IterativeSolver.Solve(sensing, network.Labels, options);
                }

                SolverResult one = Run(1), two = Run(2);
                bool weights = one.Weights.Indices.SequenceEqual(two.Weights.Indices) && Closeness.BitIdentical(one.Weights.Values, two.Weights.Values);
                bool traces = one.Trace.SequenceEqual(two.Trace);
                int columns = c.Width * WideCase.Inputs;
                return (columns > 8192).Label($"only {columns} columns: fewer than three chunks; {c}")
                    .And(weights.Label($"weights differ: {one.Weights.Count} vs {two.Weights.Count} entries, distance {Closeness.R(one.Weights.DistanceTo(two.Weights))}; {c}"))
                    .And(traces.Label($"traces differ ({one.Iterations} vs {two.Iterations} iterations, {one.Status} vs {two.Status}); {c}"))
                    .Collect($"{c.Solver} {c.Mode}");
            });

    /// <summary>The iterate never holds more than k entries, by the result's maximum and by every trace row.</summary>
    private static Property IterateStaysSparse(SolverResult result, int k, string where)
    {
        TraceRow? over = result.Trace.FirstOrDefault(row => row.Nonzeros > k);
        return (result.MaxIterateNonzeros <= k && result.Weights.Count <= k).Label($"MaxIterateNonzeros={result.MaxIterateNonzeros}, final {result.Weights.Count} > k={k}; {where}")
            .And((over is null || over.Value.Nonzeros <= k).Label($"trace row {over?.Iteration} holds {over?.Nonzeros} > k={k}; {where}"));
    }
}
