using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Theory.Constants;

namespace SparseIhtVerify.Properties;

/// <summary>
/// An operator that has a shape and nothing else: every access to its entries throws, so that a test can show that a
/// code path (a cost formula, the decision not to form a Gram) never reads A.
/// </summary>
internal sealed class ShapeOnlyOperator(int rows, int columns) : SensingOperator
{
    public override int Rows => rows;

    public override int Columns => columns;

    public override void RestrictedForward(ReadOnlySpan<int> support, ReadOnlySpan<double> z, Span<double> result) => throw Touched();

    public override void RestrictedAdjoint(ReadOnlySpan<int> support, ReadOnlySpan<double> r, Span<double> result) => throw Touched();

    public override void AdjointRange(ReadOnlySpan<double> r, int firstColumn, Span<double> result) => throw Touched();

    public override void CopyColumn(int column, Span<double> destination) => throw Touched();

    private InvalidOperationException Touched() => new($"the entries of a shape-only {Rows}×{Columns} operator were read");
}

/// <summary>How the columns of a <see cref="DenseCase"/> are drawn.</summary>
public enum DenseKind
{
    /// <summary>Independent N(0, 1) entries.</summary>
    Gaussian,

    /// <summary>Gaussian, with one column a copy of another (α₂ = 0 exactly, ties between supports).</summary>
    DuplicateColumn,

    /// <summary>A = the first N columns of the n×n identity, so G = I/n exactly: every support of a size ties.</summary>
    Orthonormal,

    /// <summary>Gaussian, with one column zero (α₁ = 0 exactly).</summary>
    ZeroColumn,
}

/// <summary>A small dense operator A (n×N) for the witness search's unit properties; every entry comes from <see cref="Seed"/>.</summary>
public sealed record DenseCase(long Seed, int Rows, int Columns, DenseKind Kind)
{
    public override string ToString() => $"DenseCase(seed={Seed}, n={Rows}, N={Columns}, {Kind})";

    /// <summary>n ∈ <paramref name="minRows"/>..<paramref name="maxRows"/> (≥ N when orthonormal), N ∈ <paramref name="minColumns"/>..<paramref name="maxColumns"/>, Gaussian in half the cases.</summary>
    public static Gen<DenseCase> Gen(int minColumns, int maxColumns, int minRows = 3, int maxRows = 30) =>
        from columns in FsCheck.Fluent.Gen.Choose(minColumns, maxColumns)
        from rows in FsCheck.Fluent.Gen.Choose(minRows, maxRows)
        from seed in SparseIhtVerify.Properties.Generators.InstanceGenerators.Seed
        from kind in FsCheck.Fluent.Gen.Frequency(
            (3, FsCheck.Fluent.Gen.Constant(DenseKind.Gaussian)),
            (1, FsCheck.Fluent.Gen.Constant(DenseKind.DuplicateColumn)),
            (1, FsCheck.Fluent.Gen.Constant(DenseKind.Orthonormal)),
            (1, FsCheck.Fluent.Gen.Constant(DenseKind.ZeroColumn)))
        select new DenseCase(seed, kind == DenseKind.Orthonormal ? Math.Max(rows, columns) : rows, columns, kind);

    /// <summary>The operator.</summary>
    public DenseMatrixOperator Build()
    {
        var random = new SeededRandom(Seed, RandomStream.Data);
        var a = new double[Rows, Columns];
        if (Kind == DenseKind.Orthonormal)
        {
            for (int c = 0; c < Columns; c++)
            {
                a[c, c] = 1;
            }

            return new DenseMatrixOperator(a);
        }

        for (int i = 0; i < Rows; i++)
        {
            for (int c = 0; c < Columns; c++)
            {
                a[i, c] = random.NextGaussian();
            }
        }

        int target = random.NextInt(Columns), source = random.NextInt(Columns);
        for (int i = 0; i < Rows; i++)
        {
            if (Kind == DenseKind.ZeroColumn)
            {
                a[i, target] = 0;
            }
            else if (Kind == DenseKind.DuplicateColumn && source != target)
            {
                a[i, target] = a[i, source];
            }
        }

        return new DenseMatrixOperator(a);
    }
}

/// <summary>How the generator of one block of a <see cref="PatternCase"/> is chosen.</summary>
public enum BlockKind
{
    /// <summary>h ~ N(0, I).</summary>
    Random,

    /// <summary>A copy of an earlier block's generator (identical pattern: Hamming distance 0).</summary>
    Copy,

    /// <summary>The negation of an earlier block's generator (complementary pattern, up to exact zeros).</summary>
    Negation,

    /// <summary>h = 0: the all-on block under ≥, the all-off block under &gt;.</summary>
    Zero,
}

/// <summary>
/// A network operator with p blocks of d inputs over n samples whose generators are random, copies or negations of earlier
/// ones, or zero, so that Hamming ties, duplicates, complements and all-on/all-off blocks are common. Everything comes from
/// <see cref="Seed"/>; <see cref="Sources"/>[j] names the earlier block a copy or negation refers to.
/// </summary>
public sealed record PatternCase(long Seed, int Samples, int Inputs, PatternRule Rule, BlockKind[] Kinds, int[] Sources)
{
    public int Blocks => Kinds.Length;

    public int Columns => Blocks * Inputs;

    public override string ToString() =>
        $"PatternCase(seed={Seed}, n={Samples}, d={Inputs}, p={Blocks}, {Rule}, blocks [{string.Join(", ", Kinds.Select((k, j) => k is BlockKind.Copy or BlockKind.Negation ? $"{k} of {Sources[j]}" : k.ToString()))}])";

    /// <summary>p ∈ <paramref name="minBlocks"/>..<paramref name="maxBlocks"/>, d ∈ 2..<paramref name="maxInputs"/>, n ∈ <paramref name="minSamples"/>..<paramref name="maxSamples"/>; block 0 random, later ones random in half the cases.</summary>
    public static Gen<PatternCase> Gen(int minBlocks, int maxBlocks, int maxInputs = 3, int minSamples = 8, int maxSamples = 60) =>
        from p in FsCheck.Fluent.Gen.Choose(minBlocks, maxBlocks)
        from d in FsCheck.Fluent.Gen.Choose(2, maxInputs)
        from n in FsCheck.Fluent.Gen.Choose(minSamples, maxSamples)
        from rule in FsCheck.Fluent.Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
        from seed in SparseIhtVerify.Properties.Generators.InstanceGenerators.Seed
        from kinds in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Frequency(
            (6, FsCheck.Fluent.Gen.Constant(BlockKind.Random)),
            (2, FsCheck.Fluent.Gen.Constant(BlockKind.Copy)),
            (2, FsCheck.Fluent.Gen.Constant(BlockKind.Negation)),
            (1, FsCheck.Fluent.Gen.Constant(BlockKind.Zero))), p)
        from picks in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Choose(0, 1 << 20), p)
        let fixedKinds = kinds.Select((k, j) => j == 0 && k is BlockKind.Copy or BlockKind.Negation ? BlockKind.Random : k).ToArray()
        select new PatternCase(seed, n, d, rule, fixedKinds, picks.Select((t, j) => j == 0 ? 0 : t % j).ToArray());

    /// <summary>The generators, block by block (p·d values).</summary>
    public double[] Generators()
    {
        int d = Inputs;
        var random = new SeededRandom(Seed, RandomStream.Dictionary);
        var h = new double[Blocks * d];
        for (int j = 0; j < Blocks; j++)
        {
            for (int l = 0; l < d; l++)
            {
                h[j * d + l] = Kinds[j] switch
                {
                    BlockKind.Random => random.NextGaussian(),
                    BlockKind.Copy => h[Sources[j] * d + l],
                    BlockKind.Negation => -h[Sources[j] * d + l],
                    _ => 0,
                };
            }
        }

        return h;
    }

    /// <summary>The data X (n×d, N(0, 1)).</summary>
    public DataMatrix Data()
    {
        var x = new double[Samples * Inputs];
        new SeededRandom(Seed, RandomStream.Data).FillGaussian(x);
        return new DataMatrix(Samples, Inputs, x);
    }

    /// <summary>The operator under test.</summary>
    public ActivationPatternOperator Build()
    {
        DataMatrix data = Data();
        return new ActivationPatternOperator(data, ActivationPatterns.Compute(data, Generators(), Rule));
    }
}

/// <summary>Small helpers shared by the constant-search properties.</summary>
internal static class SearchFixtures
{
    /// <summary>G_S: the rows and columns of <paramref name="gram"/> in <paramref name="support"/>, in that order.</summary>
    public static Matrix<double> Sub(Matrix<double> gram, int[] support) =>
        Matrix<double>.Build.Dense(support.Length, support.Length, (a, b) => gram[support[a], support[b]]);

    /// <summary>Pairwise Hamming distances of the patterns (p×p), counted sample by sample from the bits.</summary>
    public static int[] Hamming(IGatedBlocks op)
    {
        int p = op.Blocks, n = op.Rows;
        var h = new int[p * p];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                int count = 0;
                for (int i = 0; i < n; i++)
                {
                    count += op.Patterns.IsOn(a, i) != op.Patterns.IsOn(b, i) ? 1 : 0;
                }

                h[a * p + b] = count;
            }
        }

        return h;
    }

    /// <summary>A sorted random subset of [0, <paramref name="columns"/>) of <paramref name="size"/> elements.</summary>
    public static int[] Subset(SeededRandom random, int columns, int size) => random.SampleWithoutReplacement(columns, size).Order().ToArray();

    /// <summary>"[a, b, c]".</summary>
    public static string Show(IEnumerable<int> support) => $"[{string.Join(", ", support)}]";

    /// <summary>A value with all its digits.</summary>
    public static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Strictly increasing.</summary>
    public static bool Increasing(IReadOnlyList<int> support)
    {
        for (int t = 1; t < support.Count; t++)
        {
            if (support[t] <= support[t - 1])
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// The witness search restated plainly for the properties (theory.md §3, <see cref="SupportSearch"/>'s documentation): a
/// support's cost is |S|³ work units from the full Gram, counted before it is evaluated; the extremes are those of G_S
/// (<see cref="SymmetricEigenvalues.Extremes"/>, the eigensolver the search uses, so that decisions agree bit for bit);
/// a witness is replaced only by a strictly better value, so the first support attaining an extreme is kept; the budget
/// is out when the work reaches its bound or the supports examined reach theirs. <see cref="Improve"/> is greedy growth
/// to the level (each step adds the pool column of best score, the first on ties) followed by first-improvement swaps
/// (position by position, pool columns in order, a swap taken when it beats the best score by more than 1e−15). The
/// pool is every column up to <see cref="GreedyPool"/> columns, else that many drawn from the search's stream.
/// Every budget check is logged in <see cref="Checkpoints"/> so that tests can put a budget exactly on one.
/// </summary>
internal sealed class SearchModel(Matrix<double> full, int level, int[] required, int supports, double work, long seed)
{
    /// <summary>Columns the greedy search draws its pool from at most (SupportSearch's private constant).</summary>
    public const int GreedyPool = 300;

    private readonly SeededRandom _random = new(seed, RandomStream.Estimation);

    public int Examined { get; private set; }

    public double WorkSpent { get; private set; }

    public double AlphaValue { get; private set; } = double.PositiveInfinity;

    public int[] AlphaSupport { get; private set; } = [];

    public double BetaValue { get; private set; } = double.NegativeInfinity;

    public int[] BetaSupport { get; private set; } = [];

    /// <summary>(supports examined, work spent, whether in the growth phase) at every budget check, in order.</summary>
    public List<(int Examined, double Work, bool Growth)> Checkpoints { get; } = [];

    /// <summary>What happened, for classification: "growth stopped by a budget", "swap taken", "second swap pass", "local optimum".</summary>
    public HashSet<string> Events { get; } = [];

    public bool OutOfBudget => WorkSpent >= work;

    public (double Min, double Max) Evaluate(int[] support)
    {
        WorkSpent += (double)support.Length * support.Length * support.Length;
        return SymmetricEigenvalues.Extremes(SearchFixtures.Sub(full, support));
    }

    public void Record(int[] support, double min, double max)
    {
        Examined++;
        if (min < AlphaValue)
        {
            (AlphaValue, AlphaSupport) = (min, support);
        }

        if (max > BetaValue)
        {
            (BetaValue, BetaSupport) = (max, support);
        }
    }

    public void Consider(int[] support)
    {
        (double min, double max) = Evaluate(support);
        Record(support, min, max);
    }

    public void Charge(double amount) => WorkSpent += amount;

    /// <summary>Logs a budget check and tells whether the budget lasts.</summary>
    public bool BudgetLasts(bool checkSupports = true, bool growth = false)
    {
        Checkpoints.Add((Examined, WorkSpent, growth));
        return !OutOfBudget && (!checkSupports || Examined < supports);
    }

    public void Improve(bool minimise)
    {
        int[] current = minimise ? AlphaSupport : BetaSupport;
        if (current.Length == 0)
        {
            return;
        }

        int columns = full.RowCount;
        int[] pool = columns > GreedyPool ? _random.SampleWithoutReplacement(columns, GreedyPool) : Enumerable.Range(0, columns).ToArray();
        double Score(int[] s)
        {
            (double min, double max) = Evaluate(s);
            return minimise ? min : -max;
        }

        double best = Score(current);
        while (current.Length < level)
        {
            if (!BudgetLasts(growth: true))
            {
                Events.Add("growth stopped by a budget");
                break;
            }

            int[]? chosen = null;
            double chosenScore = double.PositiveInfinity;
            foreach (int c in pool.Where(c => !current.Contains(c)).ToArray())
            {
                int[] grown = [.. current.Append(c).Order()];
                double score = Score(grown);
                Examined++;
                if (score < chosenScore)
                {
                    (chosen, chosenScore) = (grown, score);
                }
            }

            if (chosen is null)
            {
                break;
            }

            (current, best) = (chosen, chosenScore);
        }

        Consider(current);
        bool improved = true, stopped = false;
        int passes = 0;
        while (improved && !stopped)
        {
            if (!BudgetLasts())
            {
                stopped = true;
                break;
            }

            improved = false;
            passes++;
            for (int t = 0; t < current.Length; t++)
            {
                if (!BudgetLasts(checkSupports: false))
                {
                    stopped = true;
                    break;
                }

                if (required.Contains(current[t]))
                {
                    continue;
                }

                foreach (int c in pool.Where(c => !current.Contains(c)).ToArray())
                {
                    int[] swapped = [.. current.Select((v, i) => i == t ? c : v).Order()];
                    double score = Score(swapped);
                    Examined++;
                    if (score < best - 1e-15 * Math.Abs(best))
                    {
                        (current, best, improved) = (swapped, score, true);
                        Events.Add("swap taken");
                        break;
                    }
                }
            }
        }

        Events.Add(stopped ? "swaps stopped by a budget" : "local optimum");

        if (passes > 1)
        {
            Events.Add("second swap pass");
        }

        Consider(current);
    }
}
