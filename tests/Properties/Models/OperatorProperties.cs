using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Properties;

/// <summary>
/// The matrix-free operators against dense oracles built from the definition (theory.md §1), the adjoint
/// identity, and the bit-exact kernels against their scalar references.
/// </summary>
public sealed class OperatorProperties
{
    private const int InstanceTests = 150;

    // A_S z of the activation-pattern operator equals the dense definition A[i, j·d+ℓ] = 1[x_iᵀh_j ≥ 0]·X[i, ℓ].
    [Property(MaxTest = InstanceTests)]
    public Property RestrictedForwardMatchesPatternDefinition() =>
        Prop.ForAll(InstanceGenerators.SmallNetworkCases(), c =>
        {
            SmallNetworkInstance instance = c.Build();
            var random = new SeededRandom(c.Seed, RandomStream.Estimation);
            double density = random.NextDouble();
            SparseVector w = InstanceGenerators.RandomSparse(random, c.Columns, density);
            double[] actual = instance.Operator.Forward(w);
            double[] expected = instance.Oracle.Forward(w);
            Closeness.Outcome outcome = Closeness.Compare(actual, expected, Closeness.ForwardMagnitude(instance.Oracle, w.Indices, w.Values));
            return Prop.When(instance.FreeOfNearTies, () => outcome.Ok
                .Label($"A_S z vs oracle: {outcome}; {c}; |S|={w.Count} of N={c.Columns}")
                .Classify(w.Count == 0, "empty support")
                .Classify(w.Count == c.Columns, "full support")
                .Collect($"dictionary {c.Dictionary}"));
        });

    // Aᵀr (the full adjoint, through AdjointRange over all columns) equals the dense oracle's.
    [Property(MaxTest = InstanceTests)]
    public Property FullAdjointMatchesPatternDefinition() =>
        Prop.ForAll(InstanceGenerators.SmallNetworkCases(), c =>
        {
            SmallNetworkInstance instance = c.Build();
            double[] r = InstanceGenerators.RandomResidual(new SeededRandom(c.Seed, RandomStream.Estimation), c.Samples);
            double[] actual = instance.Operator.Adjoint(r);
            double[] expected = instance.Oracle.Adjoint(r);
            int[] all = Enumerable.Range(0, c.Columns).ToArray();
            Closeness.Outcome outcome = Closeness.Compare(actual, expected, Closeness.AdjointMagnitude(instance.Oracle, all, r));
            return Prop.When(instance.FreeOfNearTies, () => outcome.Ok
                .Label($"Aᵀr vs oracle: {outcome}; {c}")
                .Classify(r.Contains(0.0), "residual has exact zeros")
                .Collect($"rule {c.Rule}"));
        });

    // (Aᵀr)[first, first+len) for arbitrary, block-unaligned ranges equals the oracle's entries.
    [Property(MaxTest = InstanceTests)]
    public Property AdjointRangeMatchesPatternDefinitionOnUnalignedRanges() =>
        Prop.ForAll(InstanceGenerators.SmallNetworkCases(), Gen.Choose(0, 1 << 20).ToArbitrary(), Gen.Choose(0, 1 << 20).ToArbitrary(), (c, a, b) =>
        {
            SmallNetworkInstance instance = c.Build();
            int first = a % (c.Columns + 1);
            int length = b % (c.Columns - first + 1);
            double[] r = InstanceGenerators.RandomResidual(new SeededRandom(c.Seed, RandomStream.Estimation), c.Samples);
            var actual = new double[length];
            instance.Operator.AdjointRange(r, first, actual);
            var expected = new double[length];
            instance.Oracle.AdjointRange(r, first, expected);
            int[] columns = Enumerable.Range(first, length).ToArray();
            Closeness.Outcome outcome = Closeness.Compare(actual, expected, Closeness.AdjointMagnitude(instance.Oracle, columns, r));
            bool aligned = first % c.Inputs == 0 && (first + length) % c.Inputs == 0;
            return Prop.When(instance.FreeOfNearTies, () => outcome.Ok
                .Label($"AdjointRange [{first}, {first + length}) vs oracle: {outcome}; {c}")
                .Classify(aligned, "block-aligned")
                .Classify(!aligned, "unaligned")
                .Classify(length == 0, "empty range"));
        });

    // A_Sᵀ r for a random support S equals the oracle's restricted adjoint.
    [Property(MaxTest = InstanceTests)]
    public Property RestrictedAdjointMatchesPatternDefinition() =>
        Prop.ForAll(InstanceGenerators.SmallNetworkCases(), c =>
        {
            SmallNetworkInstance instance = c.Build();
            var random = new SeededRandom(c.Seed, RandomStream.Estimation);
            double[] r = InstanceGenerators.RandomResidual(random, c.Samples);
            int[] support = InstanceGenerators.RandomSupport(random, c.Columns, random.NextDouble());
            var actual = new double[support.Length];
            instance.Operator.RestrictedAdjoint(support, r, actual);
            var expected = new double[support.Length];
            instance.Oracle.RestrictedAdjoint(support, r, expected);
            Closeness.Outcome outcome = Closeness.Compare(actual, expected, Closeness.AdjointMagnitude(instance.Oracle, support, r));
            return Prop.When(instance.FreeOfNearTies, () => outcome.Ok
                .Label($"A_Sᵀr vs oracle: {outcome}; {c}; S=[{string.Join(",", support)}]")
                .Classify(support.Length == 0, "empty support")
                .Collect($"blocks {c.Blocks}"));
        });

    // Every column of A (CopyColumn) holds exactly the oracle's entries: D_j X[:, ℓ] is a copy, not a computation.
    [Property(MaxTest = InstanceTests)]
    public Property CopyColumnEqualsPatternDefinitionExactly() =>
        Prop.ForAll(InstanceGenerators.SmallNetworkCases(), c =>
        {
            SmallNetworkInstance instance = c.Build();
            var actual = new double[c.Samples];
            var expected = new double[c.Samples];
            int mismatch = -1;
            for (int column = 0; column < c.Columns && mismatch < 0; column++)
            {
                instance.Operator.CopyColumn(column, actual);
                instance.Oracle.CopyColumn(column, expected);
                if (!Closeness.BitIdentical(actual, expected))
                {
                    mismatch = column;
                }
            }

            return Prop.When(instance.FreeOfNearTies, () => (mismatch < 0)
                .Label($"column {mismatch} differs from the oracle; {c}")
                .Collect($"rule {c.Rule}"));
        });

    // With n ∈ 65..200 (several 64-bit mask words per block): A w, Aᵀr and every column match the oracle, and the gradient kernel its reference bit for bit.
    [Property(MaxTest = 60)]
    public Property ProductsMatchPatternDefinitionWithMultiWordMasks() =>
        Prop.ForAll(InstanceGenerators.SmallNetworkCases(minSamples: 65, maxSamples: 200), c =>
        {
            SmallNetworkInstance instance = c.Build();
            var random = new SeededRandom(c.Seed, RandomStream.Estimation);
            SparseVector w = InstanceGenerators.RandomSparse(random, c.Columns, random.NextDouble());
            double[] r = InstanceGenerators.RandomResidual(random, c.Samples);
            int[] all = Enumerable.Range(0, c.Columns).ToArray();
            Closeness.Outcome forward = Closeness.Compare(instance.Operator.Forward(w), instance.Oracle.Forward(w), Closeness.ForwardMagnitude(instance.Oracle, w.Indices, w.Values));
            Closeness.Outcome adjoint = Closeness.Compare(instance.Operator.Adjoint(r), instance.Oracle.Adjoint(r), Closeness.AdjointMagnitude(instance.Oracle, all, r), terms: c.Samples);
            var actualColumn = new double[c.Samples];
            var expectedColumn = new double[c.Samples];
            int columnMismatch = -1;
            for (int column = 0; column < c.Columns && columnMismatch < 0; column++)
            {
                instance.Operator.CopyColumn(column, actualColumn);
                instance.Oracle.CopyColumn(column, expectedColumn);
                columnMismatch = Closeness.BitIdentical(actualColumn, expectedColumn) ? -1 : column;
            }

            var kernel = new double[c.Columns];
            var reference = new double[c.Columns];
            RowOuterGradientKernel.Accumulate(instance.Network.Data, instance.Operator.Patterns, r, 0, c.Blocks, kernel);
            ReferenceGradient.Accumulate(instance.Network.Data, instance.Operator.Patterns, r, 0, c.Blocks, reference);
            int kernelMismatch = Closeness.FirstBitDifference(kernel, reference);
            return Prop.When(instance.FreeOfNearTies, () => forward.Ok.Label($"A_S z vs oracle: {forward}; {c}")
                .And(adjoint.Ok.Label($"Aᵀr vs oracle: {adjoint}; {c}"))
                .And((columnMismatch < 0).Label($"column {columnMismatch} differs from the oracle; {c}"))
                .And((kernelMismatch < 0).Label($"gradient kernel entry {kernelMismatch} differs from its reference; {c}"))
                .Collect($"{(c.Samples + 63) / 64} mask words"));
        });

    // The premise of the oracle comparisons (no |xᵀh| in (0, 1e−12)) holds for at least 99% of generated instances.
    [Property(MaxTest = 1)]
    public Property NearTiePremiseIsRarelyFalse() =>
        Prop.ForAll(Gen.ArrayOf(InstanceGenerators.SmallNetworkCaseGen(), 400).ToArbitrary(), cases =>
        {
            SmallNetworkCase[] tied = cases.Where(c => !c.Build().FreeOfNearTies).ToArray();
            return (tied.Length <= 4)
                .Label($"{tied.Length} of {cases.Length} generated instances have a near-tie pre-activation, e.g. {tied.FirstOrDefault()}")
                .Collect($"{tied.Length} near ties in {cases.Length}");
        });

    // ⟨Aw, r⟩ = ⟨w, Aᵀr⟩, relative to the Cauchy–Schwarz scale ‖Aw‖‖r‖ + ‖w‖‖Aᵀr‖.
    [Property(MaxTest = InstanceTests)]
    public Property AdjointIdentityHolds() =>
        Prop.ForAll(InstanceGenerators.SmallNetworkCases(), c =>
        {
            SmallNetworkInstance instance = c.Build();
            var random = new SeededRandom(c.Seed, RandomStream.Estimation);
            SparseVector w = InstanceGenerators.RandomSparse(random, c.Columns, random.NextDouble());
            double[] r = InstanceGenerators.RandomResidual(random, c.Samples);
            double[] aw = instance.Operator.Forward(w);
            double[] atr = instance.Operator.Adjoint(r);
            double left = 0, right = 0;
            for (int i = 0; i < r.Length; i++)
            {
                left += aw[i] * r[i];
            }

            for (int t = 0; t < w.Count; t++)
            {
                right += w.Values[t] * atr[w.Indices[t]];
            }

            double scale = VectorKernels.Norm(aw) * VectorKernels.Norm(r) + w.Norm() * VectorKernels.Norm(atr);
            bool ok = Math.Abs(left - right) <= 1e-12 * scale;
            return ok
                .Label($"⟨Aw,r⟩={Closeness.R(left)} ⟨w,Aᵀr⟩={Closeness.R(right)} scale={Closeness.R(scale)}; {c}")
                .Classify(scale == 0, "trivial (zero scale)")
                .Collect($"dictionary {c.Dictionary}");
        });

    // The Gaussian sensing operator's products equal those of its own materialised dense matrix.
    [Property(MaxTest = 100)]
    public Property GaussianOperatorMatchesItsDenseMatrix() =>
        Prop.ForAll(Gen.Choose(1, 30).ToArbitrary(), Gen.Choose(1, 60).ToArbitrary(), InstanceGenerators.Seed.ToArbitrary(), (n, columns, seed) =>
        {
            var sensing = new GaussianSensingOperator(n, columns, seed);
            DenseMatrixOperator dense = DenseMatrixOperator.FromOperator(sensing);
            var random = new SeededRandom(seed, RandomStream.Estimation);
            SparseVector w = InstanceGenerators.RandomSparse(random, columns, random.NextDouble());
            double[] r = InstanceGenerators.RandomResidual(random, n);
            int[] support = InstanceGenerators.RandomSupport(random, columns, random.NextDouble());
            int first = random.NextInt(columns + 1);
            int length = random.NextInt(columns - first + 1);

            Closeness.Outcome forward = Closeness.Compare(sensing.Forward(w), dense.Forward(w), Closeness.ForwardMagnitude(dense, w.Indices, w.Values));
            int[] all = Enumerable.Range(0, columns).ToArray();
            Closeness.Outcome adjoint = Closeness.Compare(sensing.Adjoint(r), dense.Adjoint(r), Closeness.AdjointMagnitude(dense, all, r));
            var restrictedActual = new double[support.Length];
            var restrictedExpected = new double[support.Length];
            sensing.RestrictedAdjoint(support, r, restrictedActual);
            dense.RestrictedAdjoint(support, r, restrictedExpected);
            Closeness.Outcome restricted = Closeness.Compare(restrictedActual, restrictedExpected, Closeness.AdjointMagnitude(dense, support, r));
            var rangeActual = new double[length];
            var rangeExpected = new double[length];
            sensing.AdjointRange(r, first, rangeActual);
            dense.AdjointRange(r, first, rangeExpected);
            Closeness.Outcome range = Closeness.Compare(rangeActual, rangeExpected, Closeness.AdjointMagnitude(dense, Enumerable.Range(first, length).ToArray(), r));

            string where = $"n={n} N={columns} seed={seed}";
            return forward.Ok.Label($"forward: {forward}; {where}")
                .And(adjoint.Ok.Label($"adjoint: {adjoint}; {where}"))
                .And(restricted.Ok.Label($"restricted adjoint: {restricted}; {where}"))
                .And(range.Ok.Label($"adjoint range [{first}, {first + length}): {range}; {where}"))
                .Classify(n >= columns, "n ≥ N")
                .Classify(n < columns, "n < N");
        });

    // The portable RowOuterGradientKernel equals ReferenceGradient bit for bit on every block range, empty ranges included.
    [Property(MaxTest = InstanceTests)]
    public Property GradientKernelIsBitIdenticalToReference() =>
        Prop.ForAll(InstanceGenerators.SmallNetworkCases(), Gen.Choose(0, 1 << 20).ToArbitrary(), Gen.Choose(0, 1 << 20).ToArbitrary(), (c, a, b) =>
        {
            SmallNetworkInstance instance = c.Build();
            int blocks = c.Blocks, d = c.Inputs;
            int firstBlock = a % blocks;
            int blockCount = b % 10 == 0 ? 0 : 1 + (b / 10) % (blocks - firstBlock); // about 10% empty ranges
            double[] r = InstanceGenerators.RandomResidual(new SeededRandom(c.Seed, RandomStream.Estimation), c.Samples);
            var actual = new double[blockCount * d];
            var expected = new double[blockCount * d];
            Array.Fill(actual, double.NaN); // Accumulate must overwrite its output.
            RowOuterGradientKernel.Accumulate(instance.Network.Data, instance.Operator.Patterns, r, firstBlock, blockCount, actual);
            ReferenceGradient.Accumulate(instance.Network.Data, instance.Operator.Patterns, r, firstBlock, blockCount, expected);
            int at = Closeness.FirstBitDifference(actual, expected);
            return (at < 0)
                .Label(at < 0 ? "ok" : $"blocks [{firstBlock}, {firstBlock + blockCount}): entry {at} is {Closeness.R(actual[at])}, reference {Closeness.R(expected[at])}; {c}")
                .Classify(blockCount == 0, "no blocks")
                .Classify(blockCount == blocks, "all blocks")
                .Collect($"d={d}");
        });

    // VectorKernels.Dot equals DotReference bit for bit for lengths 0..100, and a naive sum up to rounding.
    [Property(MaxTest = 300)]
    public Property DotIsBitIdenticalToReferenceAndCloseToNaiveSum() =>
        Prop.ForAll(Gen.Choose(0, 100).ToArbitrary(), InstanceGenerators.Seed.ToArbitrary(), Gen.Choose(0, 2).ToArbitrary(), (length, seed, kind) =>
        {
            var random = new SeededRandom(seed, RandomStream.Estimation);
            var x = new double[length];
            var y = new double[length];
            for (int i = 0; i < length; i++)
            {
                // kind 0: Gaussian; 1: wide dynamic range; 2: small integers (exact sums, many cancellations).
                x[i] = kind switch { 0 => random.NextGaussian(), 1 => random.NextGaussian() * Math.Pow(10, random.NextInt(13) - 6), _ => random.NextInt(7) - 3 };
                y[i] = kind switch { 0 => random.NextGaussian(), 1 => random.NextGaussian() * Math.Pow(10, random.NextInt(13) - 6), _ => random.NextInt(7) - 3 };
            }

            double fast = VectorKernels.Dot(x, y);
            double reference = VectorKernels.DotReference(x, y);
            double naive = 0, magnitude = 0;
            for (int i = 0; i < length; i++)
            {
                naive += x[i] * y[i];
                magnitude += Math.Abs(x[i] * y[i]);
            }

            bool identical = BitConverter.DoubleToInt64Bits(fast) == BitConverter.DoubleToInt64Bits(reference);
            Closeness.Outcome close = Closeness.Compare(fast, naive, magnitude);
            string where = $"length={length} (remainder {length % 8}) seed={seed} kind={kind}";
            return identical.Label($"Dot={Closeness.R(fast)} DotReference={Closeness.R(reference)}; {where}")
                .And(close.Ok.Label($"Dot={Closeness.R(fast)} naive={Closeness.R(naive)}: {close}; {where}"))
                .Classify(length % 8 != 0, "tail not a multiple of 8")
                .Classify(length < 8, "shorter than one block")
                .Collect($"kind {kind}");
        });
}
