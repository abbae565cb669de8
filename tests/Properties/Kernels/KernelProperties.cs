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
using SparseIhtVerify.Solver.Thresholding;

namespace SparseIhtVerify.Properties;

/// <summary>
/// The fast kernels (register-tiled, vectorised, multi-threaded) against their plain scalar references. Every fast
/// kernel performs the same roundings in the same order as its reference (the order is documented on each kernel),
/// so all comparisons here are bit for bit, with no tolerance. Shapes are random and deliberately include remainders
/// that are not multiples of the vector width (8), the register tile (12 inputs, 16 blocks), the mask word (64
/// samples) or the row panel (256 samples).
/// </summary>
public sealed class KernelProperties
{
    private const int Tests = 120;

    /// <summary>A random data matrix, patterns and residual: n samples, d inputs, p blocks.</summary>
    public sealed record KernelCase(int Samples, int Inputs, int Blocks, PatternRule Rule, long Seed)
    {
        public override string ToString() => $"KernelCase(n={Samples}, d={Inputs}, p={Blocks}, rule={Rule}, seed={Seed})";

        public DataMatrix Data()
        {
            var values = new double[Samples * Inputs];
            new SeededRandom(Seed, RandomStream.Data).FillGaussian(values);
            return new DataMatrix(Samples, Inputs, values);
        }

        /// <summary>Random generators; about one block in six gets an all-zero generator (all-on or all-off pattern).</summary>
        public double[] Generators()
        {
            var random = new SeededRandom(Seed, RandomStream.Dictionary);
            var h = new double[Blocks * Inputs];
            random.FillGaussian(h);
            for (int j = 0; j < Blocks; j++)
            {
                if (random.NextInt(6) == 0)
                {
                    h.AsSpan(j * Inputs, Inputs).Clear();
                }
            }

            return h;
        }

        /// <summary>A residual with about 10% exact zeros.</summary>
        public double[] Residual()
        {
            var random = new SeededRandom(Seed, RandomStream.Estimation);
            var r = new double[Samples];
            for (int i = 0; i < Samples; i++)
            {
                r[i] = random.NextInt(10) == 0 ? 0.0 : random.NextGaussian();
            }

            return r;
        }
    }

    private static Gen<KernelCase> Cases(int maxSamples = 700, int maxInputs = 30, int maxBlocks = 40) =>
        from n in Gen.OneOf(Gen.Choose(1, 80), Gen.Choose(1, maxSamples), Gen.Elements(64, 128, 256, 512, 513))
        from d in Gen.OneOf(Gen.Choose(1, 13), Gen.Choose(1, maxInputs))
        from p in Gen.Choose(1, maxBlocks)
        from rule in Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
        from seed in InstanceGenerators.Seed
        select new KernelCase(n, d, p, rule, seed);

    private static Arbitrary<KernelCase> Arb(int maxSamples = 700, int maxInputs = 30, int maxBlocks = 40) => Cases(maxSamples, maxInputs, maxBlocks).ToArbitrary();

    private static string Diff(double[] actual, double[] expected)
    {
        int at = Closeness.FirstBitDifference(actual, expected);
        return at < 0 ? "identical" : at >= Math.Min(actual.Length, expected.Length) ? $"lengths {actual.Length} vs {expected.Length}" : $"entry {at}: {Closeness.R(actual[at])} vs reference {Closeness.R(expected[at])}";
    }

    // Every backend's gradient pass (AVX-512: 12×16 register tiles, 256-row panels, masks expanded per panel; portable:
    // row-outer vectorised axpys) equals ReferenceGradient bit for bit on every block range, and two calls on a split of
    // the range equal one call.
    [Property(MaxTest = Tests)]
    public Property EveryBackendsGradientIsBitIdenticalToTheReference() =>
        Prop.ForAll(Arb(), Gen.Choose(0, 1 << 20).ToArbitrary(), Gen.Choose(0, 1 << 20).ToArbitrary(), (c, a, b) =>
        {
            DataMatrix data = c.Data();
            ActivationPatterns patterns = ActivationPatterns.Compute(data, c.Generators(), c.Rule);
            double[] r = c.Residual();
            int first = a % c.Blocks, count = 1 + (b % (c.Blocks - first)), split = b % (count + 1);
            int d = c.Inputs;
            var reference = new double[count * d];
            ReferenceGradient.Accumulate(data, patterns, r, first, count, reference);
            var workspace = new GradientWorkspace();
            var failures = new List<string>();
            foreach (IKernelBackend backend in KernelBackendCatalogue.Supported)
            {
                var fast = new double[count * d];
                var pieces = new double[count * d];
                Array.Fill(fast, double.NaN);
                backend.Gradient(data, patterns, r, first, count, fast, workspace);
                backend.Gradient(data, patterns, r, first, split, pieces.AsSpan(0, split * d), workspace);
                backend.Gradient(data, patterns, r, first + split, count - split, pieces.AsSpan(split * d), workspace);
                if (!Closeness.BitIdentical(fast, reference))
                {
                    failures.Add($"{backend.Word}: {Diff(fast, reference)}");
                }

                if (!Closeness.BitIdentical(pieces, reference))
                {
                    failures.Add($"{backend.Word} split at {split}: {Diff(pieces, reference)}");
                }
            }

            return (failures.Count == 0).Label($"{string.Join("; ", failures)}; blocks [{first}, {first + count}); {c}")
                .Classify(c.Samples > GradientGemmKernel.PanelRows, "several row panels")
                .Classify(count > GradientGemmKernel.PanelBlocks, "several block panels")
                .Classify(d % GradientGemmKernel.TileInputs != 0, "input remainder");
        });

    // The single-precision gradient kernel equals its float reference bit for bit, and the double pass within the
    // rounding bound (n + 2)·2⁻²⁴·Σ_i |r_i X[i, ℓ]| per entry (inputs rounded to float, sequential float accumulation).
    [Property(MaxTest = Tests)]
    public Property Float32GradientKernelMatchesItsReferenceAndTheDoublePass() =>
        Prop.ForAll(Arb(), Gen.Choose(0, 1 << 20).ToArbitrary(), (c, a) =>
        {
            DataMatrix data = c.Data();
            ActivationPatterns patterns = ActivationPatterns.Compute(data, c.Generators(), c.Rule);
            double[] r = c.Residual();
            int first = a % c.Blocks, count = 1 + ((a / 3) % (c.Blocks - first)), d = c.Inputs;
            var fast = new double[count * d];
            var reference = new double[count * d];
            var exact = new double[count * d];
            Float32GradientKernel.Accumulate(data, patterns, r, first, count, fast, new GradientWorkspace());
            Float32GradientKernel.AccumulateReference(data, patterns, r, first, count, reference);
            ReferenceGradient.Accumulate(data, patterns, r, first, count, exact);
            string worst = "within bound";
            bool bounded = true;
            for (int b = 0; b < count && bounded; b++)
            {
                for (int l = 0; l < d && bounded; l++)
                {
                    double magnitude = 0;
                    for (int i = 0; i < c.Samples; i++)
                    {
                        magnitude += patterns.IsOn(first + b, i) ? Math.Abs(r[i] * data[i, l]) : 0;
                    }

                    double bound = (c.Samples + 2) * Math.Pow(2, -24) * magnitude;
                    double error = Math.Abs(fast[(b * d) + l] - exact[(b * d) + l]);
                    if (!(error <= bound))
                    {
                        bounded = false;
                        worst = $"block {first + b}, input {l}: single {Closeness.R(fast[(b * d) + l])}, double {Closeness.R(exact[(b * d) + l])}, error {Closeness.R(error)} > bound {Closeness.R(bound)}";
                    }
                }
            }

            return Closeness.BitIdentical(fast, reference).Label($"single fast vs single reference: {Diff(fast, reference)}; {c}")
                .And(bounded.Label($"{worst}; {c}"))
                .Classify(count > Float32GradientKernel.PanelBlocks, "several block panels");
        });

    // The dense GEMM used as the bench's peak equals its reference bit for bit.
    [Property(MaxTest = 60)]
    public Property DenseGemmIsBitIdenticalToReference() =>
        Prop.ForAll(
            (from k in Gen.Choose(1, 600) from d in Gen.Choose(1, 30) from m in Gen.Choose(1, 40) from seed in InstanceGenerators.Seed select (k, d, m, seed)).ToArbitrary(),
            shape =>
        {
            (int k, int d, int m, long seed) = shape;
            var random = new SeededRandom(seed);
            var x = new double[k * d];
            var b = new double[k * m];
            random.FillGaussian(x);
            random.FillGaussian(b);
            var fast = new double[d * m];
            var reference = new double[d * m];
            DenseGemmKernel.Multiply(x, d, b, m, fast);
            DenseGemmKernel.MultiplyReference(x, d, b, m, reference);
            return Closeness.BitIdentical(fast, reference).Label($"{Diff(fast, reference)}; K={k} d={d} m={m} seed={seed}");
        });

    // Every backend's A_S z (AVX-512: eight tiles per mask word, masked adds) equals ReferenceProducts.Forward bit for bit
    // on every tile range, and on the whole range equals the historical order of the operator.
    [Property(MaxTest = Tests)]
    public Property EveryBackendsRestrictedForwardIsBitIdenticalToTheReference() =>
        Prop.ForAll(Arb(), Gen.Choose(0, 1 << 20).ToArbitrary(), (c, a) =>
        {
            DataMatrix data = c.Data();
            ActivationPatterns patterns = ActivationPatterns.Compute(data, c.Generators(), c.Rule);
            RowTiles tiles = RowTiles.Of(data);
            var random = new SeededRandom(c.Seed, RandomStream.Support);
            int[] support = InstanceGenerators.RandomSupport(random, c.Blocks * c.Inputs, random.NextDouble());
            var z = new double[support.Length];
            random.FillGaussian(z);
            BlockGroups groups = new BlockGroups().Build(support, c.Inputs);
            int firstTile = a % tiles.Count, tileCount = (a / 7) % (tiles.Count - firstTile + 1);
            var reference = new double[c.Samples];
            ReferenceProducts.Forward(tiles, patterns, groups, z, reference, firstTile, tileCount);
            var wholeReference = new double[c.Samples];
            HistoricalForward(data, patterns, support, z, wholeReference);
            int from = firstTile * RowTiles.Height, to = Math.Min(c.Samples, (firstTile + tileCount) * RowTiles.Height);
            double[] rangeReference = reference[from..to];
            var failures = new List<string>();
            foreach (IKernelBackend backend in KernelBackendCatalogue.Supported)
            {
                var fast = new double[c.Samples];
                backend.Forward(tiles, patterns, groups, z, fast, firstTile, tileCount);
                var whole = new double[c.Samples];
                backend.Forward(tiles, patterns, groups, z, whole, 0, tiles.Count);
                double[] range = fast[from..to];
                if (!Closeness.BitIdentical(range, rangeReference))
                {
                    failures.Add($"{backend.Word} tiles [{firstTile}, {firstTile + tileCount}): {Diff(range, rangeReference)}");
                }

                if (!Closeness.BitIdentical(whole, wholeReference))
                {
                    failures.Add($"{backend.Word} whole range vs historical order: {Diff(whole, wholeReference)}");
                }
            }

            return (failures.Count == 0).Label($"{string.Join("; ", failures)}; |S|={support.Length}; {c}")
                .Classify(c.Samples >= 64, "full mask words")
                .Classify(support.Length == 0, "empty support");
        });

    // Every backend's A_Sᵀ r equals ReferenceProducts.Adjoint, which is VectorKernels.DotReference(D_b r, X[:, c]) per position, bit for bit, on every group range.
    [Property(MaxTest = Tests)]
    public Property EveryBackendsRestrictedAdjointIsBitIdenticalToTheReference() =>
        Prop.ForAll(Arb(), Gen.Choose(0, 1 << 20).ToArbitrary(), (c, a) =>
        {
            DataMatrix data = c.Data();
            ActivationPatterns patterns = ActivationPatterns.Compute(data, c.Generators(), c.Rule);
            RowTiles tiles = RowTiles.Of(data);
            var random = new SeededRandom(c.Seed, RandomStream.Support);
            int[] support = InstanceGenerators.RandomSupport(random, c.Blocks * c.Inputs, random.NextDouble());
            double[] r = c.Residual();
            BlockGroups groups = new BlockGroups().Build(support, c.Inputs);
            int first = groups.Count == 0 ? 0 : a % groups.Count, end = first + ((a / 11) % (groups.Count - first + 1));
            int length = groups.Starts[end] - groups.Starts[first];
            var reference = new double[length];
            ReferenceProducts.Adjoint(tiles, patterns, groups, first, end, r, reference);
            var failures = new List<string>();
            foreach (IKernelBackend backend in KernelBackendCatalogue.Supported)
            {
                var fast = new double[length];
                backend.Adjoint(tiles, patterns, groups, first, end, r, fast);
                if (!Closeness.BitIdentical(fast, reference))
                {
                    failures.Add($"{backend.Word}: {Diff(fast, reference)}");
                }
            }

            var direct = new double[length];
            for (int t = 0; t < length; t++)
            {
                int column = support[groups.Starts[first] + t], block = column / c.Inputs, coordinate = column % c.Inputs;
                double[] masked = Enumerable.Range(0, c.Samples).Select(i => patterns.IsOn(block, i) ? r[i] : 0.0).ToArray();
                double[] x = Enumerable.Range(0, c.Samples).Select(i => data[i, coordinate]).ToArray();
                direct[t] = VectorKernels.DotReference(masked, x);
            }

            return (failures.Count == 0).Label($"groups [{first}, {end}): {string.Join("; ", failures)}; {c}")
                .And(Closeness.BitIdentical(reference, direct).Label($"reference vs Dot of the definition: {Diff(reference, direct)}; {c}"))
                .Classify(c.Samples >= 128, "two or more mask words")
                .Classify(c.Samples % 8 != 0, "sample tail");
        });

    // Every backend's dense masks (AVX-512: 2×8 register tiles, butterfly combine) set exactly the bits of SetDense
    // (VectorKernels.Dot) and of ReferenceMasks (DotReference), for every block, on a random range of whole mask words.
    [Property(MaxTest = Tests)]
    public Property EveryBackendsDenseMasksAreBitIdenticalToSetDense() =>
        Prop.ForAll(Arb(maxSamples: 400), Gen.Choose(0, 1 << 20).ToArbitrary(), (c, a) =>
        {
            DataMatrix data = c.Data();
            double[] h = c.Generators();
            int words = (c.Samples + 63) / 64;
            int firstWord = a % words, endWord = firstWord + 1 + ((a / 5) % (words - firstWord));
            int firstRow = firstWord * 64, rowCount = Math.Min(c.Samples, endWord * 64) - firstRow;
            var reference = new ulong[c.Blocks * words];
            ReferenceMasks.Dense(data, h, c.Rule, reference, words, firstRow, rowCount);
            ActivationPatterns computed = ActivationPatterns.Compute(data, h, c.Rule);
            ActivationPatterns bySetDense = computed.Clone();
            for (int j = 0; j < c.Blocks; j++)
            {
                bySetDense.SetDense(j, data, h.AsSpan(j * c.Inputs, c.Inputs));
            }

            var failures = new List<string>();
            foreach (IKernelBackend backend in KernelBackendCatalogue.Supported)
            {
                var fast = new ulong[c.Blocks * words];
                backend.DenseMasks(data, h, c.Rule, fast, words, firstRow, rowCount);
                bool inRange = true;
                for (int j = 0; j < c.Blocks && inRange; j++)
                {
                    for (int w = firstWord; w < endWord; w++)
                    {
                        inRange &= fast[(j * words) + w] == reference[(j * words) + w] && fast[(j * words) + w] == bySetDense.Mask(j)[w];
                    }
                }

                if (!inRange)
                {
                    failures.Add(backend.Word);
                }
            }

            return (failures.Count == 0).Label($"words [{firstWord}, {endWord}) of {string.Join(", ", failures)} differ from the reference or SetDense; {c}")
                .And(computed.Words.SequenceEqual(bySetDense.Words).Label($"Compute differs from SetDense; {c}"))
                .Classify(c.Inputs % 8 != 0, "d not a multiple of 8")
                .Classify(c.Blocks % 8 != 0, "p not a multiple of 8");
        });

    // Every backend's sparse masks (via SetSparseBlocks, and on a random tile range) set exactly the bits of SetSparse and
    // of ReferenceMasks, also for empty generators (all-on under ≥, all-off under >).
    [Property(MaxTest = Tests)]
    public Property EveryBackendsSparseMasksAreBitIdenticalToSetSparse() =>
        Prop.ForAll(Arb(), Gen.Choose(0, 1 << 20).ToArbitrary(), (c, a) =>
        {
            DataMatrix data = c.Data();
            ActivationPatterns start = ActivationPatterns.Compute(data, c.Generators(), c.Rule);
            var random = new SeededRandom(c.Seed, RandomStream.Support);
            SparseVector w = InstanceGenerators.RandomSparse(random, c.Blocks * c.Inputs, random.NextDouble() * 0.5);
            int[] blocks = Enumerable.Range(0, c.Blocks).Where(_ => random.NextInt(3) != 0).ToArray();
            BlockGroups groups = new BlockGroups().BuildBlocks(w, blocks, c.Inputs);
            RowTiles tiles = RowTiles.Of(data);

            ActivationPatterns expected = start.Clone();
            foreach (int j in blocks)
            {
                int[] coordinates = w.Indices.ToArray().Where(i => i / c.Inputs == j).Select(i => i - (j * c.Inputs)).ToArray();
                double[] values = coordinates.Select(l => w[(j * c.Inputs) + l]).ToArray();
                expected.SetSparse(j, data, coordinates, values);
            }

            int firstTile = a % tiles.Count, tileCount = (a / 3) % (tiles.Count - firstTile + 1);
            ActivationPatterns rangeReference = start.Clone();
            ReferenceMasks.Sparse(tiles, groups, c.Rule, MutableWords(rangeReference), rangeReference.WordsPerBlock, firstTile, tileCount);
            var failures = new List<string>();
            foreach (IKernelBackend backend in KernelBackendCatalogue.Supported)
            {
                ActivationPatterns fast = start.Clone();
                fast.SetSparseBlocks(tiles, groups, 1, backend);
                if (!fast.Words.SequenceEqual(expected.Words))
                {
                    failures.Add($"{backend.Word}: SetSparseBlocks differs from SetSparse on blocks [{string.Join(",", blocks)}]");
                }

                ActivationPatterns rangeFast = start.Clone();
                backend.SparseMasks(tiles, groups, c.Rule, MutableWords(rangeFast), rangeFast.WordsPerBlock, firstTile, tileCount);
                if (!rangeFast.Words.SequenceEqual(rangeReference.Words))
                {
                    failures.Add($"{backend.Word}: tiles [{firstTile}, {firstTile + tileCount}) differ from the reference");
                }
            }

            return (failures.Count == 0).Label($"{string.Join("; ", failures)}; {c}")
                .Classify(groups.Positions < groups.Count, "some empty generators");
        });

    // The backend is a choice of speed only: a whole solve (every catalogue solver, convex and SCP) on an operator of each
    // supported backend gives the same trace and the same weights bit for bit.
    [Property(MaxTest = 40)]
    public Property EveryBackendGivesTheSameSolveBitForBit() =>
        Prop.ForAll(InstanceGenerators.SmallNetworkCases(minSamples: 20, maxSamples: 300), Gen.Elements(SolverCatalogue.All.ToArray()).ToArbitrary(), Gen.Elements(SolverMode.Convex, SolverMode.SequentialConvex).ToArbitrary(), (c, solver, mode) =>
        {
            PlantedNetwork network = PlantedNetwork.Create(c.Spec(OutputWeights.Positive));
            GeneratorDictionary dictionary = GeneratorDictionary.Create(c.Dictionary, network, c.ExtraUnits, c.Seed);
            var options = new SolverOptions(Solver: solver, Projection: c.Nonzeros, MaxIterations: 12, Tolerance: 1e-300, Mode: mode);
            SolverResult Solve(IKernelBackend backend) =>
                IterativeSolver.Solve(ActivationPatternOperator.FromDictionary(network.Data, dictionary, c.Rule, backend: backend), network.Labels, options);

            SolverResult reference = Solve(KernelBackendCatalogue.Reference);
            var failures = new List<string>();
            foreach (IKernelBackend backend in KernelBackendCatalogue.Supported)
            {
                SolverResult result = Solve(backend);
                if (!result.Trace.SequenceEqual(reference.Trace) || !result.Weights.Indices.SequenceEqual(reference.Weights.Indices) || !Closeness.BitIdentical(result.Weights.Values, reference.Weights.Values))
                {
                    failures.Add($"{backend.Word}: {result.Iterations} iterations ({result.Status}) vs the reference's {reference.Iterations} ({reference.Status})");
                }
            }

            return (failures.Count == 0).Label($"{string.Join("; ", failures)}; {solver} {mode}; {c}")
                .Classify(mode == SolverMode.SequentialConvex, "scp")
                .Classify(reference.Iterations > 1, "more than one iteration");
        });

    // With the parallel thresholds at 0, one and two threads give bit-identical products, mask computations and
    // gradient passes (rows split in whole mask words, support positions in whole blocks, blocks in chunks).
    [Property(MaxTest = 40)]
    public Property ThreadCountDoesNotChangeAnyResult() =>
        Prop.ForAll(Arb(maxSamples: 1200, maxBlocks: 60), c =>
        {
            long saved = ActivationPatternOperator.ParallelWorkThreshold, savedPatterns = ActivationPatterns.ParallelWorkThreshold;
            try
            {
                ActivationPatternOperator.ParallelWorkThreshold = 0;
                ActivationPatterns.ParallelWorkThreshold = 0;
                DataMatrix data = c.Data();
                double[] h = c.Generators();
                var random = new SeededRandom(c.Seed, RandomStream.Support);
                SparseVector w = InstanceGenerators.RandomSparse(random, c.Blocks * c.Inputs, random.NextDouble());
                double[] r = c.Residual();
                (double[] Forward, double[] Adjoint, double[] Gradient, ulong[] Masks, ulong[] Updated, SparseVector Top) Run(int threads)
                {
                    ActivationPatterns patterns = ActivationPatterns.Compute(data, h, c.Rule, threads);
                    var sensing = new ActivationPatternOperator(data, patterns, threads);
                    double[] forward = sensing.Forward(w);
                    var adjoint = new double[w.Count];
                    sensing.RestrictedAdjoint(w.Indices, r, adjoint);
                    double[] gradient = sensing.Adjoint(r);
                    var gradientPass = new StreamedGradient(sensing, Math.Max(1, w.Count), threads);
                    gradientPass.Compute(SparseVector.Zero(sensing.Columns), r);
                    ActivationPatternOperator own = sensing.WithOwnPatterns();
                    own.UpdatePatternsFrom(null, w, threads);
                    return (forward, adjoint, gradient, patterns.Words.ToArray(), own.Patterns.Words.ToArray(), gradientPass.OffSupportTop);
                }

                var one = Run(1);
                var two = Run(2);
                return Closeness.BitIdentical(one.Forward, two.Forward).Label($"A_S z: {Diff(one.Forward, two.Forward)}; {c}")
                    .And(Closeness.BitIdentical(one.Adjoint, two.Adjoint).Label($"A_Sᵀ r: {Diff(one.Adjoint, two.Adjoint)}; {c}"))
                    .And(Closeness.BitIdentical(one.Gradient, two.Gradient).Label($"Aᵀr: {Diff(one.Gradient, two.Gradient)}; {c}"))
                    .And(one.Masks.SequenceEqual(two.Masks).Label($"dense masks differ; {c}"))
                    .And(one.Updated.SequenceEqual(two.Updated).Label($"scp-updated masks differ; {c}"))
                    .And((one.Top.Indices.SequenceEqual(two.Top.Indices) && Closeness.BitIdentical(one.Top.Values, two.Top.Values)).Label($"top-k differs; {c}"));
            }
            finally
            {
                ActivationPatternOperator.ParallelWorkThreshold = saved;
                ActivationPatterns.ParallelWorkThreshold = savedPatterns;
            }
        });

    // The streamed gradient pass (chunks of whole blocks over 1–3 threads, per-thread top-k buffers, merge) gives g on
    // the support and exactly H_k of g off the support, with g from the reference kernel, and its step H_k(w − μg).
    [Property(MaxTest = 60)]
    public Property StreamedGradientEqualsReferenceGradientAndHardThreshold() =>
        Prop.ForAll(Arb(maxSamples: 300, maxBlocks: 120), Gen.Choose(1, 3).ToArbitrary(), Gen.Choose(1, 40).ToArbitrary(), (c, threads, k) =>
        {
            DataMatrix data = c.Data();
            ActivationPatterns patterns = ActivationPatterns.Compute(data, c.Generators(), c.Rule);
            var sensing = new ActivationPatternOperator(data, patterns, threads);
            var random = new SeededRandom(c.Seed, RandomStream.Support);
            SparseVector w = InstanceGenerators.RandomSparse(random, sensing.Columns, random.NextDouble() * 0.3);
            double[] r = c.Residual();
            var g = new double[sensing.Columns];
            ReferenceGradient.Accumulate(data, patterns, r, 0, c.Blocks, g);
            double[] off = (double[])g.Clone();
            foreach (int i in w.Indices)
            {
                off[i] = 0;
            }

            SparseVector expectedTop = HardThreshold.Apply(off, k);
            double[] expectedOn = w.Indices.ToArray().Select(i => g[i]).ToArray();
            var pass = new StreamedGradient(sensing, k, threads);
            pass.Compute(w, r);
            bool top = pass.OffSupportTop.Indices.SequenceEqual(expectedTop.Indices) && Closeness.BitIdentical(pass.OffSupportTop.Values, expectedTop.Values);

            // The step built from the stored candidates is H_k(w − μg) of the dense vector, zeros dropped.
            double mu = 0.01 + random.NextDouble();
            double[] stepped = w.ToDense();
            for (int i = 0; i < stepped.Length; i++)
            {
                stepped[i] -= mu * g[i];
            }

            SparseVector expectedStep = HardThreshold.Apply(stepped, k);
            int[] kept = [.. Enumerable.Range(0, expectedStep.Count).Where(t => expectedStep.Values[t] != 0)];
            SparseVector step = pass.ThresholdedStep(w, mu, k);
            bool thresholded = step.Indices.SequenceEqual([.. kept.Select(t => expectedStep.Indices[t])])
                && Closeness.BitIdentical(step.Values, kept.Select(t => expectedStep.Values[t]).ToArray());
            return top.Label($"off-support top-{k} differs from H_k of the reference gradient; threads={threads}; {c}")
                .And(Closeness.BitIdentical(pass.OnSupport, expectedOn).Label($"on-support gradient: {Diff(pass.OnSupport, expectedOn)}; {c}"))
                .And(thresholded.Label($"ThresholdedStep(w, μ = {mu}, k = {k}) differs from H_k(w − μg); threads={threads}; {c}"))
                .Classify(pass.Parallelism > 1, "several workers");
        });

    // RowTiles holds X[8q + u, ℓ] at q·8d + 8ℓ + u and zeros past n.
    [Property(MaxTest = 60)]
    public Property RowTilesHoldTheDataTransposedPerTile() =>
        Prop.ForAll(Arb(maxSamples: 100, maxInputs: 20, maxBlocks: 1), c =>
        {
            DataMatrix data = c.Data();
            RowTiles tiles = RowTiles.Of(data);
            bool ok = tiles.Count == (c.Samples + 7) / 8 && tiles.Values.Length == tiles.Count * 8 * c.Inputs;
            for (int q = 0; q < tiles.Count && ok; q++)
            {
                for (int l = 0; l < c.Inputs; l++)
                {
                    for (int u = 0; u < 8; u++)
                    {
                        int i = (q * 8) + u;
                        double expected = i < c.Samples ? data[i, l] : 0.0;
                        ok &= BitConverter.DoubleToInt64Bits(tiles.Tile(q)[(l * 8) + u]) == BitConverter.DoubleToInt64Bits(expected);
                    }
                }
            }

            return ok.Label($"tile layout wrong; {c}");
        });

    // The operator's forward before the kernels: per block, per active sample, x_iᵀz_b as a sequential chain, then added.
    private static void HistoricalForward(DataMatrix data, ActivationPatterns patterns, ReadOnlySpan<int> support, ReadOnlySpan<double> z, Span<double> result)
    {
        result.Clear();
        int d = data.Columns;
        for (int start = 0; start < support.Length;)
        {
            int block = support[start] / d, end = start;
            while (end < support.Length && support[end] / d == block)
            {
                end++;
            }

            for (int i = 0; i < data.Rows; i++)
            {
                if (patterns.IsOn(block, i))
                {
                    double sum = 0;
                    for (int t = start; t < end; t++)
                    {
                        sum = Math.FusedMultiplyAdd(data[i, support[t] - (block * d)], z[t], sum);
                    }

                    result[i] += sum;
                }
            }

            start = end;
        }
    }

    private static Span<ulong> MutableWords(ActivationPatterns patterns) =>
        System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(patterns.Words), patterns.Words.Length);
}
