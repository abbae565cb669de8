using FsCheck;
using FsCheck.Fluent;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Properties.Generators;

/// <summary>
/// A small random network instance: d inputs, m hidden units, s planted nonzeros, n samples, and how the
/// dictionary of generators is chosen. Invariants: 1 ≤ s ≤ d·m; ExtraUnits is 0 for a planted dictionary,
/// ≥ 1 for planted+random, ≥ 0 for random.
/// </summary>
public sealed record SmallNetworkCase(
    int Inputs,
    int Width,
    int Nonzeros,
    int Samples,
    long Seed,
    WeightDistribution Weights,
    PatternRule Rule,
    DictionaryKind Dictionary,
    int ExtraUnits)
{
    /// <summary>Number of dictionary blocks p.</summary>
    public int Blocks => Dictionary == DictionaryKind.Planted ? Width : Width + ExtraUnits;

    /// <summary>Number of unknowns N = p·d.</summary>
    public int Columns => Blocks * Inputs;

    /// <summary>The planted network spec of this case.</summary>
    public PlantedNetworkSpec Spec(OutputWeights outputs = OutputWeights.Positive) =>
        new(Inputs, Width, Nonzeros, Samples, Seed, Weights, outputs);

    /// <summary>Every field, so that a counterexample can be rebuilt by hand.</summary>
    public override string ToString() =>
        $"SmallNetworkCase(d={Inputs}, m={Width}, s={Nonzeros}, n={Samples}, seed={Seed}, weights={Weights}, rule={Rule}, dictionary={Dictionary}, extra={ExtraUnits})";

    /// <summary>Builds the network, its dictionary, the operator under test and the dense oracle.</summary>
    public SmallNetworkInstance Build(OutputWeights outputs = OutputWeights.Positive)
    {
        PlantedNetwork network = PlantedNetwork.Create(Spec(outputs));
        GeneratorDictionary dictionary = GeneratorDictionary.Create(Dictionary, network, ExtraUnits, Seed);
        var sensing = ActivationPatternOperator.FromDictionary(network.Data, dictionary, Rule);
        DenseMatrixOperator oracle = DenseMatrixOperator.FromPatternDefinition(network.Data, dictionary.Generators, Rule);
        return new SmallNetworkInstance(this, network, dictionary, sensing, oracle);
    }
}

/// <summary>A built <see cref="SmallNetworkCase"/>: the operator under test and its dense oracle.</summary>
public sealed record SmallNetworkInstance(
    SmallNetworkCase Case,
    PlantedNetwork Network,
    GeneratorDictionary Dictionary,
    ActivationPatternOperator Operator,
    DenseMatrixOperator Oracle)
{
    /// <summary>
    /// The smallest nonzero |x_iᵀh_j| over all samples and generators, computed by the test with a plain
    /// sequential sum (+∞ when there is none). Below ~1e−12 the operator (vectorised dot) and the oracle
    /// (sequential sum) may round to opposite sides of 0 and legitimately disagree on a pattern bit.
    /// Exact zeros (an all-zero generator) are computed exactly by both and are not ties.
    /// </summary>
    public double SmallestNonzeroPreActivation()
    {
        DataMatrix x = Network.Data;
        int d = x.Columns;
        double smallest = double.PositiveInfinity;
        for (int j = 0; j < Dictionary.Blocks; j++)
        {
            ReadOnlySpan<double> h = Dictionary.Generator(j);
            for (int i = 0; i < x.Rows; i++)
            {
                double pre = 0;
                for (int l = 0; l < d; l++)
                {
                    pre += x[i, l] * h[l];
                }

                if (pre != 0)
                {
                    smallest = Math.Min(smallest, Math.Abs(pre));
                }
            }
        }

        return smallest;
    }

    /// <summary>True when no pre-activation is a near tie (see <see cref="SmallestNonzeroPreActivation"/>).</summary>
    public bool FreeOfNearTies => SmallestNonzeroPreActivation() >= NearTie;

    /// <summary>The near-tie threshold on |xᵀh|.</summary>
    public const double NearTie = 1e-12;
}

/// <summary>FsCheck generators and shrinkers for the property tests.</summary>
public static class InstanceGenerators
{
    /// <summary>Seeds for <see cref="SeededRandom"/>: nonnegative, printed in every label.</summary>
    public static Gen<long> Seed => Gen.Choose(0, int.MaxValue).Select(v => (long)v);

    /// <summary>
    /// d ∈ 1..6, m ∈ 1..4, s ∈ 1..d·m, n ∈ <paramref name="minSamples"/>..<paramref name="maxSamples"/> (default 1..40,
    /// one 64-bit mask word per block), any weights, rule and dictionary unless fixed.
    /// </summary>
    public static Gen<SmallNetworkCase> SmallNetworkCaseGen(DictionaryKind? dictionary = null, PatternRule? rule = null, int minSamples = 1, int maxSamples = 40) =>
        from d in Gen.Choose(1, 6)
        from m in Gen.Choose(1, 4)
        from s in Gen.Choose(1, d * m)
        from n in Gen.Choose(minSamples, maxSamples)
        from seed in Seed
        from weights in Gen.Elements(WeightDistribution.Gaussian, WeightDistribution.Signs, WeightDistribution.Ones)
        from r in rule is PatternRule fixedRule ? Gen.Constant(fixedRule) : Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
        from kind in dictionary is DictionaryKind fixedKind ? Gen.Constant(fixedKind) : Gen.Elements(DictionaryKind.Planted, DictionaryKind.Random, DictionaryKind.PlantedPlusRandom)
        from extra in kind switch
        {
            DictionaryKind.Planted => Gen.Constant(0),
            DictionaryKind.PlantedPlusRandom => Gen.Choose(1, 3),
            _ => Gen.Choose(0, 3),
        }
        select new SmallNetworkCase(d, m, s, n, seed, weights, r, kind, extra);

    /// <summary>
    /// Shrinks width, nonzeros, samples, inputs and extra units towards their smallest valid values, keeping
    /// 1 ≤ s ≤ d·m and the dictionary's rule on ExtraUnits. The seed, distributions and kind never change.
    /// </summary>
    public static IEnumerable<SmallNetworkCase> Shrink(SmallNetworkCase c)
    {
        foreach (int m in SmallerInts(c.Width, 1))
        {
            yield return c with { Width = m, Nonzeros = Math.Min(c.Nonzeros, c.Inputs * m) };
        }

        foreach (int s in SmallerInts(c.Nonzeros, 1))
        {
            yield return c with { Nonzeros = s };
        }

        foreach (int n in SmallerInts(c.Samples, 1))
        {
            yield return c with { Samples = n };
        }

        foreach (int d in SmallerInts(c.Inputs, 1))
        {
            yield return c with { Inputs = d, Nonzeros = Math.Min(c.Nonzeros, d * c.Width) };
        }

        int lowestExtra = c.Dictionary == DictionaryKind.PlantedPlusRandom ? 1 : 0;
        foreach (int e in SmallerInts(c.ExtraUnits, lowestExtra))
        {
            yield return c with { ExtraUnits = e };
        }
    }

    /// <summary>The arbitrary of <see cref="SmallNetworkCaseGen"/> with <see cref="Shrink"/>.</summary>
    public static Arbitrary<SmallNetworkCase> SmallNetworkCases(DictionaryKind? dictionary = null, PatternRule? rule = null, int minSamples = 1, int maxSamples = 40) =>
        Arb.From(SmallNetworkCaseGen(dictionary, rule, minSamples, maxSamples), Shrink);

    /// <summary>Candidates lowest, halfway, and value − 1 (distinct, below <paramref name="value"/>).</summary>
    public static IEnumerable<int> SmallerInts(int value, int lowest)
    {
        if (value <= lowest)
        {
            yield break;
        }

        yield return lowest;
        int half = lowest + (value - lowest) / 2;
        if (half > lowest && half < value - 1)
        {
            yield return half;
        }

        if (value - 1 > lowest)
        {
            yield return value - 1;
        }
    }

    /// <summary>
    /// A random sparse vector over [0, <paramref name="length"/>): each coordinate is in the support with
    /// probability <paramref name="density"/>, values N(0, 1).
    /// </summary>
    public static SparseVector RandomSparse(SeededRandom random, int length, double density)
    {
        var indices = new List<int>();
        var values = new List<double>();
        for (int c = 0; c < length; c++)
        {
            if (random.NextDouble() < density)
            {
                indices.Add(c);
                values.Add(random.NextGaussian());
            }
        }

        return new SparseVector(length, indices.ToArray(), values.ToArray());
    }

    /// <summary>A random sorted subset of [0, <paramref name="length"/>), each element kept with probability <paramref name="density"/>.</summary>
    public static int[] RandomSupport(SeededRandom random, int length, double density) =>
        Enumerable.Range(0, length).Where(_ => random.NextDouble() < density).ToArray();

    /// <summary>A Gaussian vector of length <paramref name="length"/> with about a fifth of its entries set to exactly 0.</summary>
    public static double[] RandomResidual(SeededRandom random, int length)
    {
        var r = new double[length];
        for (int i = 0; i < length; i++)
        {
            r[i] = random.NextDouble() < 0.2 ? 0.0 : random.NextGaussian();
        }

        return r;
    }
}
