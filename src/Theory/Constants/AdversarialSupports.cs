using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Theory.Constants;

/// <summary>
/// Supports built from the block structure of the activation-pattern operator, where the extreme eigenvalues of
/// G_S live (theory.md §3): the same input coordinate in two blocks whose patterns nearly coincide (a 2×2 Gram
/// [[a, c], [c, b]] with c ≈ a ≈ b has λ_min ≈ 0), and one coordinate across a block and its nearest blocks (large λ_max).
/// </summary>
internal static class AdversarialSupports
{
    /// <summary>Block pairs of smallest Hamming distance whose same-coordinate Grams are examined.</summary>
    public const int Pairs = 40;

    /// <summary>Evaluates the pair and group supports in <paramref name="search"/>.</summary>
    public static void Run(SupportSearch search, IGatedBlocks structure, int[] hamming)
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

        // The 2×2 Grams of all d coordinates of a pair come from one pass over the samples; the pairs themselves are
        // witnesses when no support is required, and the best few are joined to S* when one is.
        if (extra >= 2)
        {
            var scored = new List<(double Min, double Max, int[] Pair)>();
            foreach (var (a, b, _) in pairs.Take(Pairs))
            {
                search.Charge(3.0 * structure.Rows * d);
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

        var anchors = pairs.Take(Pairs).SelectMany(t => new[] { t.A, t.B }).Distinct().Take(8).ToArray();
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
    public static (double Min, double Max)[] SameCoordinatePairExtremes(IGatedBlocks structure, int a, int b)
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
}
