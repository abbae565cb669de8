using FsCheck;
using FsCheck.Fluent;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Theory.Patterns;

namespace SparseIhtVerify.Properties.Generators;

/// <summary>The exact dependency planted in a <see cref="PlantedDependencyCase"/>.</summary>
public enum PlantedDependency
{
    /// <summary>h and a copy of h: D_a = D_b.</summary>
    Duplicate,

    /// <summary>h, −h and 0 under ≥: D_h + D_−h = I = D_0.</summary>
    ComplementAndAllOn,

    /// <summary>h1, −h1, h2, −h2: D_h1 + D_−h1 = I = D_h2 + D_−h2.</summary>
    TwoComplementaryPairs,

    /// <summary>0 under &gt;: D_0 = 0.</summary>
    AllOff,
}

/// <summary>
/// <see cref="RandomBlocks"/> random Gaussian generators plus the generators of one planted dependency, placed at
/// positions given by a seeded shuffle, on n × d Gaussian data.
/// </summary>
public sealed record PlantedDependencyCase(PlantedDependency Planted, int RandomBlocks, int Samples, int Inputs, long Seed, PatternRule Rule)
{
    public override string ToString() =>
        $"PlantedDependencyCase({Planted}, random blocks {RandomBlocks}, n={Samples}, d={Inputs}, seed={Seed}, rule={Rule})";

    /// <summary>The kind the finder should report for the planted dependency.</summary>
    public PatternDependencyKind ExpectedKind => Planted switch
    {
        PlantedDependency.Duplicate => PatternDependencyKind.Duplicate,
        PlantedDependency.ComplementAndAllOn => PatternDependencyKind.PairSumEqualsSingle,
        PlantedDependency.TwoComplementaryPairs => PatternDependencyKind.TwoPairsEqualSums,
        _ => PatternDependencyKind.AllOff,
    };

    /// <summary>Any planted kind, 0..12 random blocks, n ∈ 50..400, d ∈ 2..6; the rule is forced where the kind needs it.</summary>
    public static Gen<PlantedDependencyCase> CaseGen =>
        from planted in Gen.Elements(Enum.GetValues<PlantedDependency>())
        from q in Gen.Choose(0, 12)
        from n in Gen.Choose(50, 400)
        from d in Gen.Choose(2, 6)
        from seed in InstanceGenerators.Seed
        from rule in Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
        select new PlantedDependencyCase(planted, q, n, d, seed, planted switch
        {
            PlantedDependency.ComplementAndAllOn => PatternRule.GreaterOrEqual,
            PlantedDependency.AllOff => PatternRule.Greater,
            _ => rule,
        });

    /// <summary>Shrinks the number of random blocks.</summary>
    public static IEnumerable<PlantedDependencyCase> Shrink(PlantedDependencyCase c)
    {
        if (c.RandomBlocks > 0)
        {
            yield return c with { RandomBlocks = c.RandomBlocks / 2 };
            yield return c with { RandomBlocks = c.RandomBlocks - 1 };
        }
    }

    public static Arbitrary<PlantedDependencyCase> Cases => Arb.From(CaseGen, Shrink);

    /// <summary>
    /// The operator, the planted blocks (block indices after the shuffle) and the planted coefficients (c_t for
    /// block Blocks[t]: Σ c_t D_{Blocks[t]} = 0).
    /// </summary>
    public (ActivationPatternOperator Sensing, int[] Blocks, int[] Coefficients) Build()
    {
        int d = Inputs;
        var random = new SeededRandom(Seed, RandomStream.Dictionary);
        var generators = new List<double[]>();
        for (int j = 0; j < RandomBlocks; j++)
        {
            generators.Add(Gaussian(random, d));
        }

        double[] h1 = Gaussian(random, d), h2 = Gaussian(random, d), zero = new double[d];
        (double[] H, int C)[] planted = Planted switch
        {
            PlantedDependency.Duplicate => [(h1, 1), ((double[])h1.Clone(), -1)],
            PlantedDependency.ComplementAndAllOn => [(h1, 1), (Negated(h1), 1), (zero, -1)],
            PlantedDependency.TwoComplementaryPairs => [(h1, 1), (Negated(h1), 1), (h2, -1), (Negated(h2), -1)],
            _ => [(zero, 1)],
        };
        int first = generators.Count;
        generators.AddRange(planted.Select(t => t.H));

        // Fisher–Yates: generator t goes to block position[t].
        int p = generators.Count;
        int[] position = Enumerable.Range(0, p).ToArray();
        var shuffle = new SeededRandom(Seed, RandomStream.Support);
        for (int t = p - 1; t > 0; t--)
        {
            int u = shuffle.NextInt(t + 1);
            (position[t], position[u]) = (position[u], position[t]);
        }

        var values = new double[p * d];
        for (int t = 0; t < p; t++)
        {
            generators[t].CopyTo(values, position[t] * d);
        }

        int[] blocks = planted.Select((_, t) => position[first + t]).ToArray();
        int[] coefficients = planted.Select(t => t.C).ToArray();
        return (PatternSetCase.Operator(Samples, d, Seed, values, Rule), blocks, coefficients);
    }

    private static double[] Gaussian(SeededRandom random, int d)
    {
        var h = new double[d];
        random.FillGaussian(h);
        return h;
    }

    private static double[] Negated(double[] h) => h.Select(v => -v).ToArray();
}
