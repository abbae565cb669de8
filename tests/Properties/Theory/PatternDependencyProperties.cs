using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Patterns;

namespace SparseIhtVerify.Properties;

/// <summary>
/// Pattern overlap and dependencies (theory.md §3): the overlap counts |D_j ∩ D_k| against brute-force counting, the
/// exact dependencies Σ c_j D_j = 0 against a sample-by-sample check and a brute-force enumeration, planted dependencies
/// found, the per-coordinate Grams of a block set against the dense Gram, and the near-dependency search on two
/// planted complementary pairs.
/// </summary>
public sealed class PatternDependencyProperties
{
    /// <summary>Relative tolerance of eigenvalues and Gram entries against the dense computation.</summary>
    private const double Relative = 1e-12;

    /// <summary>|D_j ∩ D_k| by IsOn, sample by sample.</summary>
    private static int BruteCount(ActivationPatterns patterns, int j, int k) =>
        Enumerable.Range(0, patterns.Samples).Count(i => patterns.IsOn(j, i) && patterns.IsOn(k, i));

    private static bool SamePattern(ActivationPatterns patterns, int j, int k) =>
        Enumerable.Range(0, patterns.Samples).All(i => patterns.IsOn(j, i) == patterns.IsOn(k, i));

    private static bool AllOff(ActivationPatterns patterns, int j) => Enumerable.Range(0, patterns.Samples).All(i => !patterns.IsOn(j, i));

    /// <summary>Σ_t c_t D_{B_t}(i) = 0 for every sample i.</summary>
    private static bool Holds(ActivationPatterns patterns, IReadOnlyList<int> blocks, IReadOnlyList<int> coefficients) =>
        Enumerable.Range(0, patterns.Samples).All(i => blocks.Select((j, t) => patterns.IsOn(j, i) ? coefficients[t] : 0).Sum() == 0);

    /// <summary>The smallest block with the same pattern, by brute force (all-off blocks: themselves).</summary>
    private static int[] BruteRepresentatives(ActivationPatterns patterns) =>
        Enumerable.Range(0, patterns.Blocks)
            .Select(j => AllOff(patterns, j) ? j : Enumerable.Range(0, j + 1).First(k => SamePattern(patterns, j, k)))
            .ToArray();

    /// <summary>Every minimal dependency of the four forms, by enumerating block subsets (three- and four-block ones on representatives).</summary>
    private static SortedSet<string> BruteDependencies(ActivationPatterns patterns)
    {
        int p = patterns.Blocks;
        int[] representative = BruteRepresentatives(patterns);
        bool[] off = Enumerable.Range(0, p).Select(j => AllOff(patterns, j)).ToArray();
        int[] reps = Enumerable.Range(0, p).Where(j => !off[j] && representative[j] == j).ToArray();
        var found = new SortedSet<string>(StringComparer.Ordinal);
        void Add(PatternDependencyKind kind, params (int Block, int C)[] terms)
        {
            var sorted = terms.OrderBy(t => t.Block).ToArray();
            int sign = sorted[0].C > 0 ? 1 : -1;
            found.Add(Key(kind, sorted.Select(t => t.Block).ToArray(), sorted.Select(t => sign * t.C).ToArray()));
        }

        for (int a = 0; a < p; a++)
        {
            if (off[a])
            {
                Add(PatternDependencyKind.AllOff, (a, 1));
            }

            for (int b = a + 1; b < p; b++)
            {
                if (!off[a] && !off[b] && SamePattern(patterns, a, b))
                {
                    Add(PatternDependencyKind.Duplicate, (a, 1), (b, -1));
                }
            }
        }

        foreach (int[] set in Subsets(reps, 3))
        {
            for (int single = 0; single < 3; single++)
            {
                var terms = set.Select((j, t) => (j, t == single ? -1 : 1)).ToArray();
                if (Holds(patterns, terms.Select(t => t.j).ToArray(), terms.Select(t => t.Item2).ToArray()))
                {
                    Add(PatternDependencyKind.PairSumEqualsSingle, terms);
                }
            }
        }

        foreach (int[] set in Subsets(reps, 4))
        {
            // The three ways to split four blocks into two pairs: {0, t} against the other two.
            for (int t = 1; t < 4; t++)
            {
                var terms = set.Select((j, u) => (j, u == 0 || u == t ? 1 : -1)).ToArray();
                if (Holds(patterns, terms.Select(x => x.j).ToArray(), terms.Select(x => x.Item2).ToArray()))
                {
                    Add(PatternDependencyKind.TwoPairsEqualSums, terms);
                }
            }
        }

        return found;
    }

    private static IEnumerable<int[]> Subsets(int[] items, int size)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }

        for (int t = 0; t + size <= items.Length; t++)
        {
            foreach (int[] rest in Subsets(items[(t + 1)..], size - 1))
            {
                yield return [items[t], .. rest];
            }
        }
    }

    private static string Key(PatternDependencyKind kind, IReadOnlyList<int> blocks, IReadOnlyList<int> coefficients) =>
        $"{kind}:{string.Join(",", blocks)}:{string.Join(",", coefficients)}";

    private static string Key(PatternDependency d) => Key(d.Kind, d.Blocks, d.Coefficients);

    private static int ExpectedSize(PatternDependencyKind kind) => kind switch
    {
        PatternDependencyKind.AllOff => 1,
        PatternDependencyKind.Duplicate => 2,
        PatternDependencyKind.PairSumEqualsSingle => 3,
        _ => 4,
    };

    /// <summary>All eigenvalues of a symmetric matrix, ascending (MathNet), and the dense eigenvector of the smallest.</summary>
    private static double[] Eigenvalues(Matrix<double> symmetric) =>
        symmetric.Evd(Symmetricity.Symmetric).EigenValues.Select(v => v.Real).Order().ToArray();

    // C_jk = |D_j ∩ D_k| equals IsOn counting for every pair, is symmetric with C_jj = tr(D_j), gives O_jk = C_jk/n and
    // Hamming = C_jj + C_kk − 2C_jk, and does not depend on the thread count.
    [Property(MaxTest = 200)]
    public Property OverlapEqualsBruteForceCounting() =>
        Prop.ForAll(PatternSetCase.Cases(12), c =>
        {
            ActivationPatterns patterns = c.Build().Patterns;
            PatternOverlap overlap = PatternOverlap.Compute(patterns);
            PatternOverlap threaded = PatternOverlap.Compute(patterns, 3);
            int p = patterns.Blocks, n = patterns.Samples;
            var wrong = new List<string>();
            for (int j = 0; j < p; j++)
            {
                for (int k = 0; k < p; k++)
                {
                    int expected = BruteCount(patterns, j, k);
                    int hamming = Enumerable.Range(0, n).Count(i => patterns.IsOn(j, i) != patterns.IsOn(k, i));
                    if (overlap.Count(j, k) != expected || threaded.Count(j, k) != expected || overlap.Fraction(j, k) != (double)expected / n
                        || overlap.Hamming(j, k) != hamming || (j == k && overlap.Count(j, j) != patterns.ActiveCount(j)))
                    {
                        wrong.Add($"({j},{k}): {overlap.Count(j, k)} / {threaded.Count(j, k)} vs {expected}");
                    }
                }
            }

            int[] some = Enumerable.Range(0, p).Reverse().ToArray();
            Matrix<double> sub = overlap.Submatrix(some);
            bool subOk = Enumerable.Range(0, p).All(s => Enumerable.Range(0, p).All(t => sub[s, t] == overlap.Fraction(some[s], some[t])));
            return (wrong.Count == 0).Label($"wrong counts {string.Join("; ", wrong.Take(5))}; {c}")
                .And(subOk.Label($"Submatrix disagrees with Fraction; {c}"))
                .Classify(n % 64 == 0, "n multiple of 64")
                .Classify(n < 64, "one partial word")
                .Classify(n > 128, "three or four words");
        });

    // Every reported dependency holds sample by sample, is canonical (increasing blocks, nonzero coefficients, first
    // positive, size fitting its kind) and minimal (no all-off block in a larger one, no two equal patterns in a 3- or
    // 4-block one, which use representatives), and the representatives are the smallest block of each pattern.
    [Property(MaxTest = 200)]
    public Property EveryReportedDependencyHoldsExactly() =>
        Prop.ForAll(PatternSetCase.Cases(12), c =>
        {
            ActivationPatterns patterns = c.Build().Patterns;
            PatternDependencies found = PatternDependencies.Find(patterns);
            int[] representative = BruteRepresentatives(patterns);
            var bad = new List<string>();
            foreach (PatternDependency d in found.Dependencies)
            {
                IReadOnlyList<int> b = d.Blocks;
                bool canonical = b.Count == ExpectedSize(d.Kind) && b.Count == d.Coefficients.Count
                    && Enumerable.Range(1, b.Count - 1).All(t => b[t] > b[t - 1]) && d.Coefficients.All(x => x != 0) && d.Coefficients[0] > 0;
                bool minimal = b.Count == 1
                    || (b.All(j => !AllOff(patterns, j))
                        && (b.Count == 2 || b.All(j => representative[j] == j && found.Representative[j] == j)));
                if (!canonical || !minimal || !Holds(patterns, b, d.Coefficients))
                {
                    bad.Add($"{d} (canonical {canonical}, minimal {minimal})");
                }
            }

            bool repsOk = representative.SequenceEqual(found.Representative);
            return (bad.Count == 0).Label($"bad dependencies {string.Join("; ", bad.Take(5))}; {c}")
                .And(repsOk.Label($"representatives [{string.Join(",", found.Representative)}] vs [{string.Join(",", representative)}]; {c}"))
                .Classify(found.Dependencies.Any(d => d.Kind == PatternDependencyKind.TwoPairsEqualSums), "two pairs found")
                .Classify(found.Dependencies.Any(d => d.Kind == PatternDependencyKind.PairSumEqualsSingle), "pair = single found")
                .Classify(found.Dependencies.Count == 0, "none");
        });

    // The finder lists exactly the minimal dependencies that enumerating every block subset finds, with the production hash
    // and with degenerate hash weights (all 1, or all 0) that make every collision go through the bit-for-bit verification.
    [Property(MaxTest = 150)]
    public Property DependenciesEqualBruteForceEnumerationWhateverTheHash() =>
        Prop.ForAll(PatternSetCase.Cases(9), Gen.Elements(0, 1, 2).ToArbitrary(), (c, hash) =>
        {
            ActivationPatterns patterns = c.Build().Patterns;
            PatternDependencies found = hash == 0
                ? PatternDependencies.Find(patterns, 1000)
                : PatternDependencies.Find(patterns, 1000, _ => hash == 1 ? 1UL : 0UL);
            SortedSet<string> expected = BruteDependencies(patterns);
            string[] actual = found.Dependencies.Select(Key).ToArray();
            bool totals = Enum.GetValues<PatternDependencyKind>().All(k => found.Total(k) == found.Dependencies.Count(d => d.Kind == k));
            return actual.SequenceEqual(expected, StringComparer.Ordinal)
                .Label($"found [{string.Join(" ", actual)}] vs brute force [{string.Join(" ", expected)}]; hash {hash}; {c}")
                .And(totals.Label($"totals disagree with the list; {c}"))
                .And((!found.Truncated).Label("truncated below 1000"))
                .Classify(expected.Count > 0, "some dependency")
                .Classify(expected.Any(k => k.StartsWith("TwoPairs", StringComparison.Ordinal)), "two pairs");
        });

    // The cap lists the lexicographically first dependencies of each kind and counts all of them.
    [Property(MaxTest = 100)]
    public Property CapKeepsTheFirstDependenciesOfEachKind() =>
        Prop.ForAll(PatternSetCase.Cases(12), Gen.Choose(0, 3).ToArbitrary(), (c, cap) =>
        {
            ActivationPatterns patterns = c.Build().Patterns;
            PatternDependencies all = PatternDependencies.Find(patterns, 100_000);
            PatternDependencies capped = PatternDependencies.Find(patterns, cap);
            string[] expected = all.Dependencies.GroupBy(d => d.Kind).SelectMany(g => g.Take(cap)).Select(Key).ToArray();
            bool totals = Enum.GetValues<PatternDependencyKind>().All(k => capped.Total(k) == all.Total(k));
            bool truncated = capped.Truncated == Enum.GetValues<PatternDependencyKind>().Any(k => all.Total(k) > cap);
            return capped.Dependencies.Select(Key).SequenceEqual(expected, StringComparer.Ordinal)
                .Label($"capped [{string.Join(" ", capped.Dependencies.Select(Key))}] vs [{string.Join(" ", expected)}]; cap {cap}; {c}")
                .And(totals.Label("totals differ"))
                .And(truncated.Label("Truncated wrong"))
                .Classify(capped.Truncated, "truncated");
        });

    // A planted duplicate, complementary pair with an all-on block (≥), two complementary pairs, or all-off block (>) among
    // random generators is reported with its kind, on the planted blocks mapped to their representatives (or, when two planted
    // blocks share a pattern, as the duplicates that imply it).
    [Property(MaxTest = 150)]
    public Property PlantedDependencyIsFound() =>
        Prop.ForAll(PlantedDependencyCase.Cases, c =>
        {
            var (sensing, blocks, coefficients) = c.Build();
            ActivationPatterns patterns = sensing.Patterns;
            PatternDependencies found = PatternDependencies.Find(patterns);
            int[] representative = BruteRepresentatives(patterns);
            int[] expected = c.Planted == PlantedDependency.Duplicate ? [.. blocks.Order()] : [.. blocks.Select(j => representative[j]).Order()];

            // Two planted blocks with one pattern (small d or n): the planted dependency is then implied by duplicates, each listed.
            bool degenerate = expected.Distinct().Count() < expected.Length;
            bool hit = degenerate
                ? blocks.Where(j => representative[j] != j).All(j => found.Dependencies.Any(d => d.Kind == PatternDependencyKind.Duplicate && d.Blocks.SequenceEqual([representative[j], j])))
                : found.Dependencies.Any(d => d.Kind == c.ExpectedKind && d.Blocks.SequenceEqual(expected));
            return Holds(patterns, blocks, coefficients).Label($"the planted dependency does not hold: the test is wrong; {c}")
                .And(hit.Label($"no {(degenerate ? "duplicates for" : c.ExpectedKind.ToString())} [{string.Join(",", expected)}] among [{string.Join("; ", found.Dependencies)}]; {c}"))
                .Classify(!expected.SequenceEqual(blocks.Order()), "planted block with a duplicate")
                .Classify(degenerate, "planted dependency implied by duplicates")
                .Collect(c.Planted);
        });

    // The per-coordinate Grams of a block set equal the dense Gram A_SᵀA_S/n of S = {j·d + ℓ}, entry by entry and in their
    // extreme eigenvalues (1e-12 of λ_max), and the λ_min eigenvector v has unit norm with ‖A_S v‖²/n = λ_min.
    [Property(MaxTest = 150)]
    public Property SameCoordinateGramEqualsDenseGram() =>
        Prop.ForAll(PatternSetCase.Cases(10), Gen.ArrayOf(Gen.Choose(0, int.MaxValue), 8).ToArbitrary(), (c, picks) =>
        {
            ActivationPatternOperator sensing = c.Build();
            int p = sensing.Blocks, d = sensing.BlockSize, n = sensing.Rows;
            int[] blocks = picks.Select(v => v % p).Distinct().Take(Math.Min(6, p)).ToArray();
            SameCoordinateGram grams = SameCoordinateGram.Compute(sensing, blocks);
            var bad = new List<string>();
            for (int l = 0; l < d; l++)
            {
                int[] support = grams.Support(l);
                Matrix<double> dense = SymmetricEigenvalues.Gram(sensing, support);
                Matrix<double> gram = grams.Gram(l);
                double[] values = Eigenvalues(dense);
                double scale = Math.Max(values[^1], 1e-300);
                double entryError = (gram - dense).Enumerate().Max(Math.Abs);
                var (min, max) = grams.Extremes(l);
                double[] v = grams.MinEigenvector(l);
                var image = new double[n];
                sensing.RestrictedForward(support, v, image);
                double quotient = image.Sum(e => e * e) / n;
                double norm = Math.Sqrt(v.Sum(e => e * e));
                if (entryError > Relative * scale || Math.Abs(min - values[0]) > Relative * scale || Math.Abs(max - values[^1]) > Relative * scale
                    || Math.Abs(norm - 1) > 1e-12 || Math.Abs(quotient - min) > 1e-10 * scale)
                {
                    bad.Add($"ℓ={l}: entries {entryError:G3}, λ ({min:G17}, {max:G17}) vs ({values[0]:G17}, {values[^1]:G17}), ‖v‖ {norm}, ‖A_S v‖²/n {quotient:G6}");
                }
            }

            bool sorted = grams.Blocks.SequenceEqual(blocks.Order()) && grams.Support(0).SequenceEqual(blocks.Order().Select(j => j * d));
            return (bad.Count == 0).Label($"[{string.Join(",", grams.Blocks)}] {string.Join("; ", bad.Take(3))}; {c}")
                .And(sorted.Label("blocks or support not in increasing order"))
                .Classify(blocks.Length >= 4, "|B| ≥ 4")
                .Classify(grams.SmallestMinimum().Min < 1e-12, "singular Gram");
        });

    // On two planted complementary pairs, λ_min of the four blocks' Gram is ≤ 1e-12 at every coordinate, and (when the four
    // patterns are distinct, so the null space is one-dimensional) its eigenvector is the planted ±(1, 1, −1, −1)/2.
    [Property(MaxTest = 60)]
    public Property TwoComplementaryPairsGiveZeroMinimumAtEveryCoordinate() =>
        Prop.ForAll(Arb.From(
            from q in Gen.Choose(0, 12)
            from n in Gen.Choose(50, 400)
            from d in Gen.Choose(1, 6)
            from seed in InstanceGenerators.Seed
            from rule in Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
            select new PlantedDependencyCase(PlantedDependency.TwoComplementaryPairs, q, n, d, seed, rule)), c =>
        {
            var (sensing, blocks, coefficients) = c.Build();
            SameCoordinateGram grams = SameCoordinateGram.Compute(sensing, blocks);

            // With two equal planted patterns (d = 1, or an unlucky small n) the null space has dimension 2: no unique direction.
            bool distinct = Subsets(blocks, 2).All(pair => !SamePattern(sensing.Patterns, pair[0], pair[1]));
            double[] planted = grams.Blocks.Select(j => coefficients[Array.IndexOf(blocks, j)] / 2.0).ToArray();
            var bad = new List<string>();
            for (int l = 0; l < sensing.BlockSize; l++)
            {
                double[] v = grams.MinEigenvector(l);
                double alignment = Math.Abs(v.Zip(planted, (x, y) => x * y).Sum());
                if (grams.Extremes(l).Min > 1e-12 || (distinct && alignment < 1 - 1e-9))
                {
                    bad.Add($"ℓ={l}: λ_min {grams.Extremes(l).Min:G6}, |⟨v, planted⟩| {alignment:G12}");
                }
            }

            return (bad.Count == 0).Label($"{string.Join("; ", bad)}; {c}")
                .Classify(!distinct, "two planted patterns equal");
        });

    // Every near dependency returned has increasing blocks (2 ≤ |B| ≤ MaxSize), eigenvalues equal to those of O_B from
    // brute-force counts, a unit coefficient vector c with cᵀO_B c = λ_min, and the list is in the documented order.
    [Property(MaxTest = 100)]
    public Property NearDependenciesAreSortedAndTheirEigenvaluesAreExact() =>
        Prop.ForAll(PatternSetCase.Cases(12), c =>
        {
            ActivationPatterns patterns = c.Build().Patterns;
            var budget = new NearDependencyBudget(ClosePairs: 4, FarPairs: 4, Beam: 2, Candidates: 4, MaxSize: 5, Results: 20);
            IReadOnlyList<NearDependency> found = NearDependencySearch.Find(PatternOverlap.Compute(patterns), budget);
            var bad = new List<string>();
            double previous = double.NegativeInfinity;
            int previousSize = 0;
            foreach (NearDependency e in found)
            {
                int[] b = [.. e.Blocks];
                Matrix<double> o = Matrix<double>.Build.Dense(b.Length, b.Length, (s, t) => (double)BruteCount(patterns, b[s], b[t]) / patterns.Samples);
                double[] values = Eigenvalues(o);
                double scale = Math.Max(values[^1], 1e-300);
                Vector<double> v = Vector<double>.Build.DenseOfEnumerable(e.Coefficients);
                double key = e.NumericallySingular ? 0 : e.MinEigenvalue;
                bool ordered = key > previous || (key == previous && b.Length >= previousSize);
                if (b.Length < 2 || b.Length > budget.MaxSize || Enumerable.Range(1, b.Length - 1).Any(t => b[t] <= b[t - 1])
                    || Math.Abs(e.MinEigenvalue - values[0]) > Relative * scale || Math.Abs(e.MaxEigenvalue - values[^1]) > Relative * scale
                    || Math.Abs(v.L2Norm() - 1) > 1e-12 || Math.Abs(v * (o * v) - e.MinEigenvalue) > 1e-12 * scale
                    || e.NumericallySingular != (e.MinEigenvalue <= NearDependencySearch.SingularTolerance * e.MaxEigenvalue) || !ordered)
                {
                    bad.Add(e.ToString());
                }

                (previous, previousSize) = (key, b.Length);
            }

            return (bad.Count == 0).Label($"bad results {string.Join("; ", bad.Take(4))}; {c}")
                .And((found.Count <= budget.Results).Label("too many results"))
                .And((patterns.Blocks >= 2 == found.Count > 0).Label("results exactly when p ≥ 2"))
                .Classify(found.Any(e => e.NumericallySingular), "singular subset");
        });

    // Among 4..16 random generators plus h1, −h1, h2, −h2 (d = 5, n = 500), the first near dependency is the four planted
    // blocks, numerically singular, with coefficients ±(1, 1, −1, −1)/2.
    [Property(MaxTest = 60)]
    public Property NearDependencySearchFindsTwoComplementaryPairs() =>
        Prop.ForAll(Arb.From(
            from q in Gen.Choose(4, 16)
            from seed in InstanceGenerators.Seed
            from rule in Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
            select new PlantedDependencyCase(PlantedDependency.TwoComplementaryPairs, q, 500, 5, seed, rule)), c =>
        {
            var (sensing, blocks, coefficients) = c.Build();
            IReadOnlyList<NearDependency> found = NearDependencySearch.Find(PatternOverlap.Compute(sensing.Patterns));
            NearDependency? first = found.Count > 0 ? found[0] : null;
            int[] planted = [.. blocks.Order()];
            double alignment = first is null || !first.Blocks.SequenceEqual(planted) ? 0
                : Math.Abs(first.Blocks.Select((j, t) => first.Coefficients[t] * coefficients[Array.IndexOf(blocks, j)] / 2.0).Sum());
            return (first is not null && first.Blocks.SequenceEqual(planted) && first.NumericallySingular && alignment > 1 - 1e-9)
                .Label($"first {first?.ToString() ?? "none"} vs planted [{string.Join(",", planted)}], alignment {alignment}; {c}");
        });

    // Growth by one block is screened by the Schur complement: with a single candidate per subset, the search still
    // completes the complementary pair h, −h by the all-on block of h = 0 (≥), which lies in its span (q = 0).
    [Property(MaxTest = 60)]
    public Property NearDependencySearchCompletesAComplementaryPairByItsAllOnBlock() =>
        Prop.ForAll(Arb.From(
            from q in Gen.Choose(4, 16)
            from seed in InstanceGenerators.Seed
            select new PlantedDependencyCase(PlantedDependency.ComplementAndAllOn, q, 500, 5, seed, PatternRule.GreaterOrEqual)), c =>
        {
            var (sensing, blocks, _) = c.Build();
            var budget = new NearDependencyBudget(ClosePairs: 0, FarPairs: 2, Beam: 1, Candidates: 1, MaxSize: 4, Results: 4);
            IReadOnlyList<NearDependency> found = NearDependencySearch.Find(PatternOverlap.Compute(sensing.Patterns), budget);
            int[] planted = [.. blocks.Order()];
            return (found.Count > 0 && found[0].Blocks.SequenceEqual(planted) && found[0].NumericallySingular)
                .Label($"first {(found.Count > 0 ? found[0].ToString() : "none")} vs planted [{string.Join(",", planted)}]; {c}");
        });
}
