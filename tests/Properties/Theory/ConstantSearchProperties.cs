using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Theory.Constants;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// What <see cref="RestrictedConstantEstimator.Estimate"/> reports follows its budget and its documented steps (theory.md §3):
/// the exact paths (full Gram at level ≥ N, enumeration exactly when C(N − |S*|, k − |S*|) fits the supports budget), the
/// search otherwise (S*, structured witnesses, adversarial pairs and groups, greedy growth and swaps up to level 40, random
/// supports until a budget is reached), End, SupportsExamined, SupportsPlanned, DirectionsSampled and Methods; the directional
/// constants are the extreme quotients ‖AΔ‖²/(n‖Δ‖²) of the sampled directions; τ = N·ε·‖G‖; a full Gram is formed exactly
/// when N ≤ FullGramLimit and n·N² ≤ FullGramWork, and the Gram given is the one used.
/// </summary>
public sealed class ConstantSearchProperties
{
    /// <summary>Levels up to which the greedy search runs (RestrictedConstantEstimator's private GreedyLevelLimit).</summary>
    private const int GreedyLevelLimit = 40;

    /// <summary>An operator (dense, or a network operator whose structure is passed), a level, |S*|, and a budget.</summary>
    public sealed record EstimateCase(DenseCase? Dense, PatternCase? Pattern, int Level, int Required, long Seed, int SupportsOffset, int Supports, double Work, int Directions, bool Structured)
    {
        public override string ToString() =>
            $"EstimateCase(level {Level}, |S*| = {Required}, seed {Seed}, supports {Supports} / offset {SupportsOffset}, work {Work}, directions {Directions}, structured {Structured}, {(object?)Dense ?? Pattern})";

        public SensingOperator Build() => Dense is not null ? Dense.Build() : Pattern!.Build();

        public int Columns => Dense?.Columns ?? Pattern!.Columns;
    }

    private static readonly Gen<EstimateCase> CaseGen =
        from network in Gen.Elements(true, false)
        from dense in network ? Gen.Constant<DenseCase?>(null) : DenseCase.Gen(2, 10).Select(d => (DenseCase?)d)
        from pattern in network ? Gen.Frequency((1, PatternCase.Gen(1, 1)), (2, PatternCase.Gen(2, 4))).Select(p => (PatternCase?)p) : Gen.Constant<PatternCase?>(null)
        let columns = dense?.Columns ?? pattern!.Columns
        from level in Gen.Choose(1, columns + 1)
        from required in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(0, Math.Min(level, columns))))
        from seed in Generators.InstanceGenerators.Seed
        from offset in Gen.Choose(-1, 1)
        from supports in Gen.Choose(1, 60)
        from work in Gen.Frequency((2, Gen.Constant(double.PositiveInfinity)), (1, Gen.Choose(1, 600).Select(w => (double)w)))
        from directions in Gen.Choose(0, 3)
        from structured in Gen.Frequency((2, Gen.Constant(true)), (1, Gen.Constant(false)))
        select new EstimateCase(dense, pattern, level, required, seed, offset, supports, work, directions, structured && network);

    /// <summary>S* (sorted), and the same set as the caller passes it: reversed, its first column repeated.</summary>
    private static (int[] Sorted, int[]? Passed) Required(EstimateCase c)
    {
        int[] sorted = SearchFixtures.Subset(new SeededRandom(c.Seed, RandomStream.Support), c.Columns, c.Required);
        return (sorted, sorted.Length == 0 ? null : [.. sorted.Reverse(), sorted[0]]);
    }

    /// <summary>The witness supports are increasing, contain S*, have at most k columns, and attain the witness values (recomputed on the oracle Gram).</summary>
    private static void CheckWitnessSupports(CaseVerdict v, RestrictedConstants e, Matrix<double> gram, int[] required, double tol)
    {
        foreach ((IReadOnlyList<int> support, string side) in new[] { (e.AlphaWitnessSupport, "α"), (e.BetaWitnessSupport, "β") })
        {
            v.Require(support.Count >= 1 && support.Count <= e.EffectiveLevel && SearchFixtures.Increasing(support) && required.All(support.Contains) && support.All(j => j >= 0 && j < gram.RowCount),
                () => $"the {side} witness support {SearchFixtures.Show(support)} is not an increasing support of at most {e.EffectiveLevel} columns containing S* = {SearchFixtures.Show(required)}");
            if (!v.Ok)
            {
                return;
            }

            (double min, double max) = BruteForceConstants.Extremes(gram, [.. support]);
            double value = side == "α" ? Math.Max(0, min) : max, reported = side == "α" ? e.AlphaWitness : e.BetaWitness;
            v.Require(Math.Abs(value - reported) <= tol, () => $"the {side} witness is {SearchFixtures.R(reported)} but its support {SearchFixtures.Show(support)} gives {SearchFixtures.R(value)}");
        }
    }

    // ---- the exact paths ----

    private static CaseVerdict CheckExactPaths(EstimateCase c)
    {
        var v = new CaseVerdict();
        SensingOperator op = c.Build();
        int columns = op.Columns, effective = Math.Min(c.Level, columns);
        (int[] required, int[]? passed) = Required(c);
        double all = BruteForceConstants.Binomial(columns - required.Length, effective - required.Length);
        int supports = (int)Math.Max(1, all + c.SupportsOffset);
        var budget = new EstimationBudget(supports, Directions: c.Directions, Seed: c.Seed);
        RestrictedConstants e = RestrictedConstantEstimator.Estimate(op, c.Level, passed, budget, c.Pattern is null ? null : (IGatedBlocks)op);
        Matrix<double> gram = BruteForceConstants.Gram(DenseMatrixOperator.FromOperator(op));
        BruteForceConstants.Exact exact = BruteForceConstants.Constants(gram, c.Level, required);
        double tol = 1e-12 * Math.Max(1, exact.Beta);
        string methods = string.Join("; ", e.Methods);

        v.Require(e.Level == c.Level && e.EffectiveLevel == effective, () => $"level {e.Level}, effective {e.EffectiveLevel}; expected {c.Level}, {effective}");
        v.Require(e.RestrictedToSupport == required.Length > 0, () => $"RestrictedToSupport {e.RestrictedToSupport} with |S*| = {required.Length}");
        v.Require(e.SupportsPlanned == supports, () => $"SupportsPlanned {e.SupportsPlanned}, budget {supports}");
        if (effective == columns)
        {
            v.Require(e.IsExact && e.End == SearchEnd.Exact && e.SupportsExamined == 1 && e.Methods.SequenceEqual(["full Gram"]),
                () => $"level ≥ N: exact {e.IsExact}, End {e.End}, {e.SupportsExamined} supports, methods {methods}; expected the full Gram, one support");
        }
        else if (all <= supports)
        {
            v.Require(e.IsExact && e.End == SearchEnd.Exact && e.SupportsExamined == (int)all && e.Methods.SequenceEqual(["enumeration"]),
                () => $"C(N − |S*|, k − |S*|) = {all} ≤ {supports}: exact {e.IsExact}, End {e.End}, {e.SupportsExamined} supports, methods {methods}; expected enumeration of every support");
        }
        else
        {
            v.Require(!e.IsExact && e.End != SearchEnd.Exact && e.AlphaCertified is not null && e.BetaCertified is not null && e.Methods.Contains("Gershgorin and full-Gram certificate"),
                () => $"C(N − |S*|, k − |S*|) = {all} > {supports}: exact {e.IsExact}, End {e.End}, certified {e.AlphaCertified}/{e.BetaCertified}, methods {methods}; expected the search with certified bounds");
        }

        if (e.IsExact)
        {
            v.Require(Math.Abs(e.AlphaWitness - Math.Max(0, exact.Alpha)) <= tol && Math.Abs(e.BetaWitness - exact.Beta) <= tol,
                () => $"exact α {SearchFixtures.R(e.AlphaWitness)}, β {SearchFixtures.R(e.BetaWitness)}; brute force over {exact.Supports} supports {SearchFixtures.R(exact.Alpha)}, {SearchFixtures.R(exact.Beta)}");
            // A computed eigenvalue proves a bound only once widened by the eigensolver's backward error τ = N·ε·‖G‖.
            double widening = RestrictedConstantEstimator.RoundingTolerance(columns, e.BetaWitness);
            v.Require(e.AlphaCertified == Math.Max(0, e.AlphaWitness - widening) && e.BetaCertified == e.BetaWitness + widening,
                () => $"exact constants widened by τ = {widening:E3} are not the certified bounds: α {e.AlphaWitness} → {e.AlphaCertified}, β {e.BetaWitness} → {e.BetaCertified}");
        }

        CheckWitnessSupports(v, e, gram, required, tol);
        v.Tag(effective == columns, "full Gram");
        v.Tag(effective < columns && all == supports, "enumeration at the budget");
        v.Tag(effective < columns && all == supports + 1, "one support past the budget");
        v.Tag(required.Length > 0, "S* given");
        return v;
    }

    // With enumeration allowed: level ≥ N is the full Gram (one support), else every support is enumerated exactly when C(N − |S*|, k − |S*|) ≤ the supports budget
    // (SupportsExamined = C), else the search runs with certified bounds; exact values are brute force's and, widened by τ, their own certified bounds; every witness support is honest.
    [Property(MaxTest = 120)]
    public Property ExactPathsFollowTheSupportsBudget() =>
        Prop.ForAll(CaseGen.ToArbitrary(), c => CheckExactPaths(c).ToProperty(c.ToString(), "full Gram", "enumeration at the budget", "one support past the budget", "S* given"));

    // ---- the search ----

    private static CaseVerdict CheckSearch(EstimateCase c)
    {
        var v = new CaseVerdict();
        SensingOperator op = c.Build();
        var structure = op as IGatedBlocks;
        int columns = op.Columns, effective = Math.Min(c.Level, columns);
        (int[] required, int[]? passed) = Required(c);
        var budget = new EstimationBudget(c.Supports, c.Work, Directions: c.Directions, Seed: c.Seed, Enumerate: false);
        StructuredWitnesses? structured = c.Structured ? StructuredWitnesses.Find(structure!) : null;
        RestrictedConstants e = RestrictedConstantEstimator.Estimate(op, c.Level, passed, budget, structure, structured: structured);

        // The documented sequence, step by step on a search of the same budget.
        Matrix<double>? full = RestrictedConstantEstimator.FullGram(op);
        var search = new SupportSearch(op, effective, required, budget, full);
        var methods = new List<string>();
        if (required.Length > 0)
        {
            search.Consider(required);
        }

        if (structured is not null && structured.Witnesses.Count > 0)
        {
            methods.Add($"structured pattern dependencies ({structured.Dependencies.Dependencies.Count} exact, {structured.NearSets} near)");
            structured.Offer(search);
        }

        if (structure is not null)
        {
            methods.Add("adversarial pairs and groups");
            AdversarialSupports.Run(search, structure, SearchFixtures.Hamming(structure));
        }

        if (full is not null && effective <= GreedyLevelLimit)
        {
            methods.Add("greedy growth and swaps");
            search.Improve(minimise: true);
            search.Improve(minimise: false);
        }

        methods.Add("random supports");
        int beforeRandom = search.Examined;
        while (!search.OutOfBudget && search.Examined < c.Supports)
        {
            search.Consider(search.RandomSupport());
            if (columns <= effective)
            {
                // Every random support is then the same (all N columns): one is enough.
                break;
            }
        }

        bool fallback = search.Examined == 0;
        if (fallback)
        {
            search.Consider(search.RandomSupport());
        }

        double alpha = Math.Max(0, search.AlphaValue);
        double? alphaCertified = null, betaCertified = null;
        if (full is not null)
        {
            methods.Add("Gershgorin and full-Gram certificate");
            (double ac, double bc) = GramCertificate.Certify(full, required, effective);
            (alphaCertified, betaCertified) = (Math.Min(Math.Max(0, ac), alpha), Math.Max(bc, search.BetaValue));
        }

        v.Require(!e.IsExact, () => "a search-only budget reported IsExact");
        v.Require(e.Methods.SequenceEqual(methods), () => $"methods [{string.Join("; ", e.Methods)}], the documented sequence [{string.Join("; ", methods)}]");
        v.Require(e.SupportsExamined == search.Examined && e.End == search.End,
            () => $"{e.SupportsExamined} supports examined, End {e.End}; the documented sequence examines {search.Examined}, End {search.End}");
        v.Require(e.AlphaWitness.Equals(alpha) && e.AlphaWitnessSupport.SequenceEqual(search.AlphaSupport),
            () => $"α {SearchFixtures.R(e.AlphaWitness)} on {SearchFixtures.Show(e.AlphaWitnessSupport)}; the documented sequence gives {SearchFixtures.R(alpha)} on {SearchFixtures.Show(search.AlphaSupport)}");
        v.Require(e.BetaWitness.Equals(search.BetaValue) && e.BetaWitnessSupport.SequenceEqual(search.BetaSupport),
            () => $"β {SearchFixtures.R(e.BetaWitness)} on {SearchFixtures.Show(e.BetaWitnessSupport)}; the documented sequence gives {SearchFixtures.R(search.BetaValue)} on {SearchFixtures.Show(search.BetaSupport)}");
        v.Require(e.AlphaCertified.Equals(alphaCertified) && e.BetaCertified.Equals(betaCertified),
            () => $"certified {e.AlphaCertified}/{e.BetaCertified}; the certificate clamped to the witnesses gives {alphaCertified}/{betaCertified}");
        v.Require(e.End != SearchEnd.Complete || (search.Examined < c.Supports && !search.OutOfBudget), () => $"End Complete with {search.Examined} of {c.Supports} supports, work {search.WorkSpent} of {c.Work}");
        Matrix<double> gram = BruteForceConstants.Gram(DenseMatrixOperator.FromOperator(op));
        CheckWitnessSupports(v, e, gram, required, 1e-12 * Math.Max(1, e.BetaWitness));

        v.Tag(e.End == SearchEnd.SupportBudget, "ended by the supports budget");
        v.Tag(e.End == SearchEnd.WorkBudget, "ended by the work budget");
        v.Tag(e.End == SearchEnd.Complete, "complete");
        v.Tag(search.Examined > beforeRandom, "random supports examined");
        v.Tag(required.Length > 0 && effective > required.Length, "S* given, free columns left");
        v.Tag(structured is not null && structured.Witnesses.Count == 0, "no structured witness");
        v.Tag(structured is not null && structured.Witnesses.Count > 0, "structured witnesses");
        v.Tag(effective == columns, "level ≥ N");
        v.Tag(effective == required.Length, "level = |S*|");
        v.Tag(structure is null, "no structure");
        return v;
    }

    private static readonly string[] SearchTags =
        ["ended by the supports budget", "ended by the work budget", "complete", "random supports examined", "S* given, free columns left", "no structured witness", "structured witnesses", "level ≥ N", "level = |S*|", "no structure"];

    // With enumeration off, the estimate is the documented sequence run on a search of the same budget: S*, the structured witnesses (when there are any),
    // the adversarial pairs and groups (network operator), greedy growth and swaps (full Gram, level ≤ 40), random supports while the budgets last
    // (one when every support is all N columns), one random support if none was examined; the certificate clamped to the witnesses; the same Methods,
    // witnesses, supports, SupportsExamined and End.
    [Property(MaxTest = 120)]
    public Property SearchIsTheDocumentedSequence() =>
        Prop.ForAll(CaseGen.ToArbitrary(), c => CheckSearch(c).ToProperty(c.ToString(), SearchTags));

    // Premise rates over 120 searches (floors about four standard deviations below the observed rates): each budget ends some, some complete, and S*, structured witnesses (and none), level ≥ N, level = |S*| and the dense operator each occur often enough.
    [Property(MaxTest = 1)]
    public Property SearchCasesMeetEachPremiseOften() =>
        Prop.ForAll(Gen.ArrayOf(CaseGen, 120).ToArbitrary(), cases =>
            PremiseFloor.Floor(cases, CheckSearch,
                ("ended by the supports budget", 0.3), ("ended by the work budget", 0.05), ("complete", 0.05), ("random supports examined", 0.3), ("S* given, free columns left", 0.08),
                ("no structured witness", 0.02), ("structured witnesses", 0.05), ("level ≥ N", 0.1), ("level = |S*|", 0.03), ("no structure", 0.3)));

    // ---- directions and rounding ----

    // DirectionsSampled is the budget's, and the directional α, β are the smallest and largest ‖AΔ‖²/(n‖Δ‖²) over the directions drawn from the level's
    // stream (seed, Estimation, split by k): S* plus k − |S*| random columns, N(0, 1) values; recomputed here on the dense oracle. No directions, no values.
    [Property(MaxTest = 100)]
    public Property DirectionalConstantsAreTheExtremeQuotientsOfTheirDirections() =>
        Prop.ForAll(CaseGen.ToArbitrary(), c =>
        {
            SensingOperator op = c.Build();
            int columns = op.Columns, effective = Math.Min(c.Level, columns);
            (int[] required, int[]? passed) = Required(c);
            var budget = new EstimationBudget(c.Supports, Directions: c.Directions, Seed: c.Seed, Enumerate: c.SupportsOffset >= 0);
            RestrictedConstants e = RestrictedConstantEstimator.Estimate(op, c.Level, passed, budget, op as IGatedBlocks);
            DenseMatrixOperator a = DenseMatrixOperator.FromOperator(op);

            var random = new SeededRandom(c.Seed, RandomStream.Estimation).Split(effective);
            int[] free = Enumerable.Range(0, columns).Except(required).ToArray();
            int size = Math.Min(effective, Math.Max(RestrictedConstantEstimator.MaxEvaluatedSupport, required.Length)) - required.Length;
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int t = 0; t < c.Directions; t++)
            {
                int[] support = [.. required.Concat(random.SampleWithoutReplacement(free.Length, Math.Min(free.Length, size)).Select(i => free[i])).Order()];
                var values = new double[support.Length];
                random.FillGaussian(values);
                double image = 0, norm = 0;
                for (int i = 0; i < a.Rows; i++)
                {
                    double sum = 0;
                    for (int s = 0; s < support.Length; s++)
                    {
                        sum += a[i, support[s]] * values[s];
                    }

                    image += sum * sum;
                }

                foreach (double x in values)
                {
                    norm += x * x;
                }

                double quotient = image / (a.Rows * norm);
                (min, max) = (Math.Min(min, quotient), Math.Max(max, quotient));
            }

            bool valuesOk = c.Directions == 0
                ? e.AlphaDirectional is null && e.BetaDirectional is null
                : e.AlphaDirectional is double ad && e.BetaDirectional is double bd && Math.Abs(ad - min) <= 1e-12 * Math.Max(max, 1e-300) && Math.Abs(bd - max) <= 1e-12 * max;
            return (e.DirectionsSampled == c.Directions).Label($"{e.DirectionsSampled} directions sampled, budget {c.Directions}")
                .And(valuesOk.Label($"directional [{e.AlphaDirectional}, {e.BetaDirectional}], recomputed [{SearchFixtures.R(min)}, {SearchFixtures.R(max)}]"))
                .Label(c.ToString())
                .Classify(c.Directions == 0, "no directions")
                .Classify(c.Directions > 1 && min < max, "α and β from different directions")
                .Classify(required.Length > 0, "S* given");
        });

    // The rounding tolerance is τ = N·ε·‖G‖ with ε = 2⁻⁵² and ‖G‖ the largest β known (witness or certified), exactly.
    [Property(MaxTest = 100)]
    public Property RoundingToleranceIsNEpsilonTimesTheLargestBeta() =>
        Prop.ForAll(CaseGen.ToArbitrary(), c =>
        {
            SensingOperator op = c.Build();
            (_, int[]? passed) = Required(c);
            var budget = new EstimationBudget(c.Supports, Directions: 0, Seed: c.Seed, Enumerate: c.SupportsOffset >= 0);
            RestrictedConstants e = RestrictedConstantEstimator.Estimate(op, c.Level, passed, budget, op as IGatedBlocks);
            double norm = Math.Max(e.BetaWitness, e.BetaCertified ?? 0);
            double expected = op.Columns * Math.Pow(2, -52) * norm;
            return (Math.Abs(e.RoundingTolerance - expected) <= 1e-15 * expected).Label($"τ = {SearchFixtures.R(e.RoundingTolerance)}, N·ε·max(β, β_cert) = {SearchFixtures.R(expected)} (N = {op.Columns}, β {e.BetaWitness}, β_cert {e.BetaCertified}); {c}")
                .Classify(e.BetaCertified is double b && b > e.BetaWitness, "certified β above the witness");
        });

    // τ(N, g) = max(N, 1)·ε·|g|: one column's worth for N = 0, and the magnitude of a negative norm.
    [Fact]
    public void RoundingToleranceFormula()
    {
        double eps = Math.Pow(2, -52);
        Assert.Equal(RestrictedConstantEstimator.UnitRoundoff, eps);
        Assert.Equal(eps * 3, RestrictedConstantEstimator.RoundingTolerance(0, 3));
        Assert.Equal(eps * 3, RestrictedConstantEstimator.RoundingTolerance(1, -3));
        Assert.Equal(7 * eps * 3, RestrictedConstantEstimator.RoundingTolerance(7, 3));
    }

    // ---- limits of the full Gram ----

    // The full Gram is formed when N ≤ FullGramLimit and n·N² ≤ FullGramWork, and not otherwise: N = FullGramLimit (n = 1) is formed, one column more or one
    // row past the work limit is not, and then A is never read (shape-only operators). The work boundary itself is decided from the shape alone
    // (AffordsFullGram): n·N² = 20000·1000² = FullGramWork exactly is affordable, one row more is not (forming that Gram would cost 2e10 multiply–adds).
    [Fact]
    public void FullGramIsFormedOnlyWithinItsLimits()
    {
        Assert.Equal(EstimationBudget.FullGramWork, 20_000.0 * 1000 * 1000);
        Assert.True(EstimationBudget.AffordsFullGram(20_000, 1000));
        Assert.False(EstimationBudget.AffordsFullGram(20_001, 1000));

        int limit = EstimationBudget.FullGramLimit;
        var row = new double[1, limit];
        var random = new SeededRandom(3, RandomStream.Data);
        for (int c = 0; c < limit; c++)
        {
            row[0, c] = random.NextGaussian();
        }

        Matrix<double>? gram = RestrictedConstantEstimator.FullGram(new DenseMatrixOperator(row));
        Assert.NotNull(gram);
        Assert.Equal(limit, gram.RowCount);
        Assert.Equal(row[0, 3] * row[0, limit - 1], gram[3, limit - 1], 15);
        Assert.Null(RestrictedConstantEstimator.FullGram(new ShapeOnlyOperator(1, limit + 1)));
        int rows = (int)Math.Floor(EstimationBudget.FullGramWork / ((double)limit * limit)) + 1;
        Assert.True((double)rows * limit * limit > EstimationBudget.FullGramWork);
        Assert.Null(RestrictedConstantEstimator.FullGram(new ShapeOnlyOperator(rows, limit)));
    }

    // Without a full Gram (N = FullGramLimit + 1) nothing is exact or certified, even at level N: random supports only, to the supports budget at level 2,
    // and one support of all N columns at level N.
    [Fact]
    public void WithoutAFullGramNothingIsExactOrCertified()
    {
        int columns = EstimationBudget.FullGramLimit + 1;
        DenseMatrixOperator a = new DenseCase(5, 2, columns, DenseKind.Gaussian).Build();
        var budget = new EstimationBudget(Supports: 5, Directions: 1);
        RestrictedConstants low = RestrictedConstantEstimator.Estimate(a, 2, null, budget);
        RestrictedConstants top = RestrictedConstantEstimator.Estimate(a, columns, null, budget);
        foreach (RestrictedConstants e in new[] { low, top })
        {
            Assert.False(e.IsExact);
            Assert.Null(e.AlphaCertified);
            Assert.Null(e.BetaCertified);
            Assert.Equal(new[] { "random supports" }, e.Methods);
            Assert.True(e.AlphaWitness <= e.BetaWitness && double.IsFinite(e.BetaWitness), $"α {e.AlphaWitness}, β {e.BetaWitness}");
        }

        Assert.Equal((5, SearchEnd.SupportBudget, 2), (low.SupportsExamined, low.End, low.AlphaWitnessSupport.Count));
        Assert.Equal((1, SearchEnd.Complete, columns), (top.SupportsExamined, top.End, top.AlphaWitnessSupport.Count));
    }

    // Random supports hold at most MaxEvaluatedSupport columns, and Methods say so only when the level is larger: "random supports" at level 4096,
    // "random supports of 4096 columns" at level 4097 (= N, where one support is enough).
    [Fact]
    public void RandomSupportsAreCappedAtMaxEvaluatedSupport()
    {
        int cap = RestrictedConstantEstimator.MaxEvaluatedSupport, columns = cap + 1;
        DenseMatrixOperator a = new DenseCase(6, 2, columns, DenseKind.Gaussian).Build();
        var budget = new EstimationBudget(Supports: 2, Directions: 0);
        RestrictedConstants atCap = RestrictedConstantEstimator.Estimate(a, cap, null, budget);
        RestrictedConstants past = RestrictedConstantEstimator.Estimate(a, columns, null, budget);
        Assert.Equal(new[] { "random supports" }, atCap.Methods);
        Assert.Equal(new[] { $"random supports of {cap} columns" }, past.Methods);
        Assert.Equal((2, cap), (atCap.SupportsExamined, atCap.BetaWitnessSupport.Count));
        Assert.Equal((1, cap, SearchEnd.Complete), (past.SupportsExamined, past.BetaWitnessSupport.Count, past.End));
    }

    // The greedy search runs up to level 40 (with a full Gram): Methods name it at level 40 and not at 41.
    [Fact]
    public void GreedySearchRunsUpToLevelForty()
    {
        DenseMatrixOperator a = new DenseCase(8, 50, 45, DenseKind.Gaussian).Build();
        var budget = new EstimationBudget(Supports: 2, Directions: 0);
        Assert.Contains("greedy growth and swaps", RestrictedConstantEstimator.Estimate(a, GreedyLevelLimit, null, budget).Methods);
        Assert.DoesNotContain("greedy growth and swaps", RestrictedConstantEstimator.Estimate(a, GreedyLevelLimit + 1, null, budget).Methods);
    }

    // The Gram given is the one every support is evaluated on (shared across levels, never recomputed): given B's Gram, the estimate for A has B's witnesses,
    // supports, certified bounds, counts, End and methods, on every path (full Gram, enumeration, search) with and without S*.
    [Fact]
    public void GivenGramIsTheOneUsed()
    {
        DenseMatrixOperator a = new DenseCase(9, 12, 8, DenseKind.Gaussian).Build(), b = new DenseCase(10, 12, 8, DenseKind.Gaussian).Build();
        Matrix<double> gramB = RestrictedConstantEstimator.FullGram(b)!;
        foreach (bool enumerate in new[] { true, false })
        {
            foreach (int level in new[] { 2, 5, 8 })
            {
                foreach (int[]? required in new[] { null, new[] { 1 } })
                {
                    var budget = new EstimationBudget(Supports: 30, Directions: 0, Enumerate: enumerate);
                    RestrictedConstants given = RestrictedConstantEstimator.Estimate(a, level, required, budget, fullGram: gramB);
                    RestrictedConstants own = RestrictedConstantEstimator.Estimate(b, level, required, budget);
                    string where = $"level {level}, S* {(required is null ? "none" : "{1}")}, enumerate {enumerate}";
                    Assert.True(given.AlphaWitness == own.AlphaWitness && given.BetaWitness == own.BetaWitness, $"{where}: witnesses {given.AlphaWitness}/{given.BetaWitness} with B's Gram, B's own {own.AlphaWitness}/{own.BetaWitness}");
                    Assert.Equal(own.AlphaWitnessSupport, given.AlphaWitnessSupport);
                    Assert.Equal(own.BetaWitnessSupport, given.BetaWitnessSupport);
                    Assert.Equal((own.AlphaCertified, own.BetaCertified, own.SupportsExamined, own.End, own.IsExact), (given.AlphaCertified, given.BetaCertified, given.SupportsExamined, given.End, given.IsExact));
                    Assert.Equal(own.Methods, given.Methods);
                }
            }
        }
    }

    // A Gram with entries that are not finite (data that overflow) is refused, whether formed here or given; one overflowing column is enough.
    [Fact]
    public void NonFiniteGramIsRefused()
    {
        DenseMatrixOperator clean = new DenseCase(4, 6, 4, DenseKind.Gaussian).Build();
        var entries = new double[6, 4];
        for (int i = 0; i < 6; i++)
        {
            for (int c = 0; c < 4; c++)
            {
                entries[i, c] = c == 2 ? 1e200 : clean[i, c];
            }
        }

        var budget = new EstimationBudget(Supports: 5, Directions: 0);
        Assert.Throws<ArgumentException>(() => RestrictedConstantEstimator.Estimate(new DenseMatrixOperator(entries), 2, null, budget));
        Matrix<double> gram = RestrictedConstantEstimator.FullGram(clean)!.Clone();
        gram[1, 0] = gram[0, 1] = double.NaN;
        Assert.Throws<ArgumentException>(() => RestrictedConstantEstimator.Estimate(clean, 2, null, budget, fullGram: gram));
    }

    // A time cap that has passed before the search starts (a negative one, so that no clock race decides) still gives one witness: one random support of k
    // columns, End TimeCap, and no directions sampled.
    [Fact]
    public void PassedTimeCapStillGivesOneWitness()
    {
        DenseMatrixOperator a = new DenseCase(2, 6, 5, DenseKind.Gaussian).Build();
        RestrictedConstants e = RestrictedConstantEstimator.Estimate(a, 2, null, new EstimationBudget(SecondsCap: -1, Directions: 3, Enumerate: false));
        Assert.Equal((1, SearchEnd.TimeCap, 0), (e.SupportsExamined, e.End, e.DirectionsSampled));
        Assert.Equal(2, e.AlphaWitnessSupport.Count);
        Assert.Equal(e.AlphaWitnessSupport, e.BetaWitnessSupport);
        Assert.True(e.AlphaWitness <= e.BetaWitness && double.IsFinite(e.BetaWitness), $"α {e.AlphaWitness}, β {e.BetaWitness}");
        Assert.Null(e.AlphaDirectional);
        Assert.Null(e.BetaDirectional);
        Assert.StartsWith("stopped by the time cap after 1 supports", e.EndText);
    }
}
