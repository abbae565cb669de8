namespace SparseIhtVerify.Solver;

/// <summary>Searches in strictly increasing index lists (supports).</summary>
internal static class SortedIndex
{
    /// <summary>The first position whose entry is ≥ <paramref name="value"/> (the length if none).</summary>
    public static int LowerBound(ReadOnlySpan<int> sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
