using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Theory.Constants;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// The adversarial supports of the network operator (<see cref="AdversarialSupports"/>, theory.md §3) on pattern sets with
/// copies, negations and zero generators: the same-coordinate pair extremes are the spectra of the 2×2 Grams; the pass examines
/// exactly the documented supports (the d same-coordinate pairs of the 40 block pairs of smallest Hamming distance, recorded at
/// their extremes without S*, the five best joined to S* with it; then, for each of the first eight blocks met in those pairs,
/// the group of that block and its nearest blocks at coordinates 0, d/2 and d − 1, until the work budget is spent); and on
/// structured instances they reach the exact extremes the theory names (a duplicate pattern or an all-off block gives α = 0,
/// identical patterns give β_k = k·max G_jj, the trace bound).
/// </summary>
public sealed class AdversarialSupportProperties
{
    /// <summary>Block pairs whose same-coordinate Grams are examined (<see cref="AdversarialSupports.Pairs"/>).</summary>
    private const int Pairs = AdversarialSupports.Pairs;

    /// <summary>Blocks that anchor a group (the first eight met in the closest pairs) and the best pairs joined to S*.</summary>
    private const int Anchors = 8, JoinedPairs = 5;

    // The extremes of the same-coordinate 2×2 Gram of columns (a, ℓ) and (b, ℓ) are its eigenvalues, for every ordered pair of blocks and every coordinate.
    [Property(MaxTest = 60)]
    public Property PairExtremesAreTheSameCoordinateGramSpectrum() =>
        Prop.ForAll(PatternCase.Gen(2, 6).ToArbitrary(), c =>
        {
            ActivationPatternOperator op = c.Build();
            Matrix<double> gram = BruteForceConstants.Gram(DenseMatrixOperator.FromOperator(op));
            int d = c.Inputs;
            var failures = new List<string>();
            bool singular = false;
            for (int a = 0; a < c.Blocks; a++)
            {
                for (int b = 0; b < c.Blocks; b++)
                {
                    if (a == b)
                    {
                        continue;
                    }

                    (double Min, double Max)[] extremes = AdversarialSupports.SameCoordinatePairExtremes(op, a, b);
                    for (int l = 0; l < d; l++)
                    {
                        (double min, double max) = BruteForceConstants.Extremes(gram, [a * d + l, b * d + l]);
                        double tol = 1e-12 * Math.Max(1, max);
                        singular |= Math.Abs(min) <= tol;
                        if (!(Math.Abs(extremes[l].Min - min) <= tol && Math.Abs(extremes[l].Max - max) <= tol))
                        {
                            failures.Add($"blocks ({a}, {b}) coordinate {l}: [{SearchFixtures.R(extremes[l].Min)}, {SearchFixtures.R(extremes[l].Max)}], the Gram's eigenvalues [{SearchFixtures.R(min)}, {SearchFixtures.R(max)}]");
                        }
                    }
                }
            }

            return (failures.Count == 0).Label($"{string.Join(" | ", failures.Take(3))}; {c}").Classify(singular, "a singular pair");
        });

    /// <summary>An instance, a level, |S*|, a seed for S*, and whether (and where) a work budget cuts the pass.</summary>
    public sealed record RunCase(PatternCase Pattern, int Level, int Required, long Seed, bool WorkCut, double Pick)
    {
        public override string ToString() => $"RunCase(level {Level}, |S*| = {Required}, seed {Seed}, work cut {WorkCut}, pick {Pick:R}, {Pattern})";
    }

    private static readonly Gen<RunCase> RunGen =
        from pattern in Gen.Frequency((1, PatternCase.Gen(2, 2)), (4, PatternCase.Gen(1, 13)))
        from level in Gen.Choose(1, Math.Min(pattern.Columns, 7))
        from required in Gen.Frequency((2, Gen.Constant(0)), (2, Gen.Choose(Math.Min(1, level), Math.Max(Math.Min(1, level), level - 2))), (1, Gen.Choose(0, level)))
        from seed in Generators.InstanceGenerators.Seed
        from cut in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
        from pick in Gen.Choose(0, 999)
        select new RunCase(pattern, level, required, seed, cut, pick / 1000.0);

    /// <summary>The documented pass on the model search, with every budget check logged.</summary>
    private static void ModelRun(SearchModel search, ActivationPatternOperator structure, int[] hamming, int level, int[] required, HashSet<string> events)
    {
        int d = structure.BlockSize, p = structure.Blocks, extra = level - required.Length;
        if (p < 2 || extra < 1)
        {
            return;
        }

        var closest = Enumerable.Range(0, p).SelectMany(a => Enumerable.Range(a + 1, p - a - 1).Select(b => (A: a, B: b, H: hamming[a * p + b])))
            .OrderBy(t => t.H).ThenBy(t => t.A).ThenBy(t => t.B).Take(Pairs).ToArray();
        events.Add(p * (p - 1) / 2 > Pairs ? "more than 40 pairs" : "every pair");
        if (extra >= 2)
        {
            var scored = new List<(double Min, double Max, int[] Pair)>();
            foreach (var (a, b, _) in closest)
            {
                search.Charge(3.0 * structure.Rows * d);
                var extremes = AdversarialSupports.SameCoordinatePairExtremes(structure, a, b);
                scored.AddRange(Enumerable.Range(0, d).Select(l => (extremes[l].Min, extremes[l].Max, new[] { a * d + l, b * d + l })));
            }

            // Ties in λ_min are put in the order the search's sort gives them (List.Sort on λ_min), so that the first attaining support agrees.
            scored.Sort((x, y) => x.Min.CompareTo(y.Min));
            if (required.Length == 0)
            {
                foreach (var (min, max, pair) in scored)
                {
                    search.Record(pair, min, max);
                }

                events.Add("pairs recorded");
            }
            else
            {
                for (int t = 0; t < Math.Min(JoinedPairs, scored.Count); t++)
                {
                    // The best pair is joined whatever the budget (the check at t = 0 is logged only, so that a budget can sit on it).
                    bool lasts = search.BudgetLasts(checkSupports: false);
                    if (t > 0 && !lasts)
                    {
                        events.Add("stopped by the work budget");
                        break;
                    }

                    search.Consider([.. required.Union(scored[t].Pair).Order()]);
                }

                events.Add("best pairs joined to S*");
            }
        }

        int[] anchors = closest.SelectMany(t => new[] { t.A, t.B }).Distinct().Take(Anchors).ToArray();
        events.Add(closest.SelectMany(t => new[] { t.A, t.B }).Distinct().Count() > Anchors ? "more than 8 anchors" : "every block an anchor");
        foreach (int anchor in anchors)
        {
            int[] group = Enumerable.Range(0, p).Where(b => b != anchor).OrderBy(b => hamming[anchor * p + b]).ThenBy(b => b)
                .Prepend(anchor).Take(Math.Min(p, extra)).ToArray();
            events.Add(group.Length < p ? "group smaller than p" : "group of every block");
            foreach (int l in new[] { 0, d / 2, d - 1 }.Distinct())
            {
                if (!search.BudgetLasts(checkSupports: false))
                {
                    events.Add("stopped by the work budget");
                    return;
                }

                search.Consider([.. required.Union(group.Select(b => b * d + l)).Order()]);
            }
        }
    }

    private static CaseVerdict CheckRun(RunCase c)
    {
        var v = new CaseVerdict();
        ActivationPatternOperator op = c.Pattern.Build();
        Matrix<double> gram = RestrictedConstantEstimator.FullGram(op)!;
        int[] hamming = SearchFixtures.Hamming(op);
        int[] required = SearchFixtures.Subset(new SeededRandom(c.Seed, RandomStream.Support), op.Columns, c.Required);

        // The work budget: none, or exactly the work at one of the pass's budget checks.
        var events = new HashSet<string>();
        var unlimited = new SearchModel(gram, c.Level, required, int.MaxValue, double.PositiveInfinity, 0);
        ModelRun(unlimited, op, hamming, c.Level, required, events);
        double work = c.WorkCut && unlimited.Checkpoints.Count > 0 ? unlimited.Checkpoints[(int)(c.Pick * unlimited.Checkpoints.Count)].Work : double.PositiveInfinity;

        events.Clear();
        var model = new SearchModel(gram, c.Level, required, int.MaxValue, work, 0);
        ModelRun(model, op, hamming, c.Level, required, events);
        var search = new SupportSearch(op, c.Level, required, new EstimationBudget(int.MaxValue, work, Directions: 0), gram);
        AdversarialSupports.Run(search, op, hamming);

        string where = $"S* = {SearchFixtures.Show(required)}, work budget {work}";
        v.Require(search.Examined == model.Examined, () => $"{search.Examined} supports examined, the documented pass examines {model.Examined}; {where}");
        v.Require(search.WorkSpent == model.WorkSpent, () => $"work {search.WorkSpent}, the documented pass spends {model.WorkSpent}; {where}");
        v.Require(search.AlphaValue.Equals(model.AlphaValue) && search.AlphaSupport.SequenceEqual(model.AlphaSupport),
            () => $"α {SearchFixtures.R(search.AlphaValue)} on {SearchFixtures.Show(search.AlphaSupport)}, the documented pass gives {SearchFixtures.R(model.AlphaValue)} on {SearchFixtures.Show(model.AlphaSupport)}; {where}");
        v.Require(search.BetaValue.Equals(model.BetaValue) && search.BetaSupport.SequenceEqual(model.BetaSupport),
            () => $"β {SearchFixtures.R(search.BetaValue)} on {SearchFixtures.Show(search.BetaSupport)}, the documented pass gives {SearchFixtures.R(model.BetaValue)} on {SearchFixtures.Show(model.BetaSupport)}; {where}");
        v.Require(SearchFixtures.Increasing(search.AlphaSupport) && SearchFixtures.Increasing(search.BetaSupport), () => $"a witness support is not increasing; {where}");
        v.Require(new[] { search.AlphaSupport, search.BetaSupport }.All(s => s.Length == 0 || (s.Length <= c.Level && required.All(s.Contains))),
            () => $"a witness support is larger than the level or misses S*; {where}");
        foreach (string e in events)
        {
            v.Tag(true, e);
        }

        int extra = c.Level - required.Length;
        v.Tag(extra == 0, "level = |S*|");
        v.Tag(extra == 1, "one free column");
        v.Tag(op.Blocks == 2, "two blocks");
        return v;
    }

    private static readonly string[] RunTags =
        ["pairs recorded", "best pairs joined to S*", "more than 40 pairs", "more than 8 anchors", "group smaller than p", "stopped by the work budget", "level = |S*|", "one free column", "two blocks"];

    // The pass examines exactly the documented supports (the model ModelRun): the same count, work, witness values and first attaining supports, with and without S*, with the work budget put exactly on one of its checks.
    [Property(MaxTest = 150)]
    public Property RunExaminesTheDocumentedSupports() =>
        Prop.ForAll(RunGen.ToArbitrary(), c => CheckRun(c).ToProperty(c.ToString(), RunTags));

    // Premise rates over 150 runs (floors about four standard deviations below the observed rates): each branch of the pass (pairs recorded or joined to S*, more than 40 pairs, more than 8 anchors, groups smaller than p, a work cut, no or one free column, two blocks) often enough.
    [Property(MaxTest = 1)]
    public Property RunCasesMeetEachPremiseOften() =>
        Prop.ForAll(Gen.ArrayOf(RunGen, 150).ToArbitrary(), cases =>
            PremiseFloor.Floor(cases, CheckRun,
                ("pairs recorded", 0.18), ("best pairs joined to S*", 0.15), ("more than 40 pairs", 0.08), ("more than 8 anchors", 0.1), ("group smaller than p", 0.3),
                ("stopped by the work budget", 0.1), ("level = |S*|", 0.03), ("one free column", 0.05), ("two blocks", 0.08)));

    /// <summary>p blocks over n samples and d inputs with the given generators (block by block); coordinate 0 of X scaled by <paramref name="scale0"/>.</summary>
    private static ActivationPatternOperator Operator(long seed, int n, int d, double[] generators, PatternRule rule, double scale0 = 1)
    {
        var x = new double[n * d];
        new SeededRandom(seed, RandomStream.Data).FillGaussian(x);
        for (int i = 0; i < n; i++)
        {
            x[i * d] *= scale0;
        }

        var data = new DataMatrix(n, d, x);
        return new ActivationPatternOperator(data, ActivationPatterns.Compute(data, generators, rule));
    }

    private static double[] RandomGenerators(long seed, int count, int d)
    {
        var h = new double[count * d];
        new SeededRandom(seed, RandomStream.Dictionary).FillGaussian(h);
        return h;
    }

    // A duplicate pattern (one generator repeated) or an all-off block (h = 0 under >) makes α₂ = 0 (two dependent columns); the pairs find it without S* and joined to S* = {0}, at levels 2 and 3.
    [Theory]
    [InlineData(11L, false)]
    [InlineData(12L, true)]
    public void DuplicateOrAllOffBlockGivesAlphaZero(long seed, bool allOff)
    {
        const int d = 3, p = 6;
        double[] h = RandomGenerators(seed, p, d);
        int target = p - 1;
        for (int l = 0; l < d; l++)
        {
            h[target * d + l] = allOff ? 0 : h[1 * d + l];
        }

        ActivationPatternOperator op = Operator(seed, 80, d, h, PatternRule.Greater);
        Matrix<double> gram = RestrictedConstantEstimator.FullGram(op)!;
        double scale = SymmetricEigenvalues.Extremes(gram).Max;
        foreach (int level in new[] { 2, 3 })
        {
            foreach (int[] required in new[] { Array.Empty<int>(), [0] })
            {
                if (level - required.Length < 2)
                {
                    continue;
                }

                var search = new SupportSearch(op, level, required, new EstimationBudget(Directions: 0), gram);
                AdversarialSupports.Run(search, op, SearchFixtures.Hamming(op));
                Assert.True(search.AlphaValue <= 1e-12 * scale, $"level {level}, S* {SearchFixtures.Show(required)}: α witness {search.AlphaValue} on {SearchFixtures.Show(search.AlphaSupport)}");
                Assert.Contains(search.AlphaSupport, c => c / d == target);
                Assert.True(SearchFixtures.Increasing(search.AlphaSupport));
            }
        }
    }

    // Identical patterns in every block (one generator repeated) and coordinate 0 of X scaled up: the group of k blocks at coordinate 0 has
    // G_S = c·11ᵀ with c = max_j G_jj, so λ_max = k·c, the trace bound that no k-support exceeds: β_k is reached exactly.
    [Fact]
    public void IdenticalPatternsReachTheTraceBoundForBeta()
    {
        const int d = 4, p = 5;
        double[] one = RandomGenerators(21, 1, d);
        double[] h = Enumerable.Range(0, p).SelectMany(_ => one).ToArray();
        ActivationPatternOperator op = Operator(21, 120, d, h, PatternRule.GreaterOrEqual, scale0: 3);
        Matrix<double> gram = BruteForceConstants.Gram(DenseMatrixOperator.FromOperator(op));
        double largestDiagonal = Enumerable.Range(0, op.Columns).Max(j => gram[j, j]);
        foreach (int level in new[] { 2, 3, 5 })
        {
            var search = new SupportSearch(op, level, [], new EstimationBudget(Directions: 0), RestrictedConstantEstimator.FullGram(op));
            AdversarialSupports.Run(search, op, SearchFixtures.Hamming(op));
            double bound = level * largestDiagonal;
            Assert.True(Math.Abs(search.BetaValue - bound) <= 1e-12 * bound, $"level {level}: β witness {search.BetaValue} on {SearchFixtures.Show(search.BetaSupport)}, trace bound {bound}");
            Assert.Equal(level, search.BetaSupport.Length);
            Assert.All(search.BetaSupport, c => Assert.Equal(0, c % d));
        }
    }
}
