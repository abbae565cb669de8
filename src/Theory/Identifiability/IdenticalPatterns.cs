using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>
/// Exact dependencies read off the activation patterns (theory.md §3): blocks a ≠ b with identical masks D_a = D_b have
/// identical columns (a, ℓ) and (b, ℓ), so e_{a·d+ℓ} − e_{b·d+ℓ} is a null vector of A for every ℓ; an all-off block
/// (D_a = 0) has zero columns, so every e_{a·d+ℓ} is one.
/// </summary>
internal static class IdenticalPatterns
{
    /// <summary>The groups (≥ 2 blocks, increasing) of blocks with identical masks, ordered by their first block.</summary>
    public static List<int[]> TwinGroups(ActivationPatterns patterns)
    {
        var buckets = new Dictionary<long, List<List<int>>>();
        var groups = new List<List<int>>();
        for (int block = 0; block < patterns.Blocks; block++)
        {
            ReadOnlySpan<ulong> mask = patterns.Mask(block);
            long hash = Hash(mask);
            if (!buckets.TryGetValue(hash, out List<List<int>>? candidates))
            {
                buckets[hash] = candidates = [];
            }

            List<int>? group = null;
            foreach (List<int> candidate in candidates)
            {
                if (patterns.Mask(candidate[0]).SequenceEqual(mask))
                {
                    group = candidate;
                    break;
                }
            }

            if (group is null)
            {
                group = [];
                candidates.Add(group);
                groups.Add(group);
            }

            group.Add(block);
        }

        return groups.Where(g => g.Count >= 2).Select(g => g.ToArray()).ToList();
    }

    /// <summary>The blocks whose pattern is off on every sample (their columns are zero).</summary>
    public static List<int> AllOffBlocks(ActivationPatterns patterns) =>
        Enumerable.Range(0, patterns.Blocks).Where(b => patterns.ActiveCount(b) == 0).ToList();

    private static long Hash(ReadOnlySpan<ulong> mask)
    {
        ulong hash = 1469598103934665603UL;
        foreach (ulong word in mask)
        {
            hash = (hash ^ word) * 1099511628211UL;
        }

        return (long)hash;
    }
}
