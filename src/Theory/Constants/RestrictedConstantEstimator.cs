using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Theory.Constants;

/// <summary>
/// Estimates α_k and β_k of G = AᵀA/n honestly (theory.md §3): exact where every support can be examined,
/// otherwise witnesses found by search, plus certified bounds where the Gram entries can be formed.
/// Witnesses use interlacing: λ_min(G_T) ≥ λ_min(G_S) and λ_max(G_T) ≤ λ_max(G_S) for T ⊆ S, so a support of
/// size ≤ k (containing S* when restricted) already bounds α_k from above and β_k from below.
/// The structured search pairs the same input coordinate in blocks whose patterns nearly coincide (a 2×2 Gram
/// [[a, c], [c, b]] with c ≈ a ≈ b has λ_min ≈ 0), groups one coordinate across the blocks nearest a block (large
/// λ_max), then grows and swaps columns greedily; random supports and random sparse directions complete it.
/// </summary>
public static class RestrictedConstantEstimator
{
    private const int AdversarialPairs = 40;
    private const int GreedyLevelLimit = 40;
    private const int GreedyPool = 300;

    /// <summary>
    /// Random supports and directions hold at most this many columns: by interlacing, a smaller support still
    /// gives valid witnesses for a higher level, and evaluating supports of tens of thousands of columns is not
    /// worth the time. Reports say so through <see cref="RestrictedConstants.Methods"/>.
    /// </summary>
    public const int MaxEvaluatedSupport = 4096;

    /// <summary>Estimates the constants at <paramref name="level"/>.</summary>
    /// <param name="sensing">The operator A.</param>
    /// <param name="level">k ≥ 1.</param>
    /// <param name="requiredSupport">S* for support-restricted constants, or null for uniform ones.</param>
    /// <param name="budget">Work limits.</param>
    /// <param name="structure">The network operator's block structure, enabling the adversarial search (null for other operators).</param>
    /// <param name="pairwiseHamming">Hamming distances of the block patterns (p×p), if already computed.</param>
    /// <param name="fullGram">G = AᵀA/n over all N columns, if already computed (<see cref="FullGram"/>); shared across levels.</param>
    public static RestrictedConstants Estimate(SensingOperator sensing, int level, IReadOnlyList<int>? requiredSupport, EstimationBudget budget, ActivationPatternOperator? structure = null, int[]? pairwiseHamming = null, Matrix<double>? fullGram = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(level);
        int columns = sensing.Columns;
        int effective = Math.Min(level, columns);
        int[] required = (requiredSupport ?? []).Order().Distinct().ToArray();
        if (required.Length > effective)
        {
            throw new ArgumentException($"the required support has {required.Length} columns, more than the level {effective}");
        }

        var search = new Search(sensing, effective, required, budget, fullGram ?? FullGram(sensing));
        var methods = new List<string>();
        bool exact = false;
        if (budget.Enumerate && effective == columns && search.Full is not null)
        {
            search.Consider(Enumerable.Range(0, columns).ToArray());
            exact = true;
            methods.Add("full Gram");
        }
        else if (budget.Enumerate && search.Full is not null && Binomial(columns - required.Length, effective - required.Length) <= budget.Supports)
        {
            foreach (int[] support in Combinations(columns, effective, required))
            {
                search.Consider(support);
            }

            exact = true;
            methods.Add("enumeration");
        }
        else
        {
            RunSearch(search, structure, pairwiseHamming, methods);
            if (search.Examined == 0)
            {
                // The budget ran out before any support was evaluated: one random support, whatever it costs,
                // so that every report carries a witness.
                search.Consider(search.RandomSupport());
            }
        }

        double? alphaCertified = null, betaCertified = null;
        if (exact)
        {
            (alphaCertified, betaCertified) = (search.AlphaValue, search.BetaValue);
        }
        else if (search.Full is not null)
        {
            (alphaCertified, betaCertified) = Certify(search.Full, required, effective);
            methods.Add("Gershgorin and full-Gram certificate");
        }

        (double? alphaDirectional, double? betaDirectional, int directions) = SampleDirections(search, budget);
        return new RestrictedConstants(
            level, effective, required.Length > 0, exact,
            search.AlphaValue, search.AlphaSupport, search.BetaValue, search.BetaSupport,
            alphaCertified, betaCertified, alphaDirectional, betaDirectional,
            search.Examined, directions, search.Clock.Elapsed.TotalSeconds, methods);
    }

    /// <summary>
    /// Gershgorin bounds over all supports of size <paramref name="level"/> containing <paramref name="required"/>:
    /// every eigenvalue of G_S lies in some [G_ii − R_i, G_ii + R_i], R_i = Σ_{j∈S, j≠i} |G_ij| ≤ (the required
    /// row entries) + (the largest free entries of row i); combined with λ_min(G) ≤ λ_min(G_S) ≤ λ_max(G_S) ≤ λ_max(G)
    /// and α ≥ 0 (G_S is positive semidefinite).
    /// </summary>
    public static (double AlphaLower, double BetaUpper) Certify(Matrix<double> gram, IReadOnlyList<int> required, int level)
    {
        int size = gram.RowCount;
        var isRequired = new bool[size];
        foreach (int r in required)
        {
            isRequired[r] = true;
        }

        double alpha = double.PositiveInfinity, beta = double.NegativeInfinity;
        var free = new double[size];
        for (int i = 0; i < size; i++)
        {
            int slots = level - required.Count - (isRequired[i] ? 0 : 1);
            if (slots < 0)
            {
                continue;
            }

            double radius = 0;
            int count = 0;
            for (int j = 0; j < size; j++)
            {
                if (j == i)
                {
                    continue;
                }

                if (isRequired[j])
                {
                    radius += Math.Abs(gram[i, j]);
                }
                else
                {
                    free[count++] = Math.Abs(gram[i, j]);
                }
            }

            Span<double> candidates = free.AsSpan(0, count);
            candidates.Sort();
            for (int t = 0; t < Math.Min(slots, count); t++)
            {
                radius += candidates[count - 1 - t];
            }

            alpha = Math.Min(alpha, gram[i, i] - radius);
            beta = Math.Max(beta, gram[i, i] + radius);
        }

        (double min, double max) = SymmetricEigenvalues.Extremes(gram);
        return (Math.Max(0, Math.Max(alpha, min)), Math.Min(beta, max));
    }

    private static void RunSearch(Search search, ActivationPatternOperator? structure, int[]? pairwiseHamming, List<string> methods)
    {
        if (search.Required.Length > 0)
        {
            search.Consider(search.Required);
        }

        if (structure is not null)
        {
            methods.Add("adversarial pairs and groups");
            Adversarial(search, structure, pairwiseHamming ?? Patterns.PatternStatistics.PairwiseHamming(structure.Patterns));
        }

        if (search.Full is not null && search.Level <= GreedyLevelLimit)
        {
            methods.Add("greedy growth and swaps");
            search.Improve(minimise: true);
            search.Improve(minimise: false);
        }

        methods.Add(search.Level > MaxEvaluatedSupport ? $"random supports of {MaxEvaluatedSupport} columns" : "random supports");
        while (!search.OutOfBudget && search.Examined < search.Budget.Supports)
        {
            search.Consider(search.RandomSupport());
            if (search.Columns - search.Required.Length <= search.Level - search.Required.Length)
            {
                break;
            }
        }
    }

    private static void Adversarial(Search search, ActivationPatternOperator structure, int[] hamming)
    {
        int d = structure.BlockSize, p = structure.Blocks;
        int extra = search.Level - search.Required.Length;
        if (p < 2 || extra < 1)
        {
            return;
        }

        var pairs = new List<(int A, int B, int H)>();
        for (int a = 0; a < p; a++)
        {
            for (int b = a + 1; b < p; b++)
            {
                pairs.Add((a, b, hamming[a * p + b]));
            }
        }

        pairs.Sort((x, y) => x.H != y.H ? x.H.CompareTo(y.H) : (x.A, x.B).CompareTo((y.A, y.B)));

        // Same coordinate in two blocks with nearly identical patterns: small λ_min. The 2×2 Grams of all d
        // coordinates of a pair come from one pass over the samples; the pairs themselves are witnesses when no
        // support is required, and the best few are joined to S* when one is.
        if (extra >= 2)
        {
            var scored = new List<(double Min, double Max, int[] Pair)>();
            foreach (var (a, b, _) in pairs.Take(AdversarialPairs))
            {
                (double Min, double Max)[] extremes = SameCoordinatePairExtremes(structure, a, b);
                for (int l = 0; l < d; l++)
                {
                    scored.Add((extremes[l].Min, extremes[l].Max, [a * d + l, b * d + l]));
                }
            }

            scored.Sort((x, y) => x.Min.CompareTo(y.Min));
            if (search.Required.Length == 0)
            {
                foreach (var (min, max, pair) in scored)
                {
                    search.Record(pair, min, max);
                }
            }
            else
            {
                for (int t = 0; t < Math.Min(5, scored.Count) && (t == 0 || !search.OutOfBudget); t++)
                {
                    search.Consider(search.Required.Union(scored[t].Pair).Order().ToArray());
                }
            }
        }

        // One coordinate across a block and its nearest blocks: large λ_max (and small λ_min).
        var anchors = pairs.Take(AdversarialPairs).SelectMany(t => new[] { t.A, t.B }).Distinct().Take(8).ToArray();
        foreach (int anchor in anchors)
        {
            int[] group = Enumerable.Range(0, p).OrderBy(b => b == anchor ? -1 : hamming[anchor * p + b]).ThenBy(b => b).Take(Math.Min(p, extra)).ToArray();
            foreach (int l in new[] { 0, d / 2, d - 1 }.Distinct())
            {
                if (search.OutOfBudget)
                {
                    return;
                }

                search.Consider(search.Required.Union(group.Select(b => b * d + l)).Order().Take(search.Level).ToArray());
            }
        }
    }

    /// <summary>
    /// For blocks a ≠ b and every coordinate ℓ, the extreme eigenvalues of the 2×2 Gram of columns (a, ℓ) and (b, ℓ):
    /// [[Σ_{D_a} x_ℓ², Σ_{D_a∩D_b} x_ℓ²], [Σ_{D_a∩D_b} x_ℓ², Σ_{D_b} x_ℓ²]]/n, in one pass over the samples.
    /// </summary>
    public static (double Min, double Max)[] SameCoordinatePairExtremes(ActivationPatternOperator structure, int a, int b)
    {
        int d = structure.BlockSize, n = structure.Rows;
        var onA = new double[d];
        var onB = new double[d];
        var both = new double[d];
        ReadOnlySpan<double> x = structure.Data.Values;
        for (int i = 0; i < n; i++)
        {
            bool inA = structure.Patterns.IsOn(a, i), inB = structure.Patterns.IsOn(b, i);
            if (!inA && !inB)
            {
                continue;
            }

            ReadOnlySpan<double> row = x.Slice(i * d, d);
            for (int l = 0; l < d; l++)
            {
                double square = row[l] * row[l];
                if (inA)
                {
                    onA[l] += square;
                }

                if (inB)
                {
                    onB[l] += square;
                }

                if (inA && inB)
                {
                    both[l] += square;
                }
            }
        }

        var result = new (double, double)[d];
        for (int l = 0; l < d; l++)
        {
            double p = onA[l] / n, q = onB[l] / n, c = both[l] / n;
            double mean = (p + q) / 2, radius = Math.Sqrt((p - q) * (p - q) / 4 + c * c);
            result[l] = (mean - radius, mean + radius);
        }

        return result;
    }

    private static (double?, double?, int) SampleDirections(Search search, EstimationBudget budget)
    {
        var random = new SeededRandom(budget.Seed, RandomStream.Estimation).Split(search.Level);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        int sampled = 0;
        var image = new double[search.Sensing.Rows];
        for (; sampled < budget.Directions && !search.OutOfBudget; sampled++)
        {
            int[] support = search.RandomSupport(random);
            var values = new double[support.Length];
            random.FillGaussian(values);
            search.Sensing.RestrictedForward(support, values, image);
            double quotient = Solver.Kernels.VectorKernels.SumOfSquares(image) / (search.Sensing.Rows * Solver.Kernels.VectorKernels.SumOfSquares(values));
            min = Math.Min(min, quotient);
            max = Math.Max(max, quotient);
        }

        return sampled > 0 ? (min, max, sampled) : (null, null, 0);
    }

    /// <summary>
    /// G = AᵀA/n over all N columns when N ≤ <see cref="EstimationBudget.FullGramLimit"/> and n·N² ≤
    /// <see cref="EstimationBudget.FullGramWork"/> (what certified bounds and enumeration need), else null.
    /// </summary>
    public static Matrix<double>? FullGram(SensingOperator sensing) =>
        sensing.Columns <= EstimationBudget.FullGramLimit && (double)sensing.Rows * sensing.Columns * sensing.Columns <= EstimationBudget.FullGramWork
            ? SymmetricEigenvalues.Gram(sensing, Enumerable.Range(0, sensing.Columns).ToArray())
            : null;

    /// <summary>C(n, k) as a double (∞ past 1e300).</summary>
    public static double Binomial(int n, int k)
    {
        if (k < 0 || k > n)
        {
            return 0;
        }

        double result = 1;
        for (int i = 1; i <= Math.Min(k, n - k); i++)
        {
            result = result * (n - Math.Min(k, n - k) + i) / i;
        }

        return result;
    }

    /// <summary>All supports of size <paramref name="size"/> in [0, n) that contain <paramref name="required"/>, in lexicographic order.</summary>
    public static IEnumerable<int[]> Combinations(int n, int size, int[] required)
    {
        int[] free = Enumerable.Range(0, n).Except(required).ToArray();
        int choose = size - required.Length;
        var position = Enumerable.Range(0, choose).ToArray();
        while (true)
        {
            yield return required.Concat(position.Select(t => free[t])).Order().ToArray();
            int i = choose - 1;
            while (i >= 0 && position[i] == free.Length - choose + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            position[i]++;
            for (int j = i + 1; j < choose; j++)
            {
                position[j] = position[j - 1] + 1;
            }
        }
    }

    /// <summary>The search state: the best supports so far and the budget.</summary>
    private sealed class Search
    {
        private readonly SeededRandom _random;

        public Search(SensingOperator sensing, int level, int[] required, EstimationBudget budget, Matrix<double>? full)
        {
            Sensing = sensing;
            Level = level;
            Required = required;
            Budget = budget;
            _random = new SeededRandom(budget.Seed, RandomStream.Estimation);
            Columns = sensing.Columns;
            Full = full;
        }

        public SensingOperator Sensing { get; }

        public int Level { get; }

        public int Columns { get; }

        public int[] Required { get; }

        public EstimationBudget Budget { get; }

        public Matrix<double>? Full { get; }

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public int Examined { get; private set; }

        public double AlphaValue { get; private set; } = double.PositiveInfinity;

        public int[] AlphaSupport { get; private set; } = [];

        public double BetaValue { get; private set; } = double.NegativeInfinity;

        public int[] BetaSupport { get; private set; } = [];

        public bool OutOfBudget => Clock.Elapsed.TotalSeconds > Budget.Seconds;

        public (double Min, double Max) Evaluate(int[] support) =>
            Full is not null
                ? SymmetricEigenvalues.Extremes(Sub(Full, support))
                : SymmetricEigenvalues.OfSupport(Sensing, support);

        public (double Min, double Max) Consider(int[] support)
        {
            (double min, double max) = Evaluate(support);
            Record(support, min, max);
            return (min, max);
        }

        /// <summary>Counts a support whose extreme eigenvalues were computed elsewhere.</summary>
        public void Record(int[] support, double min, double max)
        {
            Examined++;
            if (min < AlphaValue)
            {
                AlphaValue = min;
                AlphaSupport = support;
            }

            if (max > BetaValue)
            {
                BetaValue = max;
                BetaSupport = support;
            }
        }

        public int[] RandomSupport(SeededRandom? random = null)
        {
            random ??= _random;
            int[] free = Enumerable.Range(0, Columns).Except(Required).ToArray();
            int size = Math.Max(0, Math.Min(Level, Math.Max(MaxEvaluatedSupport, Required.Length)) - Required.Length);
            int[] picks = random.SampleWithoutReplacement(free.Length, Math.Min(free.Length, size));
            return Required.Concat(picks.Select(t => free[t])).Order().ToArray();
        }

        /// <summary>Greedy growth of the best support to the full level, then single-column swaps, while they help.</summary>
        public void Improve(bool minimise)
        {
            int[] current = minimise ? AlphaSupport : BetaSupport;
            if (current.Length == 0)
            {
                return;
            }

            double Score(int[] s) => minimise ? Evaluate(s).Min : -Evaluate(s).Max;
            int[] pool = Enumerable.Range(0, Columns).ToArray();
            if (pool.Length > GreedyPool)
            {
                pool = _random.SampleWithoutReplacement(Columns, GreedyPool);
            }

            double best = Score(current);
            while (current.Length < Level && !OutOfBudget && Examined < Budget.Supports)
            {
                int[] chosen = current;
                double chosenScore = double.PositiveInfinity;
                foreach (int c in pool.Where(c => !current.Contains(c)))
                {
                    int[] grown = current.Append(c).Order().ToArray();
                    double score = Score(grown);
                    Examined++;
                    if (score < chosenScore)
                    {
                        (chosen, chosenScore) = (grown, score);
                    }
                }

                if (chosen == current)
                {
                    break;
                }

                current = chosen;
                best = chosenScore;
            }

            Consider(current);
            bool improved = true;
            while (improved && !OutOfBudget && Examined < Budget.Supports)
            {
                improved = false;
                for (int t = 0; t < current.Length && !OutOfBudget; t++)
                {
                    if (Required.Contains(current[t]))
                    {
                        continue;
                    }

                    foreach (int c in pool.Where(c => !current.Contains(c)))
                    {
                        int[] swapped = current.Select((v, i) => i == t ? c : v).Order().ToArray();
                        double score = Score(swapped);
                        Examined++;
                        if (score < best - 1e-15)
                        {
                            (current, best, improved) = (swapped, score, true);
                            break;
                        }
                    }
                }
            }

            Consider(current);
        }

        private static Matrix<double> Sub(Matrix<double> full, int[] support)
        {
            var result = Matrix<double>.Build.Dense(support.Length, support.Length);
            for (int a = 0; a < support.Length; a++)
            {
                for (int b = 0; b < support.Length; b++)
                {
                    result[a, b] = full[support[a], support[b]];
                }
            }

            return result;
        }
    }
}
