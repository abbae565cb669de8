using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace SparseIhtVerify.Theory.Patterns;

/// <summary>
/// Greedy beam search for small block subsets B (2 ≤ |B| ≤ MaxSize) on which the overlap matrix O_B is nearly singular,
/// i.e. λ_min(O_B) = min_{‖c‖=1} (1/n)‖Σ_{j∈B} c_j D_j‖² is small (theory.md §3: where α_|B| is smallest).
/// <para>
/// Seeds: the pairs of smallest Hamming distance (nearly equal patterns) and of largest (nearly complementary, D_a + D_b ≈ I).
/// Growth of a subset B: (1) one block k; candidates are screened by the Rayleigh quotient of the vector (−O_B⁻¹o_k, 1),
/// q_k = s_k / (1 + ‖O_B⁻¹o_k‖²) with s_k = O_kk − o_kᵀO_B⁻¹o_k the Schur complement (the squared distance of D_k from
/// span{D_j : j ∈ B}, over n), an upper bound on λ_min(O_{B∪{k}}); the best are evaluated exactly. (2) one seed pair
/// disjoint from B (two nearly complementary pairs D_a + D_b ≈ I ≈ D_c + D_d make O nearly singular on four blocks although
/// no three of them are). Per seed, the <see cref="NearDependencyBudget.Beam"/> subsets of smallest λ_min(O_B) of each size
/// are grown; numerically singular subsets are kept but not grown (their supersets are singular too).
/// </para>
/// Deterministic: ties are broken by block index, and the work is bounded by the <see cref="NearDependencyBudget"/>, not a clock.
/// </summary>
public static class NearDependencySearch
{
    /// <summary>λ_min(O_B) ≤ this·λ_max(O_B) counts as singular to working precision.</summary>
    public const double SingularTolerance = 1e-12;

    /// <summary>Largest subset size searched.</summary>
    public const int MaxSizeLimit = 16;

    /// <summary>
    /// The subsets found, ordered by λ_min(O_B) (numerically singular ones first, counted as 0), then by size, then by
    /// block list; at most <see cref="NearDependencyBudget.Results"/>.
    /// </summary>
    public static IReadOnlyList<NearDependency> Find(PatternOverlap overlap, NearDependencyBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(overlap);
        budget ??= new NearDependencyBudget();
        Validate(budget);
        int p = overlap.Blocks;
        if (p < 2)
        {
            return [];
        }

        var evaluated = new Dictionary<string, Evaluation>(StringComparer.Ordinal);
        (int A, int B)[] seeds = Seeds(overlap, budget);
        foreach ((int a, int b) in seeds)
        {
            Grow(overlap, budget, seeds, [Math.Min(a, b), Math.Max(a, b)], evaluated);
        }

        return evaluated.Values
            .OrderBy(e => e, EvaluationOrder.Instance)
            .Take(budget.Results)
            .Select(e => Describe(overlap, e))
            .ToArray();
    }

    /// <summary>λ_min and λ_max of O_B (MathNet symmetric eigendecomposition).</summary>
    public static (double Min, double Max) Extremes(PatternOverlap overlap, ReadOnlySpan<int> blocks)
    {
        ArgumentNullException.ThrowIfNull(overlap);
        Evd<double> evd = overlap.Submatrix(blocks).Evd(Symmetricity.Symmetric);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var value in evd.EigenValues)
        {
            min = Math.Min(min, value.Real);
            max = Math.Max(max, value.Real);
        }

        return (min, max);
    }

    private static void Validate(NearDependencyBudget budget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget.ClosePairs, nameof(budget.ClosePairs));
        ArgumentOutOfRangeException.ThrowIfNegative(budget.FarPairs, nameof(budget.FarPairs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget.Beam, nameof(budget.Beam));
        ArgumentOutOfRangeException.ThrowIfNegative(budget.Candidates, nameof(budget.Candidates));
        ArgumentOutOfRangeException.ThrowIfNegative(budget.Results, nameof(budget.Results));
        if (budget.MaxSize < 2 || budget.MaxSize > MaxSizeLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(budget), $"MaxSize {budget.MaxSize} outside 2..{MaxSizeLimit}");
        }
    }

    /// <summary>The closest pairs by Hamming distance, then the farthest ones not already chosen (ties by block indices).</summary>
    private static (int A, int B)[] Seeds(PatternOverlap overlap, NearDependencyBudget budget)
    {
        int p = overlap.Blocks;
        var close = new PriorityQueue<(int A, int B), (int Hamming, int A, int B)>(Comparer<(int Hamming, int A, int B)>.Create((x, y) => y.CompareTo(x)));
        var far = new PriorityQueue<(int A, int B), (int Negated, int A, int B)>(Comparer<(int Negated, int A, int B)>.Create((x, y) => y.CompareTo(x)));
        for (int a = 0; a < p; a++)
        {
            for (int b = a + 1; b < p; b++)
            {
                int h = overlap.Hamming(a, b);
                Keep(close, (a, b), (h, a, b), budget.ClosePairs);
                Keep(far, (a, b), (-h, a, b), budget.FarPairs);
            }
        }

        var seeds = close.UnorderedItems.OrderBy(e => e.Priority).Select(e => e.Element).ToList();
        foreach (var pair in far.UnorderedItems.OrderBy(e => e.Priority).Select(e => e.Element))
        {
            if (!seeds.Contains(pair))
            {
                seeds.Add(pair);
            }
        }

        return [.. seeds];
    }

    /// <summary>Keeps the <paramref name="limit"/> smallest priorities in a max-heap.</summary>
    private static void Keep<TPriority>(PriorityQueue<(int A, int B), TPriority> heap, (int A, int B) pair, TPriority priority, int limit)
        where TPriority : IComparable<TPriority>
    {
        if (limit == 0)
        {
            return;
        }

        if (heap.Count < limit)
        {
            heap.Enqueue(pair, priority);
        }
        else
        {
            heap.TryPeek(out _, out TPriority? worst);
            if (priority.CompareTo(worst!) < 0)
            {
                heap.EnqueueDequeue(pair, priority);
            }
        }
    }

    /// <summary>The beam search from one seed: beams per size, grown by single blocks and by seed pairs.</summary>
    private static void Grow(PatternOverlap overlap, NearDependencyBudget budget, (int A, int B)[] seeds, int[] seed, Dictionary<string, Evaluation> evaluated)
    {
        int p = overlap.Blocks;
        var pools = new List<Evaluation>[budget.MaxSize + 1];
        for (int size = 0; size <= budget.MaxSize; size++)
        {
            pools[size] = [];
        }

        pools[2].Add(Evaluate(overlap, seed, evaluated));
        var inSubset = new bool[p];
        for (int size = 2; size < budget.MaxSize; size++)
        {
            var beam = pools[size].DistinctBy(e => e.Key).Where(e => !e.Singular).OrderBy(e => e, EvaluationOrder.Instance).Take(budget.Beam).ToArray();
            foreach (Evaluation subset in beam)
            {
                foreach (int j in subset.Blocks)
                {
                    inSubset[j] = true;
                }

                foreach (int k in ScreenedCandidates(overlap, subset.Blocks, inSubset, budget.Candidates))
                {
                    pools[size + 1].Add(Evaluate(overlap, [.. subset.Blocks, k], evaluated));
                }

                if (size + 2 <= budget.MaxSize)
                {
                    foreach ((int a, int b) in seeds)
                    {
                        if (!inSubset[a] && !inSubset[b])
                        {
                            pools[size + 2].Add(Evaluate(overlap, [.. subset.Blocks, a, b], evaluated));
                        }
                    }
                }

                foreach (int j in subset.Blocks)
                {
                    inSubset[j] = false;
                }
            }
        }
    }

    /// <summary>
    /// The <paramref name="count"/> blocks k ∉ B of smallest q_k = s_k/(1 + ‖O_B⁻¹o_k‖²) (ties by index), by a Cholesky
    /// factor of O_B; none when O_B is not positive definite to working precision.
    /// </summary>
    private static List<int> ScreenedCandidates(PatternOverlap overlap, int[] blocks, bool[] inSubset, int count)
    {
        int m = blocks.Length, p = overlap.Blocks;
        var chosen = new List<int>();
        double[]? factor = Cholesky(overlap, blocks);
        if (factor is null || count == 0)
        {
            return chosen;
        }

        var heap = new PriorityQueue<int, (double Score, int Block)>(Comparer<(double Score, int Block)>.Create((x, y) => y.CompareTo(x)));
        var y = new double[m];
        for (int k = 0; k < p; k++)
        {
            if (inSubset[k])
            {
                continue;
            }

            // L y = o_k, then Lᵀ c = y: s_k = O_kk − ‖y‖², ‖c‖² from the back substitution (in place in y).
            double projected = 0;
            for (int s = 0; s < m; s++)
            {
                double value = overlap.Fraction(blocks[s], k);
                for (int t = 0; t < s; t++)
                {
                    value -= factor[s * m + t] * y[t];
                }

                y[s] = value / factor[s * m + s];
                projected += y[s] * y[s];
            }

            double schur = Math.Max(0, overlap.Fraction(k, k) - projected);
            double norm = 0;
            for (int s = m - 1; s >= 0; s--)
            {
                double value = y[s];
                for (int t = s + 1; t < m; t++)
                {
                    value -= factor[t * m + s] * y[t];
                }

                y[s] = value / factor[s * m + s];
                norm += y[s] * y[s];
            }

            var key = (schur / (1 + norm), k);
            if (heap.Count < count)
            {
                heap.Enqueue(k, key);
            }
            else if (heap.TryPeek(out _, out var worst) && key.CompareTo(worst) < 0)
            {
                heap.EnqueueDequeue(k, key);
            }
        }

        chosen.AddRange(heap.UnorderedItems.OrderBy(e => e.Priority).Select(e => e.Element));
        return chosen;
    }

    /// <summary>The lower Cholesky factor of O_B (row-major m×m), or null when a pivot is not above the singular tolerance.</summary>
    private static double[]? Cholesky(PatternOverlap overlap, int[] blocks)
    {
        int m = blocks.Length;
        var factor = new double[m * m];
        double scale = 0;
        foreach (int j in blocks)
        {
            scale = Math.Max(scale, overlap.Fraction(j, j));
        }

        for (int s = 0; s < m; s++)
        {
            for (int t = 0; t <= s; t++)
            {
                double value = overlap.Fraction(blocks[s], blocks[t]);
                for (int u = 0; u < t; u++)
                {
                    value -= factor[s * m + u] * factor[t * m + u];
                }

                if (s == t)
                {
                    if (value <= SingularTolerance * scale)
                    {
                        return null;
                    }

                    factor[s * m + s] = Math.Sqrt(value);
                }
                else
                {
                    factor[s * m + t] = value / factor[t * m + t];
                }
            }
        }

        return factor;
    }

    /// <summary>λ_min, λ_max of O_B for the sorted subset, computed once per subset.</summary>
    private static Evaluation Evaluate(PatternOverlap overlap, int[] blocks, Dictionary<string, Evaluation> evaluated)
    {
        Array.Sort(blocks);
        string key = string.Join(",", blocks);
        if (!evaluated.TryGetValue(key, out Evaluation? evaluation))
        {
            (double min, double max) = Extremes(overlap, blocks);
            evaluation = new Evaluation(key, blocks, min, max, min <= SingularTolerance * max);
            evaluated.Add(key, evaluation);
        }

        return evaluation;
    }

    /// <summary>The result record, with the eigenvector of λ_min (largest-magnitude entry positive, ties by lower index).</summary>
    private static NearDependency Describe(PatternOverlap overlap, Evaluation e)
    {
        Evd<double> evd = overlap.Submatrix(e.Blocks).Evd(Symmetricity.Symmetric);
        int smallest = 0;
        for (int t = 1; t < evd.EigenValues.Count; t++)
        {
            if (evd.EigenValues[t].Real < evd.EigenValues[smallest].Real)
            {
                smallest = t;
            }
        }

        Vector<double> v = evd.EigenVectors.Column(smallest);
        v /= v.L2Norm();
        int largest = 0;
        for (int t = 1; t < v.Count; t++)
        {
            if (Math.Abs(v[t]) > Math.Abs(v[largest]))
            {
                largest = t;
            }
        }

        if (v[largest] < 0)
        {
            v = -v;
        }

        return new NearDependency(e.Blocks, e.Min, e.Max, v.ToArray(), e.Singular);
    }

    private sealed record Evaluation(string Key, int[] Blocks, double Min, double Max, bool Singular);

    /// <summary>Singular first (as λ_min = 0), then λ_min, then size, then the block list.</summary>
    private sealed class EvaluationOrder : IComparer<Evaluation>
    {
        public static readonly EvaluationOrder Instance = new();

        public int Compare(Evaluation? x, Evaluation? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            double mx = x.Singular ? 0 : x.Min, my = y.Singular ? 0 : y.Min;
            int c = mx.CompareTo(my);
            if (c != 0)
            {
                return c;
            }

            c = x.Blocks.Length.CompareTo(y.Blocks.Length);
            for (int t = 0; c == 0 && t < x.Blocks.Length; t++)
            {
                c = x.Blocks[t].CompareTo(y.Blocks[t]);
            }

            return c;
        }
    }
}
