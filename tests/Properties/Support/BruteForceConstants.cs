using MathNet.Numerics.LinearAlgebra;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Properties.Support;

/// <summary>
/// The exact restricted constants of theory.md §3 by brute force, independent of src/Theory: the Gram
/// G = AᵀA/n of a dense oracle with textbook sums, then every support of size k (containing a required set, if
/// any) and MathNet's symmetric eigendecomposition of each G_S.
/// </summary>
public static class BruteForceConstants
{
    /// <summary>The exact α_k, β_k and a support attaining each.</summary>
    public readonly record struct Exact(double Alpha, double Beta, int[] AlphaSupport, int[] BetaSupport, int Supports);

    /// <summary>G = AᵀA/n from the dense oracle's entries (sequential sums).</summary>
    public static Matrix<double> Gram(DenseMatrixOperator a)
    {
        int n = a.Rows, columns = a.Columns;
        var gram = Matrix<double>.Build.Dense(columns, columns);
        for (int i = 0; i < columns; i++)
        {
            for (int j = i; j < columns; j++)
            {
                double sum = 0;
                for (int r = 0; r < n; r++)
                {
                    sum += a[r, i] * a[r, j];
                }

                gram[i, j] = gram[j, i] = sum / n;
            }
        }

        return gram;
    }

    /// <summary>
    /// α_k = min λ_min(G_S) and β_k = max λ_max(G_S) over all S with |S| = min(k, N) and S ⊇ <paramref name="required"/>.
    /// </summary>
    public static Exact Constants(Matrix<double> gram, int level, IReadOnlyList<int> required)
    {
        int columns = gram.RowCount;
        int size = Math.Min(level, columns);
        double alpha = double.PositiveInfinity, beta = double.NegativeInfinity;
        int[] alphaSupport = [], betaSupport = [];
        int count = 0;
        foreach (int[] support in Supports(columns, size, required))
        {
            (double min, double max) = Extremes(gram, support);
            count++;
            if (min < alpha)
            {
                (alpha, alphaSupport) = (min, support);
            }

            if (max > beta)
            {
                (beta, betaSupport) = (max, support);
            }
        }

        return new Exact(alpha, beta, alphaSupport, betaSupport, count);
    }

    /// <summary>(λ_min, λ_max) of G_S by MathNet's symmetric EVD (no closed forms, no shortcuts).</summary>
    public static (double Min, double Max) Extremes(Matrix<double> gram, int[] support)
    {
        var sub = Matrix<double>.Build.Dense(support.Length, support.Length, (a, b) => gram[support[a], support[b]]);
        var values = sub.Evd(Symmetricity.Symmetric).EigenValues;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            min = Math.Min(min, v.Real);
            max = Math.Max(max, v.Real);
        }

        return (min, max);
    }

    /// <summary>Every sorted subset of [0, <paramref name="columns"/>) of the given size that contains <paramref name="required"/> (recursive, lexicographic).</summary>
    public static IEnumerable<int[]> Supports(int columns, int size, IReadOnlyList<int> required)
    {
        var must = new HashSet<int>(required);
        if (must.Count > size)
        {
            yield break;
        }

        int[] free = Enumerable.Range(0, columns).Where(c => !must.Contains(c)).ToArray();
        foreach (int[] pick in Choose(free, 0, size - must.Count))
        {
            yield return pick.Concat(must).Order().ToArray();
        }
    }

    private static IEnumerable<int[]> Choose(int[] pool, int from, int count)
    {
        if (count == 0)
        {
            yield return [];
            yield break;
        }

        for (int i = from; i <= pool.Length - count; i++)
        {
            foreach (int[] rest in Choose(pool, i + 1, count - 1))
            {
                yield return [pool[i], .. rest];
            }
        }
    }

    /// <summary>C(n, k) as a double.</summary>
    public static double Binomial(int n, int k)
    {
        if (k < 0 || k > n)
        {
            return 0;
        }

        double result = 1;
        for (int i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }
}
