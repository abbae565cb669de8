namespace SparseIhtVerify.Solver;

/// <summary>
/// An immutable sparse vector w ∈ ℝ^N: strictly increasing <see cref="Indices"/> and their <see cref="Values"/>.
/// Memory is O(nnz), never O(N). For the network operator, coordinate c belongs to block ⌊c/d⌋ (block-major layout).
/// </summary>
public sealed class SparseVector
{
    private readonly int[] _indices;
    private readonly double[] _values;

    /// <summary>Builds the vector from sorted distinct indices and their values (both copied).</summary>
    public SparseVector(int length, ReadOnlySpan<int> indices, ReadOnlySpan<double> values)
        : this(length, indices.ToArray(), values.ToArray(), validate: true)
    {
    }

    private SparseVector(int length, int[] indices, double[] values, bool validate)
    {
        if (validate)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(length);
            if (indices.Length != values.Length)
            {
                throw new ArgumentException("indices and values differ in length");
            }

            for (int t = 0; t < indices.Length; t++)
            {
                if (indices[t] < 0 || indices[t] >= length || (t > 0 && indices[t] <= indices[t - 1]))
                {
                    throw new ArgumentException($"indices must be strictly increasing within [0, {length}); position {t} holds {indices[t]}");
                }
            }
        }

        Length = length;
        _indices = indices;
        _values = values;
    }

    /// <summary>The dimension N.</summary>
    public int Length { get; }

    /// <summary>Number of stored entries (the support size |supp w|).</summary>
    public int Count => _indices.Length;

    /// <summary>The support, strictly increasing.</summary>
    public ReadOnlySpan<int> Indices => _indices;

    /// <summary>The values at <see cref="Indices"/>.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The zero vector of length <paramref name="length"/>.</summary>
    public static SparseVector Zero(int length) => new(length, [], [], validate: false);

    /// <summary>Takes ownership of arrays the caller guarantees sorted and distinct (internal fast path).</summary>
    internal static SparseVector FromSortedOwned(int length, int[] indices, double[] values) => new(length, indices, values, validate: false);

    /// <summary>The nonzero entries of a dense vector.</summary>
    public static SparseVector FromDense(ReadOnlySpan<double> dense)
    {
        var indices = new List<int>();
        var values = new List<double>();
        for (int i = 0; i < dense.Length; i++)
        {
            if (dense[i] != 0)
            {
                indices.Add(i);
                values.Add(dense[i]);
            }
        }

        return new SparseVector(dense.Length, indices.ToArray(), values.ToArray(), validate: false);
    }

    /// <summary>The entry w_i (0 outside the support).</summary>
    public double this[int i]
    {
        get
        {
            int t = Array.BinarySearch(_indices, i);
            return t >= 0 ? _values[t] : 0.0;
        }
    }

    /// <summary>Number of entries that are not exactly zero.</summary>
    public int NonzeroCount
    {
        get
        {
            int count = 0;
            foreach (double v in _values)
            {
                if (v != 0)
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>The Euclidean norm ‖w‖₂.</summary>
    public double Norm() => Kernels.VectorKernels.Norm(_values);

    /// <summary>True when every stored value is finite.</summary>
    public bool IsFinite() => Kernels.VectorKernels.AllFinite(_values);

    /// <summary>The dense vector (O(N) memory: for tests, export and small problems only).</summary>
    public double[] ToDense()
    {
        var dense = new double[Length];
        for (int t = 0; t < _indices.Length; t++)
        {
            dense[_indices[t]] = _values[t];
        }

        return dense;
    }

    /// <summary>‖this − other‖₂ computed over the union of supports.</summary>
    public double DistanceTo(SparseVector other)
    {
        double sum = 0;
        int a = 0, b = 0;
        while (a < _indices.Length || b < other._indices.Length)
        {
            double diff;
            if (b >= other._indices.Length || (a < _indices.Length && _indices[a] < other._indices[b]))
            {
                diff = _values[a++];
            }
            else if (a >= _indices.Length || other._indices[b] < _indices[a])
            {
                diff = -other._values[b++];
            }
            else
            {
                diff = _values[a++] - other._values[b++];
            }

            sum += diff * diff;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Number of indices in this support that are not in <paramref name="other"/>'s support.</summary>
    public int CountIndicesNotIn(SparseVector other)
    {
        int count = 0, b = 0;
        foreach (int index in _indices)
        {
            while (b < other._indices.Length && other._indices[b] < index)
            {
                b++;
            }

            if (b >= other._indices.Length || other._indices[b] != index)
            {
                count++;
            }
        }

        return count;
    }
}
