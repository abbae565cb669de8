using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Properties.Generators;

/// <summary>
/// A dense vector z, a projection size k, and a seed that fixes the order in which entries are offered to a
/// streaming buffer. Values are often drawn from a small set so that magnitudes tie.
/// </summary>
public sealed record ThresholdCase(double[] Values, int K, long Seed)
{
    /// <summary>The entries' indices in the (seeded) random order they are offered.</summary>
    public int[] OfferOrder()
    {
        int[] order = Enumerable.Range(0, Values.Length).ToArray();
        var random = new SeededRandom(Seed, RandomStream.Estimation);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>Number of nonzero entries.</summary>
    public int NonzeroCount => Values.Count(v => v != 0);

    /// <summary>True when two nonzero entries share a magnitude.</summary>
    public bool HasTies => Values.Where(v => v != 0).Select(Math.Abs).GroupBy(v => v).Any(g => g.Count() > 1);

    /// <summary>All fields, values in round-trip form.</summary>
    public override string ToString() =>
        $"ThresholdCase(k={K}, seed={Seed}, z=[{string.Join(", ", Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}])";
}

/// <summary>Generators and shrinkers of <see cref="ThresholdCase"/>.</summary>
public static class ThresholdGenerators
{
    /// <summary>Values from {−2, −1, −0, 0, 1, 2} (ties everywhere), sixteenths in [−64, 64], or a mix.</summary>
    public static Gen<double> Value(int flavour) => flavour switch
    {
        0 => Gen.Elements(-2.0, -1.0, -0.0, 0.0, 1.0, 2.0),
        1 => Gen.Choose(-1024, 1024).Select(v => v / 16.0),
        _ => Gen.Frequency((2, Gen.Constant(0.0)), (3, Gen.Elements(-1.5, 1.5, 3.0)), (3, Gen.Choose(-1024, 1024).Select(v => v / 16.0))),
    };

    /// <summary>Vectors of length 0 … ~100 (FsCheck's size) and k ∈ 0 … length + 2.</summary>
    public static Gen<ThresholdCase> CaseGen =>
        from flavour in Gen.Choose(0, 2)
        from values in Gen.ArrayOf(Value(flavour))
        from k in Gen.Choose(0, values.Length + 2)
        from seed in InstanceGenerators.Seed
        select new ThresholdCase(values, k, seed);

    /// <summary>Shrinks k, drops halves or single entries, and zeroes entries (the seed never changes).</summary>
    public static IEnumerable<ThresholdCase> Shrink(ThresholdCase c)
    {
        foreach (int k in InstanceGenerators.SmallerInts(c.K, 0))
        {
            yield return c with { K = k };
        }

        int length = c.Values.Length;
        if (length > 1)
        {
            yield return c with { Values = c.Values[..(length / 2)] };
            yield return c with { Values = c.Values[(length / 2)..] };
        }

        for (int i = 0; i < length; i++)
        {
            yield return c with { Values = [.. c.Values[..i], .. c.Values[(i + 1)..]] };
        }

        for (int i = 0; i < length; i++)
        {
            if (c.Values[i] != 0)
            {
                double[] zeroed = (double[])c.Values.Clone();
                zeroed[i] = 0;
                yield return c with { Values = zeroed };
            }
        }
    }

    /// <summary>The arbitrary of <see cref="CaseGen"/> with <see cref="Shrink"/>.</summary>
    public static Arbitrary<ThresholdCase> Cases => Arb.From(CaseGen, Shrink);
}
