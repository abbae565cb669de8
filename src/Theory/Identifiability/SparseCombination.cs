using SparseIhtVerify.Solver;

namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>Sparse arithmetic for building second solutions: w + t·v over the union of supports, exact zeros dropped.</summary>
internal static class SparseCombination
{
    /// <summary>w + t·v, with coordinate <paramref name="zeroAt"/> (if ≥ 0) set to exactly 0 and exact zeros dropped.</summary>
    public static SparseVector Add(SparseVector w, double t, SparseVector v, int zeroAt = -1)
    {
        var indices = new List<int>(w.Count + v.Count);
        var values = new List<double>(w.Count + v.Count);
        int a = 0, b = 0;
        while (a < w.Count || b < v.Count)
        {
            int index;
            double value;
            if (b >= v.Count || (a < w.Count && w.Indices[a] < v.Indices[b]))
            {
                (index, value) = (w.Indices[a], w.Values[a]);
                a++;
            }
            else if (a >= w.Count || v.Indices[b] < w.Indices[a])
            {
                (index, value) = (v.Indices[b], t * v.Values[b]);
                b++;
            }
            else
            {
                (index, value) = (w.Indices[a], w.Values[a] + t * v.Values[b]);
                a++;
                b++;
            }

            if (index == zeroAt)
            {
                value = 0;
            }

            if (value != 0)
            {
                indices.Add(index);
                values.Add(value);
            }
        }

        return new SparseVector(w.Length, indices.ToArray(), values.ToArray());
    }

    /// <summary>scale·(the entries of <paramref name="v"/> at sorted positions firstPosition … firstPosition + count − 1).</summary>
    public static SparseVector Slice(SparseVector v, int firstPosition, int count, double scale = 1)
    {
        var values = new double[count];
        for (int t = 0; t < count; t++)
        {
            values[t] = scale * v.Values[firstPosition + t];
        }

        return new SparseVector(v.Length, v.Indices.Slice(firstPosition, count), values);
    }

    /// <summary>v without its exact zeros.</summary>
    public static SparseVector WithoutZeros(SparseVector v) => v.NonzeroCount == v.Count ? v : Add(SparseVector.Zero(v.Length), 1, v);

    /// <summary>Compares supports lexicographically (then by length): the deterministic tie-break.</summary>
    public static int CompareSupports(SparseVector a, SparseVector b)
    {
        for (int t = 0; t < Math.Min(a.Count, b.Count); t++)
        {
            int order = a.Indices[t].CompareTo(b.Indices[t]);
            if (order != 0)
            {
                return order;
            }
        }

        return a.Count.CompareTo(b.Count);
    }
}
