using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Thresholding;

namespace SparseIhtVerify.Properties;

/// <summary>
/// H_k (theory.md §2): keep the k largest magnitudes, ties to the lower index, never a zero; the streaming
/// <see cref="TopKBuffer"/> must equal the dense <see cref="HardThreshold.Apply(ReadOnlySpan{double}, int)"/>.
/// </summary>
public sealed class ThresholdingProperties
{
    private const int Tests = 500;

    // Offering the entries one at a time in a random order gives exactly H_k of the dense vector (indices and value bits).
    [Property(MaxTest = Tests)]
    public Property TopKBufferInAnyOrderEqualsDenseHardThreshold() =>
        Prop.ForAll(ThresholdGenerators.Cases, c =>
        {
            var buffer = new TopKBuffer(c.K);
            foreach (int i in c.OfferOrder())
            {
                buffer.Offer(i, c.Values[i]);
            }

            SparseVector streamed = buffer.ToSparseVector(c.Values.Length);
            SparseVector dense = HardThreshold.Apply(c.Values, c.K);
            return Same(streamed, dense).Label($"streamed {Show(streamed)} vs dense {Show(dense)}; {c}")
                .And((buffer.Count == streamed.Count && !buffer.SawNonFinite).Label($"Count={buffer.Count} SawNonFinite={buffer.SawNonFinite}; {c}"))
                .Classify(c.HasTies, "magnitude ties")
                .Classify(c.K >= c.NonzeroCount, "k ≥ nnz");
        });

    // Threshold is 0 while fewer than k entries are held, then the smallest magnitude kept (what a new entry must beat); +∞ for k = 0.
    [Property(MaxTest = Tests)]
    public Property TopKBufferThresholdIsZeroUntilFullThenTheSmallestKeptMagnitude() =>
        Prop.ForAll(ThresholdGenerators.Cases, c =>
        {
            var buffer = new TopKBuffer(c.K);
            var failures = new List<string>();
            foreach (int i in c.OfferOrder())
            {
                buffer.Offer(i, c.Values[i]);
                SparseVector held = buffer.ToSparseVector(c.Values.Length);
                double expected = c.K == 0 ? double.PositiveInfinity : held.Count < c.K ? 0 : held.Values.ToArray().Min(Math.Abs);
                if (buffer.Threshold != expected)
                {
                    failures.Add($"after offering {i}: threshold {buffer.Threshold}, expected {expected} with {held.Count} of {c.K} held");
                }
            }

            return (failures.Count == 0).Label($"{string.Join("; ", failures.Take(2))}; {c}")
                .Classify(c.K >= c.NonzeroCount, "never full");
        });

    // Clear forgets the entries and the non-finite flag: a buffer that saw NaN and was cleared reports a clean second pass.
    [Property(MaxTest = 100)]
    public Property TopKBufferClearForgetsEntriesAndTheNonFiniteFlag() =>
        Prop.ForAll(ThresholdGenerators.Cases, c =>
        {
            var buffer = new TopKBuffer(c.K);
            buffer.Offer(0, double.NaN);
            buffer.Offer(1, 1.0);
            bool flagged = buffer.SawNonFinite;
            buffer.Clear();
            bool cleared = buffer.Count == 0 && !buffer.SawNonFinite && buffer.Threshold == (c.K == 0 ? double.PositiveInfinity : 0);
            foreach (int i in c.OfferOrder())
            {
                buffer.Offer(i, c.Values[i]);
            }

            return flagged.Label("NaN was not flagged")
                .And(cleared.Label($"after Clear: Count={buffer.Count}, SawNonFinite={buffer.SawNonFinite}"))
                .And(Same(buffer.ToSparseVector(c.Values.Length), HardThreshold.Apply(c.Values, c.K)).Label($"second pass differs from H_k; {c}"));
        });

    // Offering contiguous runs (OfferRange, with its fast reject) in a random run order gives exactly H_k.
    [Property(MaxTest = Tests)]
    public Property TopKBufferOfferRangeInAnyRunOrderEqualsDenseHardThreshold() =>
        Prop.ForAll(ThresholdGenerators.Cases, c =>
        {
            // Cut points from the seeded order: the first few positions of the permutation, sorted.
            int[] order = c.OfferOrder();
            int[] cuts = [0, .. order.Take(Math.Min(order.Length, 1 + c.K % 5)).Order(), c.Values.Length];
            var runs = new List<(int First, int Length)>();
            for (int t = 0; t + 1 < cuts.Length; t++)
            {
                if (cuts[t + 1] > cuts[t])
                {
                    runs.Add((cuts[t], cuts[t + 1] - cuts[t]));
                }
            }

            runs.Reverse(); // Later runs first, so that ties with lower indices arrive after higher ones.
            var buffer = new TopKBuffer(c.K);
            foreach ((int first, int length) in runs)
            {
                buffer.OfferRange(first, c.Values.AsSpan(first, length));
            }

            SparseVector streamed = buffer.ToSparseVector(c.Values.Length);
            SparseVector dense = HardThreshold.Apply(c.Values, c.K);
            return Same(streamed, dense).Label($"runs {string.Join(" ", runs)}: streamed {Show(streamed)} vs dense {Show(dense)}; {c}")
                .Classify(c.HasTies, "magnitude ties")
                .Collect($"{runs.Count} runs");
        });

    // The sparse overload of HardThreshold.Apply equals the dense one on the same vector.
    [Property(MaxTest = Tests)]
    public Property SparseHardThresholdEqualsDense() =>
        Prop.ForAll(ThresholdGenerators.Cases, c =>
        {
            SparseVector input = SparseVector.FromDense(c.Values);
            SparseVector sparse = HardThreshold.Apply(input.Length, input.Indices, input.Values, c.K);
            SparseVector dense = HardThreshold.Apply(c.Values, c.K);
            return Same(sparse, dense).Label($"sparse {Show(sparse)} vs dense {Show(dense)}; {c}")
                .Classify(c.HasTies, "magnitude ties");
        });

    // H_k(H_k(z)) = H_k(z).
    [Property(MaxTest = Tests)]
    public Property HardThresholdIsIdempotent() =>
        Prop.ForAll(ThresholdGenerators.Cases, c =>
        {
            SparseVector once = HardThreshold.Apply(c.Values, c.K);
            SparseVector twice = HardThreshold.Apply(once.ToDense(), c.K);
            return Same(once, twice).Label($"H_k z = {Show(once)} but H_k H_k z = {Show(twice)}; {c}")
                .Classify(c.HasTies, "magnitude ties");
        });

    // H_k keeps min(k, nnz) entries at their original values, each beating every dropped nonzero: larger magnitude, or equal and lower index.
    [Property(MaxTest = Tests)]
    public Property HardThresholdKeepsLargestWithLowerIndexWinningTies() =>
        Prop.ForAll(ThresholdGenerators.Cases, c =>
        {
            SparseVector kept = HardThreshold.Apply(c.Values, c.K);
            int[] keptIndices = kept.Indices.ToArray();
            double[] keptValues = kept.Values.ToArray();
            var keptSet = new HashSet<int>(keptIndices);
            int[] dropped = Enumerable.Range(0, c.Values.Length).Where(i => c.Values[i] != 0 && !keptSet.Contains(i)).ToArray();

            bool countOk = kept.Count == Math.Min(c.K, c.NonzeroCount);
            bool sorted = keptIndices.Zip(keptIndices.Skip(1)).All(p => p.First < p.Second);
            bool valuesOk = keptIndices.Select((index, t) => BitConverter.DoubleToInt64Bits(keptValues[t]) == BitConverter.DoubleToInt64Bits(c.Values[index])).All(b => b);
            bool noZeros = keptValues.All(v => v != 0);
            (int Kept, int Dropped)? violation = null;
            foreach (int i in keptIndices)
            {
                foreach (int j in dropped)
                {
                    double a = Math.Abs(c.Values[i]), b = Math.Abs(c.Values[j]);
                    if (!(a > b || (a == b && i < j)))
                    {
                        violation ??= (i, j);
                    }
                }
            }

            return countOk.Label($"{kept.Count} entries kept, expected min(k, nnz) = {Math.Min(c.K, c.NonzeroCount)}; {c}")
                .And(sorted.Label($"indices not increasing: {Show(kept)}; {c}"))
                .And(valuesOk.Label($"kept values differ from z: {Show(kept)}; {c}"))
                .And(noZeros.Label($"a zero was kept: {Show(kept)}; {c}"))
                .And((violation is null).Label($"kept index {violation?.Kept} does not beat dropped index {violation?.Dropped}; {c}"))
                .Classify(c.HasTies, "magnitude ties")
                .Classify(dropped.Length > 0 && kept.Count > 0, "something kept and something dropped");
        });

    // Non-finite offers are not stored but flagged; the rest still equals H_k of the vector with those entries zeroed.
    [Property(MaxTest = 200)]
    public Property TopKBufferFlagsAndSkipsNonFiniteValues() =>
        Prop.ForAll(ThresholdGenerators.Cases, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity).ToArbitrary(), (c, bad) =>
        {
            double[] poisoned = (double[])c.Values.Clone();
            int at = c.Values.Length == 0 ? -1 : (int)(c.Seed % c.Values.Length);
            if (at >= 0)
            {
                poisoned[at] = bad;
            }

            var buffer = new TopKBuffer(c.K);
            foreach (int i in c.OfferOrder())
            {
                buffer.Offer(i, poisoned[i]);
            }

            double[] cleaned = poisoned.Select(v => double.IsFinite(v) ? v : 0.0).ToArray();
            SparseVector streamed = buffer.ToSparseVector(c.Values.Length);
            SparseVector dense = HardThreshold.Apply(cleaned, c.K);
            return Same(streamed, dense).Label($"streamed {Show(streamed)} vs dense {Show(dense)} (entry {at} = {bad}); {c}")
                .And((buffer.SawNonFinite == (at >= 0)).Label($"SawNonFinite={buffer.SawNonFinite} with entry {at} = {bad}; {c}"))
                .Classify(at < 0, "empty vector");
        });

    private static bool Same(SparseVector a, SparseVector b) =>
        a.Length == b.Length && a.Indices.SequenceEqual(b.Indices) && Closeness.BitIdentical(a.Values, b.Values);

    private static string Show(SparseVector v)
    {
        var parts = new List<string>();
        for (int t = 0; t < v.Count; t++)
        {
            parts.Add($"{v.Indices[t]}:{Closeness.R(v.Values[t])}");
        }

        return "{" + string.Join(" ", parts) + "}";
    }
}
