namespace SparseIhtVerify.Solver.Thresholding;

/// <summary>
/// The hard-thresholding operator H_k(z): keep the k entries of largest magnitude, zero the rest.
/// Tie rule: among equal magnitudes the lower index wins. Exact zeros are never kept, so the result holds
/// min(k, nnz(z)) entries.
/// </summary>
public static class HardThreshold
{
    /// <summary>
    /// H_k of a dense vector by a full sort on (|z_i| descending, i ascending). O(N log N): the plain reference
    /// that <see cref="TopKBuffer"/> is tested against.
    /// </summary>
    public static SparseVector Apply(ReadOnlySpan<double> z, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        double[] values = z.ToArray();
        int[] order = Enumerable.Range(0, values.Length).Where(i => values[i] != 0).ToArray();
        Array.Sort(order, (a, b) =>
        {
            int byMagnitude = Math.Abs(values[b]).CompareTo(Math.Abs(values[a]));
            return byMagnitude != 0 ? byMagnitude : a.CompareTo(b);
        });
        int[] kept = order.Take(k).Order().ToArray();
        return SparseVector.FromSortedOwned(values.Length, kept, kept.Select(i => values[i]).ToArray());
    }

    /// <summary>H_k of a sparse vector given by strictly increasing <paramref name="indices"/> and their values.</summary>
    public static SparseVector Apply(int length, ReadOnlySpan<int> indices, ReadOnlySpan<double> values, int k)
    {
        var buffer = new TopKBuffer(k);
        for (int t = 0; t < indices.Length; t++)
        {
            buffer.Offer(indices[t], values[t]);
        }

        return buffer.ToSparseVector(length);
    }
}
