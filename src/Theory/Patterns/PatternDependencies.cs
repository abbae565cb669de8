using System.Numerics;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Theory.Patterns;

/// <summary>
/// The exact linear dependencies Σ_{j∈B} c_j D_j = 0 among activation patterns on at most four blocks (theory.md §3), of
/// the forms of <see cref="PatternDependencyKind"/>: D_a = 0, D_a = D_b, D_a + D_b = D_c, D_a + D_b = D_c + D_d. Each gives
/// α_|B| = 0. Every reported dependency is minimal (no proper subset of its blocks carries one) and verified bit for bit.
/// <para>
/// Blocks with identical patterns form a class whose representative is its smallest block. The duplicate pairs are
/// listed for every class; the three- and four-block dependencies are listed on representatives only (a block may be
/// replaced by any duplicate of it, which gives another, unlisted, dependency). <see cref="Representative"/> maps every
/// block to its representative.
/// </para>
/// <para>
/// Method: D_a + D_b = D_c + D_d sample by sample iff (D_a ∧ D_b, D_a ∨ D_b) = (D_c ∧ D_d, D_c ∨ D_d), and a single block c
/// is the pair (c, ∅). Both are determined by the sum vector D_a + D_b ∈ {0, 1, 2}ⁿ, which is hashed linearly:
/// H(D) = Σ_{i∈D} r_i mod 2⁶⁴ with fixed pseudo-random r_i, so H(D_a + D_b) = H(D_a) + H(D_b) costs O(1) per pair.
/// Items (singles and pairs of representatives) are sorted by hash; items of equal hash are compared word by word
/// (AND and OR), so a hash collision costs time, never a wrong answer. Cost: p·n/64 words to hash, p²/2 items
/// (16 bytes each) to sort, ⌈n/64⌉ words per verified comparison.
/// </para>
/// </summary>
public sealed record PatternDependencies(
    int Samples,
    int Blocks,
    int MaxPerKind,
    IReadOnlyList<PatternDependency> Dependencies,
    IReadOnlyList<long> Totals,
    IReadOnlyList<int> Representative)
{
    /// <summary>Default most dependencies listed per kind.</summary>
    public const int DefaultMaxPerKind = 200;

    /// <summary>The number of dependencies of <paramref name="kind"/> found (listed or not).</summary>
    public long Total(PatternDependencyKind kind) => Totals[(int)kind];

    /// <summary>True when some kind had more than <see cref="MaxPerKind"/> dependencies: only the first, in block order, are listed.</summary>
    public bool Truncated => Totals.Any(t => t > MaxPerKind);

    /// <summary>
    /// Finds the dependencies; at most <paramref name="maxPerKind"/> are listed per kind, those whose block lists are
    /// lexicographically smallest. <see cref="Dependencies"/> is ordered by kind (as in <see cref="PatternDependencyKind"/>),
    /// then by block list.
    /// </summary>
    public static PatternDependencies Find(ActivationPatterns patterns, int maxPerKind = DefaultMaxPerKind) =>
        Find(patterns, maxPerKind, i => SplitMix64((ulong)i));

    /// <summary>
    /// <see cref="Find(ActivationPatterns, int)"/> with the hash weights r_i = <paramref name="sampleWeight"/>(i); the result
    /// does not depend on them (tests pass degenerate weights to force collisions through the verification).
    /// </summary>
    internal static PatternDependencies Find(ActivationPatterns patterns, int maxPerKind, Func<int, ulong> sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPerKind);
        int p = patterns.Blocks;
        var found = new Found[4];
        for (int k = 0; k < found.Length; k++)
        {
            found[k] = new Found(maxPerKind);
        }

        ulong[] hashes = Hashes(patterns, sampleWeight);
        var allOff = new bool[p];
        for (int j = 0; j < p; j++)
        {
            allOff[j] = patterns.ActiveCount(j) == 0;
            if (allOff[j])
            {
                found[(int)PatternDependencyKind.AllOff].Add(new Tuple4(j, -1, -1, -1), 0);
            }
        }

        int[] representative = Classes(patterns, hashes, allOff, found[(int)PatternDependencyKind.Duplicate]);
        int[] reps = Enumerable.Range(0, p).Where(j => !allOff[j] && representative[j] == j).ToArray();
        SumMatches(patterns, hashes, reps, found[(int)PatternDependencyKind.PairSumEqualsSingle], found[(int)PatternDependencyKind.TwoPairsEqualSums]);

        var dependencies = new List<PatternDependency>();
        for (int k = 0; k < found.Length; k++)
        {
            foreach (var (tuple, negative) in found[k].Sorted())
            {
                dependencies.Add(Build((PatternDependencyKind)k, tuple, negative));
            }
        }

        return new PatternDependencies(patterns.Samples, p, maxPerKind, dependencies, found.Select(f => f.Total).ToArray(), representative);
    }

    /// <summary>H(D_j) = Σ_{i∈D_j} r_i mod 2⁶⁴ for every block, r_i = <paramref name="sampleWeight"/>(i).</summary>
    private static ulong[] Hashes(ActivationPatterns patterns, Func<int, ulong> sampleWeight)
    {
        int n = patterns.Samples, p = patterns.Blocks;
        var weights = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            weights[i] = sampleWeight(i);
        }

        var hashes = new ulong[p];
        for (int j = 0; j < p; j++)
        {
            ReadOnlySpan<ulong> mask = patterns.Mask(j);
            ulong h = 0;
            for (int w = 0; w < mask.Length; w++)
            {
                ulong word = mask[w];
                while (word != 0)
                {
                    h = unchecked(h + weights[(w << 6) + BitOperations.TrailingZeroCount(word)]);
                    word &= word - 1;
                }
            }

            hashes[j] = h;
        }

        return hashes;
    }

    /// <summary>
    /// The representative (smallest block with the same pattern) of every block; records every duplicate pair of blocks
    /// that are not all-off. All-off blocks are their own representatives (their pairs are not minimal dependencies).
    /// </summary>
    private static int[] Classes(ActivationPatterns patterns, ulong[] hashes, bool[] allOff, Found duplicates)
    {
        int p = patterns.Blocks;
        int[] representative = Enumerable.Range(0, p).ToArray();
        int[] order = Enumerable.Range(0, p).Where(j => !allOff[j]).ToArray();
        Array.Sort(order, (x, y) => hashes[x] != hashes[y] ? hashes[x].CompareTo(hashes[y]) : x.CompareTo(y));
        var members = new List<int>();
        for (int start = 0; start < order.Length;)
        {
            int end = start + 1;
            while (end < order.Length && hashes[order[end]] == hashes[order[start]])
            {
                end++;
            }

            // Blocks in increasing order within a run: the first block of each verified class is its representative.
            var heads = new List<int>();
            for (int t = start; t < end; t++)
            {
                int block = order[t];
                int head = heads.FindIndex(h => patterns.Mask(h).SequenceEqual(patterns.Mask(block)));
                if (head < 0)
                {
                    heads.Add(block);
                }
                else
                {
                    representative[block] = heads[head];
                }
            }

            foreach (int head in heads)
            {
                members.Clear();
                for (int t = start; t < end; t++)
                {
                    if (representative[order[t]] == head)
                    {
                        members.Add(order[t]);
                    }
                }

                for (int s = 0; s < members.Count; s++)
                {
                    for (int t = s + 1; t < members.Count; t++)
                    {
                        duplicates.Add(new Tuple4(members[s], members[t], -1, -1), 0b10);
                    }
                }
            }

            start = end;
        }

        return representative;
    }

    /// <summary>Matches pair sums D_a + D_b of representatives against each other and against single patterns D_c.</summary>
    private static void SumMatches(ActivationPatterns patterns, ulong[] hashes, int[] reps, Found pairSingle, Found twoPairs)
    {
        int r = reps.Length;
        var items = new Item[r + (long)r * (r - 1) / 2];
        long count = 0;
        for (int s = 0; s < r; s++)
        {
            items[count++] = new Item(hashes[reps[s]], reps[s], -1);
            for (int t = s + 1; t < r; t++)
            {
                items[count++] = new Item(unchecked(hashes[reps[s]] + hashes[reps[t]]), reps[s], reps[t]);
            }
        }

        Array.Sort(items);
        var heads = new List<Item>();
        var classes = new List<List<Item>>();
        for (long start = 0; start < items.LongLength;)
        {
            long end = start + 1;
            while (end < items.LongLength && items[end].Key == items[start].Key)
            {
                end++;
            }

            if (end - start >= 2)
            {
                heads.Clear();
                classes.Clear();
                for (long t = start; t < end; t++)
                {
                    Item item = items[t];
                    int head = heads.FindIndex(h => SameSum(patterns, h, item));
                    if (head < 0)
                    {
                        heads.Add(item);
                        classes.Add([item]);
                    }
                    else
                    {
                        classes[head].Add(item);
                    }
                }

                foreach (List<Item> equal in classes)
                {
                    Record(equal, pairSingle, twoPairs);
                }
            }

            start = end;
        }
    }

    /// <summary>Every pair of items with verified equal sums is a dependency: pair = single, or pair = pair.</summary>
    private static void Record(List<Item> equal, Found pairSingle, Found twoPairs)
    {
        for (int s = 0; s < equal.Count; s++)
        {
            for (int t = s + 1; t < equal.Count; t++)
            {
                Item x = equal[s], y = equal[t];
                if (x.IsSingle && y.IsSingle)
                {
                    // Distinct representatives never have equal patterns.
                    throw new InvalidOperationException($"blocks {x.First} and {y.First} are both representatives of one pattern");
                }

                if (x.IsSingle || y.IsSingle)
                {
                    Item single = x.IsSingle ? x : y, pair = x.IsSingle ? y : x;
                    pairSingle.AddSigned([(pair.First, false), (pair.Second, false), (single.First, true)]);
                }
                else if (x.First != y.First && x.First != y.Second && x.Second != y.First && x.Second != y.Second)
                {
                    twoPairs.AddSigned([(x.First, false), (x.Second, false), (y.First, true), (y.Second, true)]);
                }
            }
        }
    }

    /// <summary>D_a + D_b = D_c + D_d (a missing second block is ∅), by AND and OR word by word.</summary>
    private static bool SameSum(ActivationPatterns patterns, Item x, Item y)
    {
        ReadOnlySpan<ulong> a = patterns.Mask(x.First), c = patterns.Mask(y.First);
        ReadOnlySpan<ulong> b = x.IsSingle ? default : patterns.Mask(x.Second), d = y.IsSingle ? default : patterns.Mask(y.Second);
        for (int w = 0; w < a.Length; w++)
        {
            ulong bw = x.IsSingle ? 0 : b[w], dw = y.IsSingle ? 0 : d[w];
            if ((a[w] & bw) != (c[w] & dw) || (a[w] | bw) != (c[w] | dw))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The canonical record: coefficients +1 (or −1 where <paramref name="negative"/> has the bit), first one positive.</summary>
    private static PatternDependency Build(PatternDependencyKind kind, Tuple4 tuple, int negative)
    {
        int[] blocks = tuple.Blocks();
        int[] coefficients = blocks.Select((_, t) => ((negative >> t) & 1) == 1 ? -1 : 1).ToArray();
        if (coefficients[0] < 0)
        {
            for (int t = 0; t < coefficients.Length; t++)
            {
                coefficients[t] = -coefficients[t];
            }
        }

        return new PatternDependency(kind, blocks, coefficients);
    }

    private static ulong SplitMix64(ulong x)
    {
        ulong z = unchecked(x + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>A single block (Second = −1) or a pair of representatives First &lt; Second, with the hash of its sum.</summary>
    private readonly record struct Item(ulong Key, int First, int Second) : IComparable<Item>
    {
        public bool IsSingle => Second < 0;

        public int CompareTo(Item other) =>
            Key != other.Key ? Key.CompareTo(other.Key) : First != other.First ? First.CompareTo(other.First) : Second.CompareTo(other.Second);
    }

    /// <summary>Up to four increasing blocks, unused slots −1 at the end; ordered lexicographically (shorter first on a common prefix).</summary>
    private readonly record struct Tuple4(int A, int B, int C, int D) : IComparable<Tuple4>
    {
        public int[] Blocks() => new[] { A, B, C, D }.Where(j => j >= 0).ToArray();

        public int CompareTo(Tuple4 other) =>
            A != other.A ? A.CompareTo(other.A) : B != other.B ? B.CompareTo(other.B) : C != other.C ? C.CompareTo(other.C) : D.CompareTo(other.D);
    }

    /// <summary>
    /// The dependencies of one kind: a count of all, and the <c>limit</c> lexicographically smallest block tuples
    /// (a max-heap, so the result does not depend on the order in which they are found), each with the bit set of its
    /// negative coefficients (bit t for the t-th smallest block).
    /// </summary>
    private sealed class Found(int limit)
    {
        private readonly PriorityQueue<(Tuple4 Tuple, int Negative), Tuple4> _kept =
            new(Comparer<Tuple4>.Create((x, y) => y.CompareTo(x)));

        public long Total { get; private set; }

        public void Add(Tuple4 tuple, int negative)
        {
            Total++;
            if (limit == 0)
            {
                return;
            }

            if (_kept.Count < limit)
            {
                _kept.Enqueue((tuple, negative), tuple);
            }
            else if (tuple.CompareTo(_kept.Peek().Tuple) < 0)
            {
                _kept.EnqueueDequeue((tuple, negative), tuple);
            }
        }

        /// <summary>Adds the dependency Σ ±D_j = 0 given as (block, negative) terms in any order.</summary>
        public void AddSigned(ReadOnlySpan<(int Block, bool Negative)> terms)
        {
            Span<(int Block, bool Negative)> sorted = stackalloc (int, bool)[4];
            terms.CopyTo(sorted);
            sorted = sorted[..terms.Length];
            sorted.Sort((x, y) => x.Block.CompareTo(y.Block));
            int negative = 0;
            Span<int> blocks = [-1, -1, -1, -1];
            for (int t = 0; t < sorted.Length; t++)
            {
                blocks[t] = sorted[t].Block;
                negative |= sorted[t].Negative ? 1 << t : 0;
            }

            Add(new Tuple4(blocks[0], blocks[1], blocks[2], blocks[3]), negative);
        }

        public IEnumerable<(Tuple4 Tuple, int Negative)> Sorted() =>
            _kept.UnorderedItems.Select(e => e.Element).OrderBy(e => e.Tuple);
    }
}
