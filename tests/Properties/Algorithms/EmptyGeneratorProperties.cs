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
/// What sequential-convex mode does with empty blocks (<see cref="EmptyGenerator"/>): re-drawn generators depend on the
/// seed, the step and the block only, so every thread count gives the same digits; a re-drawn block's pattern is
/// 1[X ξ_(j,t) ≥ 0], never all-on or all-off on data that no half-space contains, and under redraw-one every other empty
/// block is all-off; convex mode does not depend on the setting at all.
/// </summary>
public sealed class EmptyGeneratorProperties
{
    /// <summary>Floors on how often the generated cases meet each property's premise (observed ≈ 45 %, 80 %, 45 % on 30–60 cases).</summary>
    private const double RequiredLaterRedrawRate = 0.2, RequiredMovedDrawRate = 0.6, RequiredZeroGeneratorRate = 0.25;

    private static readonly EmptyGenerator[] Redrawing = [EmptyGenerator.Redraw, EmptyGenerator.RedrawOne];

    /// <summary>An SCP solve on a random dictionary wide enough that hard thresholding empties blocks.</summary>
    public sealed record ScpCase(SolverKind Solver, EmptyGenerator Empty, PatternRule Rule, int Warmup, int Inputs, int Width, int Nonzeros, int Samples, long Seed)
    {
        public PlantedNetworkSpec Spec => new(Inputs, Width, Nonzeros, Samples, Seed, WeightDistribution.Gaussian, OutputWeights.Positive, KeepUnitsNonEmpty: false);

        public override string ToString() =>
            $"ScpCase(solver={Solver}, empty={Empty}, rule={Rule}, warm-up={Warmup}, d={Inputs}, m={Width}, s=k={Nonzeros}, n={Samples}, dictionary=Random, seed={Seed})";
    }

    /// <summary>A sequence of iterates fed to the generator update directly: <see cref="Steps"/> random sparse w on p blocks.</summary>
    public sealed record UpdateCase(EmptyGenerator Empty, PatternRule Rule, int Inputs, int Blocks, int Samples, int Steps, long Seed)
    {
        public override string ToString() => $"UpdateCase(empty={Empty}, rule={Rule}, d={Inputs}, p={Blocks}, n={Samples}, steps={Steps}, seed={Seed})";
    }

    private static Gen<ScpCase> ScpGen =>
        from solver in Gen.Elements(SolverCatalogue.Aiht, SolverCatalogue.Niht)
        from empty in Gen.Elements(Redrawing)
        from rule in Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
        from warmup in Gen.Choose(0, 1)
        from d in Gen.Choose(3, 8)
        from m in Gen.Choose(8, 40)
        from s in Gen.Choose(2, 12)
        from n in Gen.Choose(100, 700)
        from seed in InstanceGenerators.Seed
        select new ScpCase(solver, empty, rule, warmup, d, m, s, n, seed);

    private static Arbitrary<ScpCase> ScpCases =>
        Arb.From(ScpGen, c => InstanceGenerators.SmallerInts(c.Width, 8).Select(m => c with { Width = m })
            .Concat(InstanceGenerators.SmallerInts(c.Samples, 100).Select(n => c with { Samples = n })));

    // n ≥ 25·d Gaussian samples: the chance that they all lie in one half-space is at most 2^−(n−1)·Σ_{k<d} C(n−1, k) < 1e−19
    // (Wendel), so a random half-space is neither all-on nor all-off.
    private static Gen<UpdateCase> UpdateGen =>
        from empty in Gen.Elements(EmptyGenerator.Zero, EmptyGenerator.Redraw, EmptyGenerator.RedrawOne)
        from rule in Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
        from d in Gen.Choose(2, 8)
        from p in Gen.Choose(2, 12)
        from extra in Gen.Choose(0, 200)
        from steps in Gen.Choose(1, 8)
        from seed in InstanceGenerators.Seed
        select new UpdateCase(empty, rule, d, p, (25 * d) + extra, steps, seed);

    private static Arbitrary<UpdateCase> UpdateCases =>
        Arb.From(UpdateGen, c => InstanceGenerators.SmallerInts(c.Steps, 1).Select(t => c with { Steps = t })
            .Concat(InstanceGenerators.SmallerInts(c.Blocks, 2).Select(p => c with { Blocks = p })));

    // Redraw and redraw-one give bit-identical weights, traces and final patterns on 1, 2 and 3 threads (parallel thresholds at 0).
    [Property(MaxTest = 30)]
    public Property RedrawsAreBitIdenticalForEveryThreadCount() =>
        Prop.ForAll(ScpCases, c =>
        {
            (SolverResult one, bool laterRedraw) = Solve(c, 1);
            return WithParallelPaths(() =>
            {
                var two = Solve(c, 2).Result;
                var three = Solve(c, 3).Result;
                return Same(one, two, "1 vs 2 threads", c).And(Same(one, three, "1 vs 3 threads", c))
                    .Classify(laterRedraw, "a block emptied after the first update")
                    .Collect($"{c.Empty} {c.Solver}");
            });
        });

    // After every update: a block with weights has 1[X w_j ≥ 0]; a re-drawn block has exactly 1[X ξ_(j,t) ≥ 0] (t the step that emptied it, or at which it
    // became the lowest empty block) and is neither all-on nor all-off; under redraw-one every other empty block is all-off; under zero every empty
    // block has h_j = 0: all-on under ≥, all-off under >.
    [Property(MaxTest = 150)]
    public Property EveryBlockHasThePatternItsEmptyGeneratorPrescribes() =>
        Prop.ForAll(UpdateCases, c =>
        {
            (DataMatrix data, SparseVector[] iterates) = Iterates(c);
            var patterns = ActivationPatterns.Compute(data, Gaussian(c.Seed, c.Blocks * c.Inputs), c.Rule);
            var sensing = new ActivationPatternOperator(data, patterns);
            var update = new GeneratorUpdate(sensing, c.Empty, c.Seed);
            var drawnAt = new int[c.Blocks];
            int expectedDrawn = -1;
            bool moved = false;
            Property result = true.ToProperty();
            for (int t = 0; t < iterates.Length; t++)
            {
                int step = t + 1;
                SparseVector w = iterates[t], before = t == 0 ? null! : iterates[t - 1];
                update.Apply(w, step, 1);
                int lowest = Enumerable.Range(0, c.Blocks).FirstOrDefault(j => !Holds(w, j, c.Inputs), -1);
                for (int j = 0; j < c.Blocks; j++)
                {
                    bool holds = Holds(w, j, c.Inputs);
                    bool emptied = !holds && (t == 0 || Holds(before, j, c.Inputs));
                    if (emptied)
                    {
                        drawnAt[j] = step;
                    }

                    ActivationPatterns expected = patterns.Clone();
                    string what;
                    if (holds)
                    {
                        (int[] coordinates, double[] values) = Block(w, j, c.Inputs);
                        expected.SetSparse(j, data, coordinates, values);
                        what = "h_j = w_j";
                    }
                    else if (c.Empty == EmptyGenerator.Zero)
                    {
                        what = c.Rule == PatternRule.GreaterOrEqual ? "all-on" : "all-off";
                    }
                    else if (c.Empty == EmptyGenerator.Redraw || j == lowest)
                    {
                        int drawStep = c.Empty == EmptyGenerator.Redraw ? drawnAt[j] : (j == expectedDrawn ? drawnAt[j] : step);
                        drawnAt[j] = drawStep;
                        var xi = new double[c.Inputs];
                        GeneratorUpdate.Redrawn(c.Seed, drawStep, j, xi);
                        expected.SetSparse(j, data, [.. Enumerable.Range(0, c.Inputs)], xi);
                        int active = patterns.ActiveCount(j);
                        result = result.And((active > 0 && active < c.Samples).Label($"step {step}: re-drawn block {j} has {active} of {c.Samples} samples active; {c}"));
                        what = $"ξ_({j},{drawStep})";
                    }
                    else
                    {
                        what = "all-off";
                    }

                    bool equal = what switch
                    {
                        "all-off" => patterns.ActiveCount(j) == 0,
                        "all-on" => patterns.ActiveCount(j) == c.Samples,
                        _ => patterns.Mask(j).SequenceEqual(expected.Mask(j)),
                    };
                    result = result.And(equal.Label($"step {step}: block {j} should be {what}, has {patterns.ActiveCount(j)} active samples; {c}"));
                }

                moved |= t > 0 && lowest != expectedDrawn && lowest >= 0;
                expectedDrawn = c.Empty == EmptyGenerator.RedrawOne ? lowest : -1;
            }

            return result.Classify(moved, "the lowest empty block moved").Classify(c.Rule == PatternRule.Greater, "rule >").Classify(c.Empty == EmptyGenerator.Zero, "zero generator").Collect($"{c.Empty}");
        });

    // Two of three convex cases: a planted dictionary with s ≤ m, so that a unit is often empty and its generator zero.
    private static Gen<SmallNetworkCase> ConvexGen =>
        Gen.Frequency(
            (2, InstanceGenerators.SmallNetworkCaseGen(DictionaryKind.Planted).Select(c => c with { Nonzeros = Math.Min(c.Nonzeros, c.Width) })),
            (1, InstanceGenerators.SmallNetworkCaseGen()));

    // Convex mode: weights and traces are bit-identical for zero, redraw and redraw-one, also when the dictionary holds a zero generator (an empty planted unit).
    [Property(MaxTest = 80)]
    public Property ConvexModeIsUnchangedByTheEmptyGenerator() =>
        Prop.ForAll(Arb.From(ConvexGen, InstanceGenerators.Shrink), Gen.Elements(SolverCatalogue.Niht, SolverCatalogue.Aiht, SolverCatalogue.Htp).ToArbitrary(), (c, solver) =>
        {
            SmallNetworkInstance instance = c.Build();
            SolverResult Run(EmptyGenerator empty) => IterativeSolver.Solve(instance.Operator, instance.Network.Labels,
                new SolverOptions(solver, Projection: c.Nonzeros, MaxIterations: 60, EmptyGenerator: empty, Seed: c.Seed));
            SolverResult zero = Run(EmptyGenerator.Zero);
            return Same(zero, Run(EmptyGenerator.Redraw), "zero vs redraw", c).And(Same(zero, Run(EmptyGenerator.RedrawOne), "zero vs redraw-one", c))
                .Classify(HasZeroGenerator(instance), "a zero generator in the dictionary")
                .Collect($"{solver}");
        });

    // Premise rates: SCP cases empty a block after the first update, update sequences move the lowest empty block, and convex cases hold a zero generator often enough.
    // One fixed draw (Replay): with 60 random convex cases the zero-generator rate ranged over 22–52 % between runs, so an unpinned
    // draw fell below its floor about one run in twenty.
    [Property(MaxTest = 1, Replay = "(20261204,1)")]
    public Property GeneratedCasesMeetEachPremiseOften() =>
        Prop.ForAll(Gen.ArrayOf(ScpGen, 30).Zip(Gen.ArrayOf(UpdateGen, 60)).Zip(Gen.ArrayOf(ConvexGen, 60)).ToArbitrary(), cases =>
        {
            ((ScpCase[] scp, UpdateCase[] updates), SmallNetworkCase[] convex) = cases;
            double later = (double)scp.Count(c => Solve(c, 1).LaterRedraw) / scp.Length;
            double moved = (double)updates.Count(LowestEmptyBlockMoves) / updates.Length;
            double zero = (double)convex.Count(c => HasZeroGenerator(c.Build())) / convex.Length;
            string summary = $"later redraw {later:P0}, lowest empty block moved {moved:P0}, zero generator {zero:P0}";
            return (later >= RequiredLaterRedrawRate).Label($"SCP premise rate: {summary}")
                .And((moved >= RequiredMovedDrawRate).Label($"update premise rate: {summary}"))
                .And((zero >= RequiredZeroGeneratorRate).Label($"convex premise rate: {summary}"))
                .Collect(summary);
        });

    /// <summary>Solves <paramref name="c"/>; whether a block lost its weights at a step after the first generator update.</summary>
    private static (SolverResult Result, bool LaterRedraw) Solve(ScpCase c, int threads)
    {
        PlantedNetwork network = PlantedNetwork.Create(c.Spec);
        GeneratorDictionary dictionary = GeneratorDictionary.Create(DictionaryKind.Random, network, 0, c.Seed);
        var sensing = ActivationPatternOperator.FromDictionary(network.Data, dictionary, c.Rule, threads);
        var options = new SolverOptions(c.Solver, Projection: c.Nonzeros, MaxIterations: 12, Tolerance: 1e-12, Mode: SolverMode.SequentialConvex,
            ScpWarmupSteps: c.Warmup, ScpRestartWindow: 0, EmptyGenerator: c.Empty, Seed: c.Seed, Parallelism: threads); // one run: restarts have their own properties
        SparseVector? previous = null;
        bool later = false;
        SolverResult result = IterativeSolver.Solve(sensing, network.Labels, options, (row, w) =>
        {
            if (previous is not null && row.Iteration > c.Warmup + 1)
            {
                later |= Enumerable.Range(0, c.Width).Any(j => Holds(previous, j, c.Inputs) && !Holds(w, j, c.Inputs));
            }

            previous = w;
        });
        return (result, later);
    }

    private static Property Same(SolverResult a, SolverResult b, string what, object c)
    {
        bool weights = a.Weights.Indices.SequenceEqual(b.Weights.Indices) && Closeness.BitIdentical(a.Weights.Values, b.Weights.Values);
        bool traces = a.Trace.SequenceEqual(b.Trace);
        bool patterns = a.FinalOperator is not IGatedBlocks pa || b.FinalOperator is not IGatedBlocks pb || pa.Patterns.Words.SequenceEqual(pb.Patterns.Words);
        return weights.Label($"{what}: weights differ ({a.Weights.Count} vs {b.Weights.Count} entries, distance {Closeness.R(a.Weights.DistanceTo(b.Weights))}); {c}")
            .And(traces.Label($"{what}: traces differ ({a.Iterations} vs {b.Iterations} iterations, {a.Status} vs {b.Status}); {c}"))
            .And(patterns.Label($"{what}: final patterns differ; {c}"));
    }

    private static Property WithParallelPaths(Func<Property> body)
    {
        long saved = ActivationPatternOperator.ParallelWorkThreshold, savedPatterns = ActivationPatterns.ParallelWorkThreshold;
        try
        {
            ActivationPatternOperator.ParallelWorkThreshold = 0;
            ActivationPatterns.ParallelWorkThreshold = 0;
            return body();
        }
        finally
        {
            ActivationPatternOperator.ParallelWorkThreshold = saved;
            ActivationPatterns.ParallelWorkThreshold = savedPatterns;
        }
    }

    /// <summary>Gaussian data (n × d) and the case's iterates: each block holds 1–d random entries with probability ½ per step.</summary>
    private static (DataMatrix Data, SparseVector[] Iterates) Iterates(UpdateCase c)
    {
        var data = new DataMatrix(c.Samples, c.Inputs, Gaussian(c.Seed + 1, c.Samples * c.Inputs));
        var random = new SeededRandom(c.Seed, RandomStream.Default);
        var iterates = new SparseVector[c.Steps];
        for (int t = 0; t < c.Steps; t++)
        {
            var indices = new List<int>();
            var values = new List<double>();
            for (int j = 0; j < c.Blocks; j++)
            {
                if (random.NextDouble() < 0.5)
                {
                    foreach (int l in random.SampleWithoutReplacement(c.Inputs, 1 + random.NextInt(c.Inputs)).Order())
                    {
                        indices.Add((j * c.Inputs) + l);
                        values.Add(random.NextGaussian());
                    }
                }
            }

            iterates[t] = new SparseVector(c.Blocks * c.Inputs, [.. indices], [.. values]);
        }

        return (data, iterates);
    }

    private static bool LowestEmptyBlockMoves(UpdateCase c)
    {
        SparseVector[] iterates = Iterates(c).Iterates;
        int[] lowest = iterates.Select(w => Enumerable.Range(0, c.Blocks).FirstOrDefault(j => !Holds(w, j, c.Inputs), -1)).ToArray();
        return lowest.Skip(1).Zip(lowest).Any(pair => pair.First != pair.Second && pair.First >= 0);
    }

    private static bool HasZeroGenerator(SmallNetworkInstance instance) =>
        Enumerable.Range(0, instance.Dictionary.Blocks).Any(j => instance.Dictionary.Generator(j).ToArray().All(v => v == 0));

    private static bool Holds(SparseVector w, int block, int d) => w.Indices.ToArray().Any(c => c / d == block);

    private static (int[] Coordinates, double[] Values) Block(SparseVector w, int block, int d)
    {
        int[] positions = Enumerable.Range(0, w.Count).Where(t => w.Indices[t] / d == block).ToArray();
        return (positions.Select(t => w.Indices[t] - (block * d)).ToArray(), positions.Select(t => w.Values[t]).ToArray());
    }

    private static double[] Gaussian(long seed, int count)
    {
        var values = new double[count];
        new SeededRandom(seed, RandomStream.Data).FillGaussian(values);
        return values;
    }
}
