namespace SparseIhtVerify.Solver.Randomness;

/// <summary>
/// A deterministic pseudo-random generator (xoshiro256**, seeded through SplitMix64) whose output is the
/// same on every machine, runtime and thread count. All randomness in SparseIhtVerify flows from one of these,
/// created from an explicit seed and a named <see cref="RandomStream"/>, so that changing how one quantity is
/// drawn never shifts the digits of another.
/// </summary>
/// <remarks>
/// Gaussian variates use Marsaglia's polar method, which needs only <see cref="Math.Log(double)"/> and
/// <see cref="Math.Sqrt"/>; square roots are correctly rounded by IEEE 754, and the logarithm of .NET on
/// x64/arm64 Linux is the C library's, correctly rounded in practice.
/// </remarks>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>Creates the generator for <paramref name="seed"/> and <paramref name="stream"/>.</summary>
    public SeededRandom(long seed, RandomStream stream = RandomStream.Default)
        : this(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ ((ulong)stream << 32) ^ (ulong)stream))
    {
    }

    private SeededRandom(ulong mixedSeed)
    {
        ulong x = mixedSeed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>A child generator for sub-stream <paramref name="index"/> (e.g. one per hidden unit or per cell).</summary>
    public SeededRandom Split(long index)
    {
        ulong x = NextUInt64() ^ unchecked((ulong)index * 0xD1B54A32D192ED03UL);
        return new SeededRandom(SplitMix64(ref x));
    }

    /// <summary>The next 64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitRotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire's method).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong range = (ulong)maxExclusive;
        while (true)
        {
            ulong product = Math.BigMul(NextUInt64(), range, out ulong low);
            if (low >= (0UL - range) % range)
            {
                return (int)product;
            }
        }
    }

    /// <summary>A uniform random sign, +1 or −1.</summary>
    public double NextSign() => (NextUInt64() >> 63) == 0 ? 1.0 : -1.0;

    /// <summary>A standard normal variate N(0, 1) (Marsaglia's polar method).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }

        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);

        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    /// <summary>Fills <paramref name="destination"/> with independent N(0, 1) variates.</summary>
    public void FillGaussian(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextGaussian();
        }
    }

    /// <summary>
    /// <paramref name="count"/> distinct integers drawn uniformly without replacement from [0, <paramref name="populationSize"/>),
    /// in the order drawn (Floyd's algorithm on a hash set, O(count) memory).
    /// </summary>
    public int[] SampleWithoutReplacement(int populationSize, int count)
    {
        if (count < 0 || count > populationSize)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"count must lie in [0, {populationSize}].");
        }

        var chosen = new HashSet<int>(count);
        var order = new int[count];
        int filled = 0;
        for (int j = populationSize - count; j < populationSize; j++)
        {
            int t = NextInt(j + 1);
            int pick = chosen.Add(t) ? t : j;
            if (pick == j)
            {
                chosen.Add(j);
            }

            order[filled++] = pick;
        }

        return order;
    }

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        ulong z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong BitRotateLeft(ulong value, int offset) => (value << offset) | (value >> (64 - offset));
}
