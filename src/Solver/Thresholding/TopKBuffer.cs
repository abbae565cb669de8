namespace SparseIhtVerify.Solver.Thresholding;

/// <summary>
/// Streaming H_k: entries are offered one at a time (in any order) and the buffer keeps the k best seen so far,
/// "best" meaning larger magnitude, then lower index (the tie rule of <see cref="HardThreshold"/>). After any
/// sequence of offers, <see cref="ToSparseVector"/> equals H_k of the dense vector the offers describe.
/// Memory is O(k); each offer costs O(1) when it cannot enter and O(log k) when it can.
/// </summary>
public sealed class TopKBuffer
{
    private readonly int[] _indices;
    private readonly double[] _values;
    private int _count;

    /// <summary>An empty buffer of capacity <paramref name="capacity"/> = k.</summary>
    public TopKBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _indices = new int[capacity];
        _values = new double[capacity];
    }

    /// <summary>k.</summary>
    public int Capacity => _indices.Length;

    /// <summary>Entries held (≤ k).</summary>
    public int Count => _count;

    /// <summary>True once a NaN or infinite value has been offered (it is not stored).</summary>
    public bool SawNonFinite { get; private set; }

    /// <summary>Forgets all entries.</summary>
    public void Clear()
    {
        _count = 0;
        SawNonFinite = false;
    }

    /// <summary>The smallest magnitude an entry needs to be considered: 0 while the buffer is not full, +∞ when k = 0.</summary>
    public double Threshold => Capacity == 0 ? double.PositiveInfinity : _count < Capacity ? 0.0 : Math.Abs(_values[0]);

    /// <summary>Offers entry (index, value). Zeros are ignored; non-finite values set <see cref="SawNonFinite"/>.</summary>
    public void Offer(int index, double value)
    {
        double magnitude = Math.Abs(value);
        if (!double.IsFinite(magnitude))
        {
            SawNonFinite = true;
            return;
        }

        if (magnitude == 0)
        {
            return;
        }

        if (_count < Capacity)
        {
            _indices[_count] = index;
            _values[_count] = value;
            SiftUp(_count++);
            return;
        }

        if (Capacity == 0 || !IsBetter(magnitude, index, Math.Abs(_values[0]), _indices[0]))
        {
            return;
        }

        _indices[0] = index;
        _values[0] = value;
        SiftDown(0);
    }

    /// <summary>Offers a contiguous run of entries starting at index <paramref name="firstIndex"/>.</summary>
    public void OfferRange(int firstIndex, ReadOnlySpan<double> values)
    {
        for (int t = 0; t < values.Length; t++)
        {
            double magnitude = Math.Abs(values[t]);
            // Fast reject: when full, an entry whose magnitude is below the worst kept one can never enter.
            if (_count > 0 && _count == Capacity && magnitude < Math.Abs(_values[0]))
            {
                continue;
            }

            Offer(firstIndex + t, values[t]);
        }
    }

    /// <summary>The entries held, as a sparse vector of dimension <paramref name="length"/>, sorted by index.</summary>
    public SparseVector ToSparseVector(int length)
    {
        int[] order = Enumerable.Range(0, _count).OrderBy(t => _indices[t]).ToArray();
        return SparseVector.FromSortedOwned(length, order.Select(t => _indices[t]).ToArray(), order.Select(t => _values[t]).ToArray());
    }

    // Min-heap on "goodness": the root is the worst entry held.
    private static bool IsBetter(double magnitudeA, int indexA, double magnitudeB, int indexB) =>
        magnitudeA > magnitudeB || (magnitudeA == magnitudeB && indexA < indexB);

    private bool IsBetterAt(int a, int b) => IsBetter(Math.Abs(_values[a]), _indices[a], Math.Abs(_values[b]), _indices[b]);

    private void SiftUp(int position)
    {
        while (position > 0)
        {
            int parent = (position - 1) / 2;
            if (!IsBetterAt(parent, position))
            {
                return;
            }

            Swap(parent, position);
            position = parent;
        }
    }

    private void SiftDown(int position)
    {
        while (true)
        {
            int left = 2 * position + 1, right = left + 1, worst = position;
            if (left < _count && IsBetterAt(worst, left))
            {
                worst = left;
            }

            if (right < _count && IsBetterAt(worst, right))
            {
                worst = right;
            }

            if (worst == position)
            {
                return;
            }

            Swap(worst, position);
            position = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_indices[a], _indices[b]) = (_indices[b], _indices[a]);
        (_values[a], _values[b]) = (_values[b], _values[a]);
    }
}
