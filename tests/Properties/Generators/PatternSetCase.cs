using FsCheck;
using FsCheck.Fluent;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Properties.Generators;

/// <summary>How one generator of a <see cref="PatternSetCase"/> is made.</summary>
public enum GeneratorMake
{
    /// <summary>h ~ N(0, I_d).</summary>
    Gaussian,

    /// <summary>h = 0: all-on under ≥, all-off under &gt;.</summary>
    Zero,

    /// <summary>h = −h_r for an earlier block r: the complementary pattern (no exact zeros with Gaussian data).</summary>
    Negation,

    /// <summary>h = h_r for an earlier block r: a duplicate pattern.</summary>
    Copy,
}

/// <summary>
/// A small pattern set with structure: block j's generator is made by Makes[j] (from block Sources[j] &lt; j for
/// Negation and Copy), on n × d Gaussian data; small d and n also give accidental coincidences.
/// </summary>
public sealed record PatternSetCase(int Samples, int Inputs, long Seed, PatternRule Rule, GeneratorMake[] Makes, int[] Sources)
{
    public override string ToString() =>
        $"PatternSetCase(n={Samples}, d={Inputs}, seed={Seed}, rule={Rule}, makes=[{string.Join(", ", Makes.Select((m, j) => m is GeneratorMake.Negation or GeneratorMake.Copy ? $"{m}({Sources[j]})" : m.ToString()))}])";

    /// <summary>n ∈ 1..200 (words 1..4, partial last words; word boundaries 63, 64, 65, 128, 192 weighted up), d ∈ 1..4, p ∈ 1..10, either rule; Gaussian 5 : zero 1 : negation 2 : copy 1.</summary>
    public static Gen<PatternSetCase> CaseGen(int maxBlocks = 10) =>
        from n in Gen.Frequency((6, Gen.Choose(1, 200)), (1, Gen.Elements(63, 64, 65, 128, 192)))
        from d in Gen.Choose(1, 4)
        from p in Gen.Choose(1, maxBlocks)
        from seed in InstanceGenerators.Seed
        from rule in Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
        from makes in Gen.ArrayOf(Gen.Frequency(
            (5, Gen.Constant(GeneratorMake.Gaussian)), (1, Gen.Constant(GeneratorMake.Zero)),
            (2, Gen.Constant(GeneratorMake.Negation)), (1, Gen.Constant(GeneratorMake.Copy))), p)
        from sources in Gen.ArrayOf(Gen.Choose(0, int.MaxValue), p)
        select Normalised(new PatternSetCase(n, d, seed, rule, makes, sources));

    /// <summary>Shrinks samples, inputs and the number of blocks.</summary>
    public static IEnumerable<PatternSetCase> Shrink(PatternSetCase c)
    {
        if (c.Makes.Length > 1)
        {
            yield return Normalised(c with { Makes = c.Makes[..^1], Sources = c.Sources[..^1] });
        }

        if (c.Samples > 1)
        {
            yield return c with { Samples = c.Samples / 2 };
        }

        if (c.Inputs > 1)
        {
            yield return c with { Inputs = c.Inputs - 1 };
        }
    }

    public static Arbitrary<PatternSetCase> Cases(int maxBlocks = 10) => Arb.From(CaseGen(maxBlocks), Shrink);

    /// <summary>Block 0 cannot refer to an earlier block; sources are reduced into 0..j−1.</summary>
    private static PatternSetCase Normalised(PatternSetCase c)
    {
        var makes = (GeneratorMake[])c.Makes.Clone();
        var sources = (int[])c.Sources.Clone();
        for (int j = 0; j < makes.Length; j++)
        {
            if (j == 0 && makes[j] is GeneratorMake.Negation or GeneratorMake.Copy)
            {
                makes[j] = GeneratorMake.Gaussian;
            }

            sources[j] = j == 0 ? 0 : Math.Abs(sources[j] % j);
        }

        return c with { Makes = makes, Sources = sources };
    }

    /// <summary>The generators (p·d values, block-major).</summary>
    public double[] Generators()
    {
        int d = Inputs, p = Makes.Length;
        var random = new SeededRandom(Seed, RandomStream.Dictionary);
        var h = new double[p * d];
        for (int j = 0; j < p; j++)
        {
            for (int l = 0; l < d; l++)
            {
                h[j * d + l] = Makes[j] switch
                {
                    GeneratorMake.Gaussian => random.NextGaussian(),
                    GeneratorMake.Zero => 0,
                    GeneratorMake.Negation => -h[Sources[j] * d + l],
                    _ => h[Sources[j] * d + l],
                };
            }
        }

        return h;
    }

    /// <summary>X (n × d, N(0,1) from the data stream of the seed) and the operator of the generators.</summary>
    public ActivationPatternOperator Build() => PatternSetCase.Operator(Samples, Inputs, Seed, Generators(), Rule);

    /// <summary>The operator of <paramref name="generators"/> on n × d Gaussian data drawn from the seed's data stream.</summary>
    public static ActivationPatternOperator Operator(int samples, int inputs, long seed, double[] generators, PatternRule rule)
    {
        var values = new double[samples * inputs];
        new SeededRandom(seed, RandomStream.Data).FillGaussian(values);
        var data = new DataMatrix(samples, inputs, values);
        return new ActivationPatternOperator(data, ActivationPatterns.Compute(data, generators, rule));
    }
}
