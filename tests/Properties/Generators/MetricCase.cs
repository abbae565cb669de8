using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Properties.Generators;

/// <summary>A cost matrix for the assignment problem, row-major, with every entry printed in round-trip form.</summary>
public sealed record CostCase(int Rows, int Columns, double[] Entries)
{
    /// <summary>The entry at (row, column).</summary>
    public double this[int row, int column] => Entries[row * Columns + column];

    /// <summary>The matrix as a 2-D array.</summary>
    public double[,] ToArray()
    {
        var cost = new double[Rows, Columns];
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Columns; j++)
            {
                cost[i, j] = this[i, j];
            }
        }

        return cost;
    }

    /// <summary>Σ_i max_j |c_ij|: the magnitude of the terms of any assignment's cost (the rounding scale).</summary>
    public double Magnitude => Enumerable.Range(0, Rows).Sum(i => Enumerable.Range(0, Columns).Max(j => Math.Abs(this[i, j])));

    public override string ToString() =>
        $"CostCase({Rows}×{Columns}: [{string.Join("; ", Enumerable.Range(0, Rows).Select(i => string.Join(", ", Enumerable.Range(0, Columns).Select(j => this[i, j].ToString("R", CultureInfo.InvariantCulture)))))}])";
}

/// <summary>How a <see cref="MetricCase"/> relates the estimate to the truth.</summary>
public enum MetricFlavour
{
    /// <summary>Estimate and truth drawn independently.</summary>
    Independent,

    /// <summary>The estimate's blocks are the truth's units in a random order (extra blocks zero or random).</summary>
    PermutedTruth,

    /// <summary>As <see cref="PermutedTruth"/>, then values nudged, an extra nonzero added and/or a nonzero removed.</summary>
    PerturbedPermutedTruth,

    /// <summary>ŵ = 0 (some zeros stored explicitly).</summary>
    EmptyEstimate,

    /// <summary>w* = 0; the estimate is zero or random.</summary>
    EmptyTruth,
}

/// <summary>
/// A recovered network ŵ (p blocks of d) against a planted one w* (m units of d), p and m independent in 1..6,
/// built from <see cref="Seed"/>: values tie often ({±1, ±2}) or are Gaussian, and zeros are sometimes stored
/// explicitly in the sparse vectors (support sets count nonzero entries only).
/// </summary>
public sealed record MetricCase(int Inputs, int Blocks, int Units, MetricFlavour Flavour, long Seed)
{
    /// <summary>The built vectors, as blocks and as the sparse vectors handed to the code.</summary>
    public sealed record Built(double[][] Estimate, double[][] Truth, SparseVector EstimateVector, SparseVector TruthVector, double[] Labels, double[] Predictions);

    /// <summary>Builds ŵ, w*, and some labels/predictions (the network metrics only pass them on to PSNR and the residual).</summary>
    public Built Build()
    {
        var random = new SeededRandom(Seed, RandomStream.Default);
        int d = Inputs, p = Blocks, m = Units;
        double[][] truth = Flavour == MetricFlavour.EmptyTruth ? Zeros(m, d) : RandomBlocks(random, m, d, 0.5);
        double[][] estimate;
        switch (Flavour)
        {
            case MetricFlavour.PermutedTruth:
            case MetricFlavour.PerturbedPermutedTruth:
                int size = Math.Max(p, m);
                int[] order = Permutation(random, size);
                estimate = new double[p][];
                for (int i = 0; i < p; i++)
                {
                    estimate[i] = order[i] < m ? (double[])truth[order[i]].Clone() : random.NextDouble() < 0.5 ? new double[d] : RandomBlocks(random, 1, d, 0.5)[0];
                }

                if (Flavour == MetricFlavour.PerturbedPermutedTruth)
                {
                    Perturb(random, estimate);
                }

                break;
            case MetricFlavour.EmptyEstimate:
                estimate = Zeros(p, d);
                break;
            case MetricFlavour.EmptyTruth:
                estimate = random.NextDouble() < 0.5 ? Zeros(p, d) : RandomBlocks(random, p, d, 0.5);
                break;
            default:
                estimate = RandomBlocks(random, p, d, 0.5);
                break;
        }

        int n = 1 + random.NextInt(8);
        var labels = new double[n];
        var predictions = new double[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = 3 * random.NextGaussian();
            predictions[i] = labels[i] + 0.1 * random.NextGaussian();
        }

        return new Built(estimate, truth, ToSparse(random, estimate), ToSparse(random, truth), labels, predictions);
    }

    /// <summary>A uniformly random permutation of [0, size) (Fisher–Yates).</summary>
    public static int[] Permutation(SeededRandom random, int size)
    {
        int[] order = Enumerable.Range(0, size).ToArray();
        for (int i = size - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>Blocks concatenated into a sparse vector; each zero is stored explicitly with probability 0.15.</summary>
    public static SparseVector ToSparse(SeededRandom random, double[][] blocks)
    {
        int d = blocks.Length == 0 ? 0 : blocks[0].Length;
        var indices = new List<int>();
        var values = new List<double>();
        for (int j = 0; j < blocks.Length; j++)
        {
            for (int l = 0; l < d; l++)
            {
                if (blocks[j][l] != 0 || random.NextDouble() < 0.15)
                {
                    indices.Add(j * d + l);
                    values.Add(blocks[j][l]);
                }
            }
        }

        return new SparseVector(blocks.Length * d, indices.ToArray(), values.ToArray());
    }

    private static void Perturb(SeededRandom random, double[][] estimate)
    {
        int d = estimate[0].Length;
        if (random.NextDouble() < 0.5)
        {
            foreach (double[] block in estimate)
            {
                for (int l = 0; l < d; l++)
                {
                    if (block[l] != 0)
                    {
                        block[l] += 0.125 * (1 + random.NextInt(4)) * random.NextSign();
                        block[l] = block[l] == 0 ? 0.5 : block[l];
                    }
                }
            }
        }

        var zeros = new List<(int Block, int Coordinate)>();
        var nonzeros = new List<(int Block, int Coordinate)>();
        for (int j = 0; j < estimate.Length; j++)
        {
            for (int l = 0; l < d; l++)
            {
                (estimate[j][l] == 0 ? zeros : nonzeros).Add((j, l));
            }
        }

        if (zeros.Count > 0 && random.NextDouble() < 0.6)
        {
            (int j, int l) = zeros[random.NextInt(zeros.Count)];
            estimate[j][l] = Value(random);
        }

        if (nonzeros.Count > 0 && random.NextDouble() < 0.4)
        {
            (int j, int l) = nonzeros[random.NextInt(nonzeros.Count)];
            estimate[j][l] = 0;
        }
    }

    private static double Value(SeededRandom random) =>
        random.NextDouble() < 0.4 ? (1 + random.NextInt(2)) * random.NextSign() : random.NextGaussian();

    private static double[][] RandomBlocks(SeededRandom random, int count, int d, double density)
    {
        double[][] blocks = Zeros(count, d);
        foreach (double[] block in blocks)
        {
            for (int l = 0; l < d; l++)
            {
                block[l] = random.NextDouble() < density ? Value(random) : 0.0;
            }
        }

        return blocks;
    }

    private static double[][] Zeros(int count, int d) => Enumerable.Range(0, count).Select(_ => new double[d]).ToArray();

    public override string ToString() => $"MetricCase(d={Inputs}, p={Blocks}, m={Units}, {Flavour}, seed={Seed})";
}

/// <summary>Labels y and predictions ŷ for PSNR: peak scaled by 2^e·(1 + u) (so rarely 1), noise 10^f, or an exact fit.</summary>
public sealed record PsnrCase(int Length, int ScaleExponent, int NoiseExponent, bool ExactFit, long Seed)
{
    /// <summary>(y, ŷ).</summary>
    public (double[] Labels, double[] Predictions) Build()
    {
        var random = new SeededRandom(Seed, RandomStream.Default);
        double scale = Math.Pow(2, ScaleExponent) * (1 + random.NextDouble());
        var labels = new double[Length];
        var predictions = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            labels[i] = scale * random.NextGaussian();
            predictions[i] = ExactFit ? labels[i] : labels[i] + Math.Pow(10, NoiseExponent) * random.NextGaussian();
        }

        return (labels, predictions);
    }

    public override string ToString() => $"PsnrCase(n={Length}, scale 2^{ScaleExponent}, noise 1e{NoiseExponent}, exact={ExactFit}, seed={Seed})";
}

/// <summary>Generators of the metric cases.</summary>
public static class MetricGenerators
{
    /// <summary>Entries: ties from {−2 … 2}, sixteenths in [−64, 64], or thousandths in [−1000, 1000] times 2^(−10 … 10).</summary>
    public static Gen<double> Entry(int flavour) => flavour switch
    {
        0 => Gen.Elements(-2.0, -1.0, 0.0, 1.0, 2.0),
        1 => Gen.Choose(-1024, 1024).Select(v => v / 16.0),
        _ => from v in Gen.Choose(-1_000_000, 1_000_000) from e in Gen.Choose(-10, 10) select v / 1000.0 * Math.Pow(2, e),
    };

    /// <summary>Square P×P cost matrices, P ∈ 1..6.</summary>
    public static Arbitrary<CostCase> SquareCosts =>
        (from size in Gen.Choose(1, 6)
         from flavour in Gen.Choose(0, 2)
         from entries in Gen.ArrayOf(Entry(flavour), size * size)
         select new CostCase(size, size, entries)).ToArbitrary();

    /// <summary>Rectangular r×c cost matrices (r ≠ c), r, c ∈ 1..6.</summary>
    public static Arbitrary<CostCase> RectangularCosts =>
        (from rows in Gen.Choose(1, 6)
         from columns in Gen.Choose(1, 6).Where(c => c != rows)
         from flavour in Gen.Choose(0, 2)
         from entries in Gen.ArrayOf(Entry(flavour), rows * columns)
         select new CostCase(rows, columns, entries)).ToArbitrary();

    /// <summary>d ∈ 1..4, p, m ∈ 1..6 independently, every flavour.</summary>
    public static Gen<MetricCase> MetricCaseGen =>
        from d in Gen.Choose(1, 4)
        from p in Gen.Choose(1, 6)
        from m in Gen.Choose(1, 6)
        from flavour in Gen.Frequency(
            (2, Gen.Constant(MetricFlavour.Independent)),
            (2, Gen.Constant(MetricFlavour.PermutedTruth)),
            (3, Gen.Constant(MetricFlavour.PerturbedPermutedTruth)),
            (1, Gen.Constant(MetricFlavour.EmptyEstimate)),
            (1, Gen.Constant(MetricFlavour.EmptyTruth)))
        from seed in InstanceGenerators.Seed
        select new MetricCase(d, p, m, flavour, seed);

    /// <summary>Shrinks p, m and d (the seed and flavour never change).</summary>
    public static IEnumerable<MetricCase> Shrink(MetricCase c)
    {
        foreach (int p in InstanceGenerators.SmallerInts(c.Blocks, 1))
        {
            yield return c with { Blocks = p };
        }

        foreach (int m in InstanceGenerators.SmallerInts(c.Units, 1))
        {
            yield return c with { Units = m };
        }

        foreach (int d in InstanceGenerators.SmallerInts(c.Inputs, 1))
        {
            yield return c with { Inputs = d };
        }
    }

    /// <summary>The arbitrary of <see cref="MetricCaseGen"/> with <see cref="Shrink"/>.</summary>
    public static Arbitrary<MetricCase> MetricCases => Arb.From(MetricCaseGen, Shrink);

    /// <summary>n ∈ 1..40, peak scale 2^(−6 … 10), noise 10^(−8 … 2), one in five an exact fit.</summary>
    public static Arbitrary<PsnrCase> PsnrCases =>
        (from n in Gen.Choose(1, 40)
         from scale in Gen.Choose(-6, 10)
         from noise in Gen.Choose(-8, 2)
         from exact in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
         from seed in InstanceGenerators.Seed
         select new PsnrCase(n, scale, noise, exact, seed)).ToArbitrary();
}
