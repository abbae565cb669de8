using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Theory.Audit;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Identifiability;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// Identifiability (theory.md §3 end, §4) says only what was shown: Unique (certified α_2s &gt; τ, or exhaustive search) means no
/// other s-sparse solution exists, NotUnique comes with a second s-sparse solution that really solves Aw = y, and α_2s = 0 alone
/// is never a claim of non-uniqueness. The oracle is a dense least-squares search over every support of tiny instances, on the
/// matrix built from the pattern definition (independent of the operator and of src/Theory).
/// </summary>
public sealed class IdentifiabilityProperties
{
    /// <summary>v_ℓ = e_{a·d+ℓ} − e_{b·d+ℓ} for every coordinate ℓ: the null vectors of a duplicate pattern D_a = D_b (the test's own construction).</summary>
    private static IReadOnlyList<SparseVector> DuplicateNullVectors(int blocks, int d, int a, int b) =>
        Enumerable.Range(0, d).Select(l => a < b
            ? new SparseVector(blocks * d, [a * d + l, b * d + l], [1.0, -1.0])
            : new SparseVector(blocks * d, [b * d + l, a * d + l], [-1.0, 1.0])).ToArray();

    /// <summary>Zero residual: ‖A_T w_T − y‖/‖y‖ at most this (the project's solution tolerance).</summary>
    private const double ZeroResidual = 1e-9;

    /// <summary>Floors on how often the tiny generated instances meet each property's premise (observed ≈ 50 %, 30 %, 30 %; the floors leave room for the draw).</summary>
    private const double RequiredUniqueRate = 0.35, RequiredNotUniqueRate = 0.08, RequiredOracleSecondRate = 0.08;

    /// <summary>Enumerates every support of the tiny instances (C(12, 4) = 495), so the certified α_2s is exact.</summary>
    private static readonly EstimationBudget Exact = new(Supports: 5000);

    /// <summary>Search only: the certified α_2s then comes from the Gershgorin and full-Gram bounds.</summary>
    private static readonly EstimationBudget SearchOnly = new(Supports: 500, Enumerate: false);

    /// <summary>
    /// Tiny planted instances: N = p·d ≤ 12, s ≤ 2, n ∈ 4..60, planted or planted+random (one extra) dictionary; units may be
    /// empty (all-on under ≥, all-off under &gt;), and ones weights on d = 2 often put two units on the same coordinate (identical patterns).
    /// </summary>
    private static Gen<SmallNetworkCase> TinyGen =>
        from d in Gen.Choose(2, 6)
        from m in Gen.Choose(1, Math.Min(3, 12 / d))
        from kind in (m + 1) * d <= 12 ? Gen.Elements(DictionaryKind.Planted, DictionaryKind.PlantedPlusRandom) : Gen.Constant(DictionaryKind.Planted)
        from s in Gen.Choose(1, Math.Min(2, d * m))
        from n in Gen.Choose(4, 60)
        from seed in InstanceGenerators.Seed
        from weights in Gen.Elements(WeightDistribution.Gaussian, WeightDistribution.Signs, WeightDistribution.Ones, WeightDistribution.Ones)
        from rule in Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
        select new SmallNetworkCase(d, m, s, n, seed, weights, rule, kind, kind == DictionaryKind.PlantedPlusRandom ? 1 : 0);

    /// <summary>
    /// Tiny instances prone to second solutions: d, m ∈ 2..3, s ≤ 2 (mostly 2), n ∈ 4..30, mostly ones weights, planted dictionary (two units
    /// on one coordinate, or patterns that coincide on few samples), mixed three to one with <see cref="TinyGen"/>.
    /// </summary>
    private static Gen<SmallNetworkCase> ProneGen =>
        Gen.Frequency(
            (1, TinyGen),
            (3, from d in Gen.Choose(2, 3)
                from m in Gen.Choose(2, 3)
                from s in Gen.Frequency((1, Gen.Constant(1)), (3, Gen.Constant(2)))
                from n in Gen.Choose(4, 30)
                from seed in InstanceGenerators.Seed
                from weights in Gen.Elements(WeightDistribution.Ones, WeightDistribution.Ones, WeightDistribution.Ones, WeightDistribution.Signs)
                from rule in Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
                select new SmallNetworkCase(d, m, s, n, seed, weights, rule, DictionaryKind.Planted, 0)));

    private static IEnumerable<SmallNetworkCase> ShrinkTiny(SmallNetworkCase c) =>
        InstanceGenerators.Shrink(c).Where(x => x.Inputs >= 2 && x.Columns <= 12 && x.Nonzeros <= 2);

    private static Arbitrary<SmallNetworkCase> TinyCases => Arb.From(TinyGen, ShrinkTiny);

    private static Arbitrary<SmallNetworkCase> ProneCases => Arb.From(ProneGen, ShrinkTiny);

    /// <summary>w* as a vector of length N = p·d (the network's fused weights cover only the m planted blocks).</summary>
    private static SparseVector Truth(SmallNetworkInstance instance) =>
        new(instance.Case.Columns, instance.Network.FusedWeights.Indices, instance.Network.FusedWeights.Values);

    /// <summary>Uniform level-2s constants (enumerated, or search-only with certificates).</summary>
    private static RestrictedConstants Constants(ActivationPatternOperator sensing, int s, bool enumerate) =>
        RestrictedConstantEstimator.Estimate(sensing, 2 * s, null, enumerate ? Exact : SearchOnly, sensing);

    /// <summary>No exhaustive search: second solutions come from the dependencies alone, and uniqueness only from the certificate.</summary>
    private static readonly IdentifiabilityBudget NoExhaustive = new(ExhaustiveSupports: 0);

    /// <summary>One tiny instance and the check's verdict on it at sparsity s (≥ ‖w*‖₀).</summary>
    private sealed record Checked(SmallNetworkInstance Instance, RestrictedConstants Constants, IdentifiabilityReport Report, int Sparsity);

    /// <summary>
    /// The check's verdict on one tiny instance at s = ‖w*‖₀ + <paramref name="extra"/> (room for null vectors off supp w*), with w* and
    /// y (<paramref name="planted"/>) or for the dictionary alone, with the default exhaustive budget or none (<paramref name="exhaustive"/>).
    /// </summary>
    private static Checked Check(SmallNetworkCase c, bool enumerate, bool planted = true, bool exhaustive = true, int extra = 0)
    {
        SmallNetworkInstance instance = c.Build();
        int s = Math.Min(c.Nonzeros + extra, c.Columns);
        RestrictedConstants constants = Constants(instance.Operator, s, enumerate);
        IdentifiabilityBudget budget = exhaustive ? IdentifiabilityBudget.Default : NoExhaustive;
        IdentifiabilityReport report = planted
            ? IdentifiabilityCheck.Check(instance.Operator, constants, s, Truth(instance), instance.Network.Labels, [], instance.Operator, budget)
            : IdentifiabilityCheck.Check(instance.Operator, constants, s, null, [], [], instance.Operator, budget);
        return new Checked(instance, constants, report, s);
    }

    /// <summary>0 or 1 extra nonzeros allowed beyond ‖w*‖₀.</summary>
    private static Arbitrary<int> Extra => Gen.Elements(0, 0, 1).ToArbitrary();

    /// <summary>
    /// Every distinct s-sparse w with zero residual (dense oracle): on every support T of size s, the minimum-norm least-squares
    /// fit (pseudo-inverse of MathNet's SVD of the oracle's A_T, singular values below σ_1·max(n, k)·ε dropped) and, when A_T is
    /// rank-deficient, also fit + ‖w*‖·z for a right singular vector z of A_T's null space (the solutions on T are fit + null(A_T)).
    /// </summary>
    private static List<double[]> ZeroResidualSolutions(DenseMatrixOperator oracle, double[] labels, int sparsity, double scale)
    {
        int columns = oracle.Columns;
        Vector<double> y = Vector<double>.Build.DenseOfArray(labels);
        var solutions = new List<double[]>();
        foreach (int[] support in BruteForceConstants.Supports(columns, Math.Min(sparsity, columns), []))
        {
            Matrix<double> a = Matrix<double>.Build.Dense(oracle.Rows, support.Length, (i, t) => oracle[i, support[t]]);
            (Vector<double> fit, Vector<double>? nullVector) = PseudoInverseSolve(a, y);
            double residual = (a * fit - y).L2Norm() / y.L2Norm();
            if (residual > ZeroResidual)
            {
                continue;
            }

            foreach (Vector<double> w in nullVector is null ? [fit] : new[] { fit, fit + nullVector * Math.Max(scale, 1) })
            {
                if ((a * w - y).L2Norm() / y.L2Norm() > ZeroResidual)
                {
                    continue;
                }

                var dense = new double[columns];
                for (int t = 0; t < support.Length; t++)
                {
                    dense[support[t]] = w[t];
                }

                // Supports that differ only by columns carrying a zero weight give the same w: keep distinct vectors.
                if (!solutions.Any(other => Distance(other, dense) <= 1e-6 * scale))
                {
                    solutions.Add(dense);
                }
            }
        }

        return solutions;
    }

    /// <summary>argmin ‖a z − y‖ of least norm from the full SVD, and a unit null vector of a when it is rank-deficient.</summary>
    private static (Vector<double> Fit, Vector<double>? NullVector) PseudoInverseSolve(Matrix<double> a, Vector<double> y)
    {
        var svd = a.Svd(computeVectors: true);
        double cut = (svd.S.Count > 0 ? svd.S[0] : 0) * Math.Max(a.RowCount, a.ColumnCount) * 2.220446049250313e-16;
        var z = Vector<double>.Build.Dense(a.ColumnCount);
        int rank = 0;
        for (int i = 0; i < svd.S.Count; i++)
        {
            if (svd.S[i] > cut)
            {
                z += svd.VT.Row(i) * (svd.U.Column(i).DotProduct(y) / svd.S[i]);
                rank++;
            }
        }

        return (z, rank < a.ColumnCount ? svd.VT.Row(a.ColumnCount - 1) : null);
    }

    /// <summary>min over supports T of size k of σ_min(A_T)/σ_max(A_T) on the oracle (0 for a zero A_T).</summary>
    private static double SmallestSingularRatio(DenseMatrixOperator oracle, int size)
    {
        double smallest = double.PositiveInfinity;
        foreach (int[] support in BruteForceConstants.Supports(oracle.Columns, Math.Min(size, oracle.Columns), []))
        {
            Matrix<double> a = Matrix<double>.Build.Dense(oracle.Rows, support.Length, (i, t) => oracle[i, support[t]]);
            Vector<double> s = a.Svd(computeVectors: false).S;
            double ratio = s[0] == 0 ? 0 : (support.Length > a.RowCount ? 0 : s[support.Length - 1] / s[0]);
            smallest = Math.Min(smallest, ratio);
        }

        return smallest;
    }

    /// <summary>‖oracle·w − y‖/‖y‖ by the oracle's textbook product.</summary>
    private static double OracleResidual(DenseMatrixOperator oracle, SparseVector w, double[] labels)
    {
        double[] image = oracle.Forward(w);
        return Math.Sqrt(image.Zip(labels, (a, b) => (a - b) * (a - b)).Sum()) / Math.Sqrt(labels.Sum(v => v * v));
    }

    /// <summary>y ≠ 0 and no near-tie pre-activation (oracle and operator agree on every pattern bit).</summary>
    private static bool Comparable(SmallNetworkInstance instance) =>
        instance.FreeOfNearTies && instance.Network.Labels.ToArray().Any(v => v != 0);

    private static bool ExhaustiveAffordable(SmallNetworkCase c, int sparsity) =>
        BruteForceConstants.Binomial(c.Columns, Math.Min(sparsity, c.Columns)) <= IdentifiabilityBudget.Default.ExhaustiveSupports;

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, z) => (x - z) * (x - z)).Sum());

    /// <summary>The oracle's zero-residual s-sparse solutions other than w*.</summary>
    private static List<double[]> OtherSolutions(SmallNetworkInstance instance, int sparsity)
    {
        SparseVector truth = Truth(instance);
        return ZeroResidualSolutions(instance.Oracle, instance.Network.Labels.ToArray(), sparsity, truth.Norm())
            .Where(w => Distance(w, truth.ToDense()) > 1e-6 * truth.Norm()).ToList();
    }

    /// <summary>How a tiny instance is checked: enumerated or search-only constants, with or without the exhaustive search, and s − ‖w*‖₀ ∈ {0, 1}.</summary>
    private sealed record Settings(bool Enumerate, bool Exhaustive, int Extra)
    {
        public static Arbitrary<Settings> All =>
            (from enumerate in Gen.Elements(true, false)
             from exhaustive in Gen.Elements(true, false)
             from extra in Gen.Elements(0, 0, 1)
             select new Settings(enumerate, exhaustive, extra)).ToArbitrary();

        public static Arbitrary<Settings> WithExhaustive => All.Generator.Select(x => x with { Exhaustive = true }).ToArbitrary();

        public Checked Run(SmallNetworkCase c) => Check(c, Enumerate, exhaustive: Exhaustive, extra: Extra);

        public override string ToString() => $"{(Enumerate ? "enumerated" : "search-only")} constants, exhaustive {(Exhaustive ? "on" : "off")}, s = ‖w*‖₀ + {Extra}";
    }

    // Unique (certified, or exhaustive when budgeted) ⇒ the oracle's least squares over all s-sparse supports (with null directions) finds no solution but w*.
    [Property(MaxTest = 150, MaxRejected = 3000)]
    public Property UniqueMeansNoOtherZeroResidualSolution() =>
        Prop.ForAll(ProneCases, Settings.All, (c, settings) =>
        {
            Checked x = settings.Run(c);
            IdentifiabilityReport report = x.Report;
            return Prop.When(report.Status == IdentifiabilityStatus.Unique && Comparable(x.Instance), () =>
            {
                List<double[]> others = OtherSolutions(x.Instance, x.Sparsity);
                string where = $"{report.Method}: {report.Explanation}; certified α_2s={x.Constants.AlphaCertified}, exact={x.Constants.IsExact}; {others.Count} other zero-residual solutions; {c}, {settings}";
                return (others.Count == 0).Label($"Unique, but the oracle finds another s-sparse solution; {where}")
                    .And((report.Method != IdentifiabilityMethod.CertifiedRsc || report.AlphaCertified > report.Tolerance).Label($"certified without α_2s > τ; {where}"))
                    .And((report.SecondSolution is null).Label($"Unique with a second solution; {where}"))
                    .Classify(report.Method == IdentifiabilityMethod.CertifiedRsc, "certified α_2s > τ")
                    .Classify(report.Method == IdentifiabilityMethod.ExhaustiveSearch, "exhaustive search")
                    .Classify(report.DependentColumns.Count > 0, "α_2s ≈ 0 yet unique")
                    .Collect($"s = ‖w*‖₀ + {settings.Extra}");
            });
        });

    // NotUnique (with or without the exhaustive search) ⇒ the reported w₂ solves Aw = y by the dense oracle (≤ 1e−9), is s-sparse, differs from w*, and the reported residual and distances are its own.
    [Property(MaxTest = 100, MaxRejected = 3000)]
    public Property NotUniqueSecondSolutionSolvesIsSparseAndDiffers() =>
        Prop.ForAll(ProneCases, Settings.All, (c, settings) =>
        {
            Checked x = settings.Run(c);
            IdentifiabilityReport report = x.Report;
            return Prop.When(report.Status == IdentifiabilityStatus.NotUnique && Comparable(x.Instance), () =>
            {
                SparseVector truth = Truth(x.Instance);
                SparseVector? second = report.SecondSolution;
                double own = second is null ? double.NaN : OracleResidual(x.Instance.Oracle, second, x.Instance.Network.Labels.ToArray());
                double distance = second?.DistanceTo(truth) ?? double.NaN;
                string where = $"{report.Method}: {report.Explanation}; own residual {own}, ‖w₂ − w*‖ {distance}; {c}, {settings}";
                return (second is not null).Label($"NotUnique without a second solution; {where}")
                    .And((own <= ZeroResidual).Label($"w₂ does not solve Aw = y by the oracle; {where}"))
                    .And((second is not null && second.NonzeroCount <= x.Sparsity).Label($"w₂ has more than s nonzeros; {where}"))
                    .And((distance > 1e-6 * truth.Norm()).Label($"w₂ equals w*; {where}"))
                    .And((report.SecondSolutionRelativeResidual <= ZeroResidual).Label($"reported residual above 1e−9; {where}"))
                    .And((report.SecondSolutionDistance is double d && Math.Abs(d - distance) <= 1e-12 * Math.Max(1, distance)).Label($"reported distance is not ‖w₂ − w*‖; {where}"))
                    .And((report.SecondSolutionRelativeDistance is double r && Math.Abs(r - distance / truth.Norm()) <= 1e-12 * Math.Max(1, r)).Label($"reported relative distance is not ‖w₂ − w*‖/‖w*‖; {where}"))
                    .Classify(report.Method == IdentifiabilityMethod.IdenticalPatterns, "identical patterns")
                    .Classify(report.Method == IdentifiabilityMethod.WitnessNullVector, "witness null vector")
                    .Classify(report.Method == IdentifiabilityMethod.ExhaustiveSearch, "exhaustive search")
                    .Collect($"s = ‖w*‖₀ + {settings.Extra}, exhaustive {(settings.Exhaustive ? "on" : "off")}");
            });
        });

    // Exhaustive completeness: the oracle finds a second s-sparse solution and C(N, s) fits the budget ⇒ NotUnique, with a w₂ that solves Aw = y on the oracle.
    [Property(MaxTest = 100, MaxRejected = 3000)]
    public Property ExhaustiveSearchFindsEveryOracleSecondSolution() =>
        Prop.ForAll(ProneCases, Settings.WithExhaustive, (c, settings) =>
        {
            Checked x = settings.Run(c);
            IdentifiabilityReport report = x.Report;
            bool premise = Comparable(x.Instance) && ExhaustiveAffordable(c, x.Sparsity);
            List<double[]> others = premise ? OtherSolutions(x.Instance, x.Sparsity) : [];
            double own = report.SecondSolution is { } w2 ? OracleResidual(x.Instance.Oracle, w2, x.Instance.Network.Labels.ToArray()) : double.NaN;
            return Prop.When(premise && others.Count > 0, () =>
                (report.Status == IdentifiabilityStatus.NotUnique).Label($"the oracle has {others.Count} other zero-residual solutions but the check says {report.Status}: {report.Explanation}; {c}, {settings}")
                    .And((own <= ZeroResidual).Label($"NotUnique without a second solution that solves Aw = y on the oracle (residual {own}): {report.Explanation}; {c}, {settings}"))
                    .Classify(report.Method == IdentifiabilityMethod.IdenticalPatterns, "identical patterns")
                    .Classify(report.Method == IdentifiabilityMethod.WitnessNullVector, "witness null vector")
                    .Classify(report.Method == IdentifiabilityMethod.ExhaustiveSearch, "exhaustive search")
                    .Collect($"s = ‖w*‖₀ + {settings.Extra}"));
        });

    // The exhaustive search alone (no other dependency): settled without a counterexample ⇒ the oracle has no other solution; the oracle has one ⇒ it finds a
    // verified one; the same for the dictionary question against the oracle's smallest σ_min/σ_max over the 2s-supports.
    [Property(MaxTest = 150)]
    public Property ExhaustiveSearchAloneIsSoundAndComplete() =>
        Prop.ForAll(ProneCases, Settings.WithExhaustive, (c, settings) =>
        {
            SmallNetworkInstance instance = c.Build();
            int s = Math.Min(c.Nonzeros + settings.Extra, c.Columns);
            double[] y = instance.Network.Labels.ToArray();
            var pairs = new SecondSolutions(instance.Operator, s, y, ZeroResidual) { Reference = Truth(instance) };
            ExhaustiveOutcome outcome = ExhaustiveSupportSearch.Solutions(instance.Operator, pairs, y);
            var images = new ImagePairs(instance.Operator, s, ZeroResidual);
            ExhaustiveOutcome dictionary = ExhaustiveSupportSearch.NullVectors(instance.Operator, images);
            List<double[]> others = OtherSolutions(instance, s);
            double ratio = SmallestSingularRatio(instance.Oracle, Math.Min(2 * s, c.Columns));
            bool verified = pairs.Found.All(f => OracleResidual(instance.Oracle, f.Second, y) <= ZeroResidual && f.Second.NonzeroCount <= s);
            string where = $"found {pairs.Found.Count}, settled {outcome.Settled} ({outcome.Reason}); oracle: {others.Count} other solutions, min σ ratio {ratio}; dictionary found {images.Found.Count}, settled {dictionary.Settled}; {c}, {settings}";
            return Prop.When(Comparable(instance), () =>
                (!(outcome.Settled && pairs.Found.Count == 0) || others.Count == 0).Label($"settled with no second solution, but the oracle has one; {where}")
                    .And((others.Count == 0 || pairs.Found.Count > 0).Label($"the oracle has a second solution the search missed; {where}"))
                    .And(verified.Label($"a second solution the oracle rejects; {where}"))
                    .And((!(dictionary.Settled && images.Found.Count == 0) || ratio > 1e-9).Label($"dictionary search settled, but the oracle has a dependent 2s-support; {where}"))
                    .And((ratio > 1e-12 || images.Found.Count > 0).Label($"the oracle has a dependent 2s-support the dictionary search missed; {where}"))
                    .Classify(pairs.Found.Count > 0, "second solution found")
                    .Classify(outcome.Settled && pairs.Found.Count == 0, "settled: unique")
                    .Classify(outcome.Inconclusive is not null, "inconclusive")
                    .Classify(images.Found.Count > 0, "dictionary pair found")
                    .Collect($"s = ‖w*‖₀ + {settings.Extra}"));
        });

    // Premise rates: of the prone tiny instances, enough are Unique, enough NotUnique, and enough have an oracle second solution within the exhaustive budget.
    [Property(MaxTest = 1)]
    public Property TinyInstancesMeetEachPremiseOften() =>
        Prop.ForAll(Gen.ArrayOf(ProneGen.Zip(Settings.All.Generator), 200).ToArbitrary(), cases =>
        {
            Checked[] checks = cases.Select(c => c.Item2.Run(c.Item1)).ToArray();
            double Rate(Func<Checked, bool> premise) => (double)checks.Count(premise) / checks.Length;
            double unique = Rate(x => x.Report.Status == IdentifiabilityStatus.Unique && Comparable(x.Instance));
            double notUnique = Rate(x => x.Report.Status == IdentifiabilityStatus.NotUnique && Comparable(x.Instance));
            double oracleSecond = Rate(x => Comparable(x.Instance) && ExhaustiveAffordable(x.Instance.Case, x.Sparsity) && OtherSolutions(x.Instance, x.Sparsity).Count > 0);
            string summary = string.Join(", ", checks.GroupBy(x => (x.Report.Status, x.Report.Method)).OrderBy(g => g.Key).Select(g => $"{g.Key.Status}/{g.Key.Method} {g.Count()}"));
            return (unique >= RequiredUniqueRate).Label($"Unique premise rate {unique:P0} ({summary})")
                .And((notUnique >= RequiredNotUniqueRate).Label($"NotUnique premise rate {notUnique:P0} ({summary})"))
                .And((oracleSecond >= RequiredOracleSecondRate).Label($"oracle second-solution premise rate {oracleSecond:P0} ({summary})"))
                .Collect($"unique {unique:P0}, not unique {notUnique:P0}, oracle second {oracleSecond:P0}; {summary}");
        });

    // False null-vector candidates (random sparse vectors, Av ≠ 0) are never trusted: with w* and without, NotUnique still comes only with a pair the oracle confirms.
    [Property(MaxTest = 100)]
    public Property FalseNullVectorCandidatesAreNeverTrusted() =>
        Prop.ForAll(ProneCases, Gen.Elements(true, false).ToArbitrary(), (c, planted) =>
        {
            SmallNetworkInstance instance = c.Build();
            RestrictedConstants constants = Constants(instance.Operator, c.Nonzeros, enumerate: false);
            var random = new SeededRandom(c.Seed, RandomStream.Default);
            SparseVector[] candidates = Enumerable.Range(0, 6).Select(_ => InstanceGenerators.RandomSparse(random, c.Columns, 0.3)).Where(v => v.Count > 0).ToArray();
            SparseVector truth = Truth(instance);
            double[] y = instance.Network.Labels.ToArray();
            IdentifiabilityReport report = planted
                ? IdentifiabilityCheck.Check(instance.Operator, constants, c.Nonzeros, truth, y, candidates, null, NoExhaustive)
                : IdentifiabilityCheck.Check(instance.Operator, constants, c.Nonzeros, null, [], candidates, null, NoExhaustive);
            SparseVector? first = report.FirstSolution, second = report.SecondSolution;
            double agreement = double.NaN;
            if (first is not null && second is not null)
            {
                double[] target = planted ? y : instance.Oracle.Forward(first);
                double[] image = instance.Oracle.Forward(second);
                double scale = planted ? Math.Sqrt(y.Sum(v => v * v)) : Math.Max(Math.Sqrt(target.Sum(v => v * v)), Math.Sqrt(image.Sum(v => v * v)));
                double gap = Math.Sqrt(image.Zip(target, (a, b) => (a - b) * (a - b)).Sum());
                agreement = gap == 0 ? 0 : gap / scale;
            }

            bool candidateOnly = candidates.All(v => Math.Sqrt(instance.Oracle.Forward(v).Sum(x => x * x)) > 1e-6 * v.Norm());
            string where = $"{report.Status}/{report.Method}: {report.Explanation}; oracle agreement {agreement}; {c}, planted {planted}";
            return Prop.When(instance.FreeOfNearTies && (!planted || y.Any(v => v != 0)), () =>
                (report.Status != IdentifiabilityStatus.NotUnique || agreement <= ZeroResidual).Label($"NotUnique with a pair the oracle rejects; {where}")
                    .And((report.Status != IdentifiabilityStatus.NotUnique || second!.NonzeroCount <= c.Nonzeros).Label($"w₂ is not s-sparse; {where}"))
                    .Classify(candidateOnly, "no candidate is a null vector")
                    .Classify(report.Method == IdentifiabilityMethod.NullVectorCandidate, "built from a candidate")
                    .Classify(report.Status == IdentifiabilityStatus.NotUnique, "not unique")
                    .Collect(planted ? "with w*" : "without w*"));
        });

    // Without w* (is every s-sparse vector determined by its image?): Unique ⇒ every 2s-support has σ_min/σ_max > 1e−9 on the oracle;
    // NotUnique ⇒ u ≠ u′ are s-sparse with ‖Au − Au′‖ ≤ 1e−9·max(‖Au‖, ‖Au′‖) on the oracle; an oracle 2s-support with σ_min/σ_max ≤ 1e−12
    // within the exhaustive budget ⇒ NotUnique.
    [Property(MaxTest = 150)]
    public Property DictionaryQuestionAgreesWithSingularValueOracle() =>
        Prop.ForAll(TinyCases, Gen.Elements(true, false).ToArbitrary(), (c, enumerate) =>
        {
            var (instance, _, report, _) = Check(c, enumerate, planted: false);
            int size = Math.Min(2 * c.Nonzeros, c.Columns);
            double ratio = SmallestSingularRatio(instance.Oracle, size);
            bool affordable = BruteForceConstants.Binomial(c.Columns, size) <= IdentifiabilityBudget.Default.ExhaustiveSupports;
            SparseVector? u = report.FirstSolution, other = report.SecondSolution;
            double difference = double.NaN;
            if (u is not null && other is not null)
            {
                double[] a = instance.Oracle.Forward(u), b = instance.Oracle.Forward(other);
                double scale = Math.Max(Math.Sqrt(a.Sum(v => v * v)), Math.Sqrt(b.Sum(v => v * v)));
                double gap = Math.Sqrt(a.Zip(b, (x, z) => (x - z) * (x - z)).Sum());
                difference = gap == 0 ? 0 : gap / scale;
            }

            string where = $"{report.Status}/{report.Method}: {report.Explanation}; oracle min σ_min/σ_max {ratio}, image difference {difference}; {c}";
            return Prop.When(instance.FreeOfNearTies, () =>
                (report.Question == IdentifiabilityQuestion.EverySparseVector).Label($"the question without w* is not the dictionary's; {where}")
                    .And((report.Status != IdentifiabilityStatus.Unique || ratio > 1e-9).Label($"Unique but the oracle has a (nearly) dependent 2s-support; {where}"))
                    .And((report.Status != IdentifiabilityStatus.NotUnique || (u is not null && other is not null && u.NonzeroCount <= c.Nonzeros
                        && other.NonzeroCount <= c.Nonzeros && u.DistanceTo(other) > 0 && difference <= ZeroResidual)).Label($"NotUnique without a verified pair; {where}"))
                    .And((!(ratio <= 1e-12 && affordable) || report.Status == IdentifiabilityStatus.NotUnique).Label($"the oracle has a dependent 2s-support within budget but the check says {report.Status}; {where}"))
                    .Classify(report.Status == IdentifiabilityStatus.Unique, "unique")
                    .Classify(report.Status == IdentifiabilityStatus.NotUnique, "not unique")
                    .Classify(report.Status == IdentifiabilityStatus.NotCertified, "not certified")
                    .Collect($"{report.Method}"));
        });

    // Two blocks with the same generator, one carrying planted weights: NotUnique, and the second solution solves Aw = y (≤ 1e−12), is s-sparse and differs from w*.
    [Property(MaxTest = 100)]
    public Property DuplicatePatternIsNotUniqueAndSecondSolutionSolves() =>
        Prop.ForAll(DuplicatePatternCase.Cases, c =>
        {
            var (network, sensing, oracle, truth) = c.Build();
            int s = c.Network.Nonzeros;
            RestrictedConstants constants = RestrictedConstantEstimator.Estimate(sensing, 2 * s, null, SearchOnly, sensing);
            IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, constants, s, truth, network.Labels, [], sensing, IdentifiabilityBudget.Default);
            SparseVector? second = report.SecondSolution;
            double[] y = network.Labels.ToArray();
            double yNorm = Math.Sqrt(y.Sum(v => v * v));
            double own = second is null ? double.NaN : OracleResidual(oracle, second, y);
            double distance = second?.DistanceTo(truth) ?? double.NaN;
            string where = $"{report.Status}/{report.Method}: {report.Explanation}; own residual {Closeness.R(own)}, ‖w₂ − w*‖={Closeness.R(distance)}; {c}";
            return Prop.When(yNorm > 0, () => (report.Status == IdentifiabilityStatus.NotUnique).Label($"expected NotUnique; {where}")
                .And((second is not null).Label($"no second solution was built; {where}"))
                .And((own <= 1e-12).Label($"‖A w₂ − y‖/‖y‖ above 1e−12 by the dense oracle; {where}"))
                .And((report.SecondSolutionRelativeResidual is double r && r <= 1e-12).Label($"reported residual above 1e−12; {where}"))
                .And((distance > 1e-6 * truth.Norm()).Label($"the second solution equals w*; {where}"))
                .And((second is not null && second.NonzeroCount <= s).Label($"the second solution has more than s = {s} nonzeros; {where}"))
                .Classify(report.Method == IdentifiabilityMethod.IdenticalPatterns, "identical patterns")
                .Classify(report.Method != IdentifiabilityMethod.IdenticalPatterns, "another dependency")
                .Collect($"m={c.Network.Width} rule={c.Network.Rule}"));
        });

    // With no exhaustive search to fall back on, identical patterns alone prove NotUnique (method IdenticalPatterns) for both questions: with w*, a second s-sparse solution on supp w* ∪ the twin blocks; without, two s-sparse vectors with one image.
    [Property(MaxTest = 100)]
    public Property IdenticalPatternsAloneProveNonUniqueness() =>
        Prop.ForAll(DuplicatePatternCase.Cases, Arb.From(Gen.Elements(true, false)), (c, planted) =>
        {
            var (network, sensing, oracle, truth) = c.Build();
            int s = c.Network.Nonzeros, d = c.Network.Inputs, copy = c.Network.Width;
            RestrictedConstants constants = RestrictedConstantEstimator.Estimate(sensing, Math.Min(2 * s, sensing.Columns), null, SearchOnly, sensing);
            IdentifiabilityReport report = planted
                ? IdentifiabilityCheck.Check(sensing, constants, s, truth, network.Labels, [], sensing, NoExhaustive)
                : IdentifiabilityCheck.Check(sensing, constants, s, null, [], [], sensing, NoExhaustive);
            SparseVector? first = report.FirstSolution, second = report.SecondSolution;
            string where = $"planted={planted}: {report.Status}/{report.Method}: {report.Explanation}; {c}";
            Property p = (report.Status == IdentifiabilityStatus.NotUnique && report.Method == IdentifiabilityMethod.IdenticalPatterns).Label($"expected NotUnique by identical patterns; {where}")
                .And((first is not null && second is not null).Label($"no pair was reported; {where}"));
            if (first is null || second is null)
            {
                return p;
            }

            double[] a = oracle.Forward(first), b = oracle.Forward(second);
            double gap = Math.Sqrt(a.Zip(b, (x, z) => (x - z) * (x - z)).Sum()), scale = Math.Max(Math.Sqrt(a.Sum(x => x * x)), Math.Sqrt(b.Sum(x => x * x)));
            var twins = new HashSet<int>(Enumerable.Range(c.Duplicated * d, d).Concat(Enumerable.Range(copy * d, d)));
            p = p.And((gap <= 1e-12 * Math.Max(scale, 1e-300)).Label($"‖Au − Au′‖ = {Closeness.R(gap)} by the dense oracle; {where}"))
                .And((first.DistanceTo(second) > 1e-6 * Math.Max(first.Norm(), second.Norm())).Label($"the two vectors coincide; {where}"))
                .And((first.NonzeroCount <= s && second.NonzeroCount <= s).Label($"a vector has more than s = {s} nonzeros; {where}"));
            if (planted)
            {
                p = p.And((first.DistanceTo(truth) == 0).Label($"the first solution is not w*; {where}"))
                    .And(second.Indices.ToArray().All(i => truth[i] != 0 || twins.Contains(i)).Label($"the second solution leaves supp w* ∪ the twin blocks; {where}"));
            }

            return p.Classify(planted, "with w*").Classify(!planted, "every sparse vector");
        });

    // The reported τ is (n·k + N)·2⁻⁵²·β with k = min(2s, N) and β = max(certified β_k, witness β_k) (the witness alone when the certificate is missing or infinite), for both questions.
    [Property(MaxTest = 60)]
    public Property RoundingToleranceIsTheGramRoundingBound() =>
        Prop.ForAll(TinyGen.ToArbitrary(), Arb.From(Gen.Elements(true, false)), (c, planted) =>
        {
            Checked checkedCase = Check(c, enumerate: false, planted: planted);
            RestrictedConstants k = checkedCase.Constants;
            double beta = k.BetaCertified is double b && double.IsFinite(b) ? Math.Max(b, k.BetaWitness) : k.BetaWitness;
            int level = Math.Min(2 * checkedCase.Sparsity, c.Columns);
            double expected = ((double)c.Samples * level + c.Columns) * Math.Pow(2, -52) * Math.Max(beta, 0);
            return (checkedCase.Report.Tolerance.Equals(expected) && level == k.EffectiveLevel)
                .Label($"τ = {Closeness.R(checkedCase.Report.Tolerance)} but (n·k + N)·ε·β = {Closeness.R(expected)} (β = {Closeness.R(beta)}, k = {level}); {c}")
                .Classify(k.BetaCertified is double cb && cb > k.BetaWitness, "certified β above the witness")
                .Classify(planted, "with w*");
        });

    // The question follows the inputs: with w* and y = Aw* ≠ 0 (given, or formed when y is omitted) it is about the solutions of Aw = y and both forms give one report; with y = 0 or without w* it is about every sparse vector.
    [Property(MaxTest = 60)]
    public Property QuestionFollowsTheInputs() =>
        Prop.ForAll(TinyGen.ToArbitrary(), c =>
        {
            SmallNetworkInstance instance = c.Build();
            int s = c.Nonzeros;
            RestrictedConstants constants = Constants(instance.Operator, s, enumerate: false);
            SparseVector truth = Truth(instance);
            double[] y = instance.Network.Labels.ToArray();
            IdentifiabilityReport Run(SparseVector? w, ReadOnlySpan<double> labels) =>
                IdentifiabilityCheck.Check(instance.Operator, constants, s, w, labels, [], instance.Operator, NoExhaustive);
            IdentifiabilityReport given = Run(truth, y), formed = Run(truth, []), zero = Run(truth, new double[y.Length]), data = Run(null, y);
            bool nonzero = y.Any(v => v != 0);
            static string Key(IdentifiabilityReport r) => $"{r.Status}/{r.Method}/{r.Question}/{r.SecondSolution?.ToDense().Select(v => v.ToString("R")).Aggregate("", string.Concat)}";
            return (given.Question == (nonzero ? IdentifiabilityQuestion.SolutionOfLabels : IdentifiabilityQuestion.EverySparseVector)).Label($"with w* and y: {given.Question}; {c}")
                .And((Key(formed) == Key(given)).Label($"y omitted gives {Key(formed)}, y = Aw* gives {Key(given)}; {c}"))
                .And((zero.Question == IdentifiabilityQuestion.EverySparseVector).Label($"y = 0 asks {zero.Question}; {c}"))
                .And((data.Question == IdentifiabilityQuestion.EverySparseVector).Label($"without w* asks {data.Question}; {c}"))
                .Classify(nonzero, "y ≠ 0");
        });

    // The explanation names what was shown: w* when w* solves (s ≥ ‖w*‖₀), "w* … is not s-sparse" when s < ‖w*‖₀; dependent columns exactly when the witness α_2s ≤ τ, and then "although α_2s ≤" on an exhaustive uniqueness proof; an exhaustive proof names C(N, s).
    [Property(MaxTest = 100)]
    public Property ExplanationNamesWhatWasShown() =>
        Prop.ForAll(ProneCases, Arb.From(Gen.Elements(-1, 0, 1)), (c, shift) =>
        {
            SmallNetworkInstance instance = c.Build();
            SparseVector truth = Truth(instance);
            int s = Math.Clamp(truth.NonzeroCount + shift, 1, c.Columns);
            RestrictedConstants constants = Constants(instance.Operator, s, enumerate: false);
            IdentifiabilityReport report = IdentifiabilityCheck.Check(instance.Operator, constants, s, truth, instance.Network.Labels, [], instance.Operator, IdentifiabilityBudget.Default);
            bool solves = truth.NonzeroCount <= s;
            bool zero = report.AlphaWitness <= report.Tolerance;
            string text = report.Explanation, where = $"s = {s}: {report.Status}/{report.Method}: {text}; {c}";
            bool labelsQuestion = report.Question == IdentifiabilityQuestion.SolutionOfLabels;
            string tooDense = $"w* solves Aw = y but is not s-sparse (‖w*‖₀ = {truth.NonzeroCount} > s = {s})";
            Property p = (!labelsQuestion || (solves ? !text.Contains("w₁") && !text.Contains("w* does not solve") && !text.Contains(tooDense) : text.Contains(tooDense))).Label($"w* {(solves ? "solves" : "is not s-sparse")}; {where}")
                .And((zero == (report.DependentColumns.Count > 0)).Label($"witness α_2s {(zero ? "≤" : ">")} τ but {report.DependentColumns.Count} dependent columns; {where}"));
            if (report.Status == IdentifiabilityStatus.Unique)
            {
                p = p.And((text.Contains(", although α_2s ≤") == (zero && report.Method == IdentifiabilityMethod.ExhaustiveSearch && text.Contains("is the only"))).Label($"the dependence remark does not match α_2s ≤ τ; {where}"));
            }

            if (report.Status == IdentifiabilityStatus.Unique && report.Method == IdentifiabilityMethod.ExhaustiveSearch)
            {
                p = p.And(text.StartsWith($"exhaustive search of all C({c.Columns}, {s}) = {BruteForceConstants.Binomial(c.Columns, s)} supports").Label($"the exhaustive proof does not name C({c.Columns}, {s}); {where}"));
            }

            if (labelsQuestion && solves && report.Status != IdentifiabilityStatus.NotCertified)
            {
                p = p.And(text.Contains("w*").Label($"w* solves but is not named; {where}"));
            }

            return p.Classify(labelsQuestion && !solves, "w* cannot solve").Classify(!labelsQuestion, "y = 0").Classify(zero, "α_2s ≤ τ").Classify(report.Method == IdentifiabilityMethod.ExhaustiveSearch, "exhaustive")
                .Classify(report.Status == IdentifiabilityStatus.NotUnique, "not unique");
        });

    /// <summary>Gaussian data X (n×d) and p generators of which row <c>Copy</c> repeats row <c>Original</c>: no planted w*.</summary>
    private sealed record RepeatedRowCase(int Inputs, int Blocks, int Samples, int Sparsity, long Seed, PatternRule Rule, int Original, int Copy)
    {
        public static Gen<RepeatedRowCase> CaseGen =>
            from d in Gen.Choose(1, 5)
            from p in Gen.Choose(2, 4)
            from n in Gen.Choose(5, 200)
            from s in Gen.Choose(1, 3)
            from seed in InstanceGenerators.Seed
            from rule in Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
            from original in Gen.Choose(0, p - 2)
            from copy in Gen.Choose(original + 1, p - 1)
            select new RepeatedRowCase(d, p, n, s, seed, rule, original, copy);

        public (ActivationPatternOperator Sensing, DenseMatrixOperator Oracle) Build()
        {
            DataMatrix data = DataMatrix.Gaussian(Samples, Inputs, new SeededRandom(Seed));
            var generators = new double[Blocks * Inputs];
            new SeededRandom(Seed, RandomStream.Dictionary).FillGaussian(generators);
            Array.Copy(generators, Original * Inputs, generators, Copy * Inputs, Inputs);
            var sensing = ActivationPatternOperator.FromDictionary(data, new GeneratorDictionary(DictionaryKind.Random, Inputs, generators, 0), Rule);
            return (sensing, DenseMatrixOperator.FromPatternDefinition(data, generators, Rule));
        }
    }

    // Data and generators with a repeated generator row, no planted w*: NotUnique for the dictionary question, from the structure or from the
    // caller's null vectors e_{a·d+ℓ} − e_{b·d+ℓ}, with u ≠ u′ s-sparse and equal images on the oracle.
    [Property(MaxTest = 100)]
    public Property RepeatedGeneratorRowWithoutPlantedWeightsIsNotUnique() =>
        Prop.ForAll(Arb.From(RepeatedRowCase.CaseGen), Gen.Elements("structure", "caller", "both").ToArbitrary(), (c, route) =>
        {
            var (sensing, oracle) = c.Build();
            int s = Math.Min(c.Sparsity, sensing.Columns);
            RestrictedConstants constants = RestrictedConstantEstimator.Estimate(sensing, 2 * s, null, SearchOnly, sensing);
            IReadOnlyList<SparseVector> candidates = route == "structure" ? [] : DuplicateNullVectors(c.Blocks, c.Inputs, c.Original, c.Copy);
            IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, constants, s, null, [], candidates, route == "caller" ? null : sensing, IdentifiabilityBudget.Default);
            SparseVector? u = report.FirstSolution, other = report.SecondSolution;
            bool equalImages = u is not null && other is not null && oracle.Forward(u).Zip(oracle.Forward(other), (a, b) => Math.Abs(a - b)).Max() <= 1e-12 * Math.Max(1, oracle.Forward(u).Max(v => Math.Abs(v)));
            string where = $"{report.Status}/{report.Method}: {report.Explanation}; {c} via {route}";
            return (report.Status == IdentifiabilityStatus.NotUnique).Label($"expected NotUnique; {where}")
                .And((report.Question == IdentifiabilityQuestion.EverySparseVector).Label($"expected the dictionary question; {where}"))
                .And((u is not null && other is not null && u.NonzeroCount <= s && other.NonzeroCount <= s && u.DistanceTo(other) > 0).Label($"the pair is not two distinct s-sparse vectors; {where}"))
                .And(equalImages.Label($"Au ≠ Au′ on the oracle; {where}"))
                .Classify(report.Method == IdentifiabilityMethod.IdenticalPatterns, "identical patterns")
                .Classify(report.Method == IdentifiabilityMethod.NullVectorCandidate, "caller's null vector")
                .Classify(report.Method is not (IdentifiabilityMethod.IdenticalPatterns or IdentifiabilityMethod.NullVectorCandidate), "other dependency")
                .Collect(route);
        });

    /// <summary>The instance of <c>sparse-iht audit</c> with these options (dictionary planted, pattern rule geq), its uniform level-2s constants as the audit's budget gives them, and its oracle.</summary>
    private static (AuditSubject Subject, RestrictedConstants Constants, DenseMatrixOperator Oracle) CliInstance(PlantedNetworkSpec spec)
    {
        PlantedNetwork network = PlantedNetwork.Create(spec);
        GeneratorDictionary dictionary = GeneratorDictionary.Create(DictionaryKind.Planted, network, 0, spec.Seed);
        var sensing = ActivationPatternOperator.FromDictionary(network.Data, dictionary, PatternRule.GreaterOrEqual);
        AuditSubject subject = AuditSubject.Planted(new PlantedInstance(network, dictionary, sensing), spec.Nonzeros);
        RestrictedConstants constants = RestrictedConstantEstimator.Estimate(sensing, 2 * spec.Nonzeros, null, new EstimationBudget(2000, 15, Seed: spec.Seed), sensing);
        return (subject, constants, DenseMatrixOperator.FromPatternDefinition(network.Data, dictionary.Generators, PatternRule.GreaterOrEqual));
    }

    // Regression: `--inputs 6 --width 3 --nonzeros 2 --samples 1000 --seed 0 --weights signs --nonempty-units no` has two empty (all-on, identical) units, so α_2s = 0,
    // yet no other 2-sparse solution exists on any of the 153 supports: Unique by exhaustive search (it was "not identifiable"); without w* the dictionary is not injective.
    [Fact]
    public void CliInstanceWithTwoEmptyUnitsIsUniqueByExhaustiveSearch()
    {
        var (subject, constants, oracle) = CliInstance(new PlantedNetworkSpec(6, 3, 2, 1000, 0, WeightDistribution.Signs, OutputWeights.Positive, KeepUnitsNonEmpty: false));
        IdentifiabilityReport report = IdentifiabilityCheck.Check(subject.Operator, constants, 2, subject.Truth, subject.Labels, [], subject.Gates, IdentifiabilityBudget.Default);
        List<double[]> solutions = ZeroResidualSolutions(oracle, subject.Labels!, 2, subject.Truth!.Norm());
        Assert.True(constants.AlphaWitness <= report.Tolerance, $"the instance should have α_2s ≈ 0: {constants.AlphaWitness}");
        Assert.Single(solutions);
        Assert.Equal(IdentifiabilityStatus.Unique, report.Status);
        Assert.Equal(IdentifiabilityMethod.ExhaustiveSearch, report.Method);
        Assert.Equal(153, report.SupportsSearched);
        Assert.NotEmpty(report.DependentColumns);
        Assert.Null(report.SecondSolution);

        // Without the exhaustive search nothing shows uniqueness, and α_2s ≈ 0 alone is no second solution: not certified.
        IdentifiabilityReport unsearched = IdentifiabilityCheck.Check(subject.Operator, constants, 2, subject.Truth, subject.Labels, [], subject.Gates, new IdentifiabilityBudget(ExhaustiveSupports: 152));
        Assert.Equal(IdentifiabilityStatus.NotCertified, unsearched.Status);
        Assert.Equal(IdentifiabilityMethod.None, unsearched.Method);
        Assert.Null(unsearched.SecondSolution);
        Assert.Equal(report.DependentColumns, unsearched.DependentColumns);
        Assert.StartsWith("α_2s ≤ ", unsearched.Explanation);

        IdentifiabilityReport dictionary = IdentifiabilityCheck.Check(subject.Operator, constants, 2, null, [], [], subject.Gates, IdentifiabilityBudget.Default);
        Assert.Equal(IdentifiabilityStatus.NotUnique, dictionary.Status);
        Assert.Equal(IdentifiabilityQuestion.EverySparseVector, dictionary.Question);
        Assert.Equal(0, dictionary.SecondSolutionRelativeResidual);
    }

    // Regression: `--inputs 3 --width 3 --nonzeros 3 --samples 200 --seed 0 --weights ones` has two units equal to one coordinate vector (identical patterns, both carrying
    // weight): NotUnique, with a second 3-sparse solution the oracle confirms (it was "not identifiable" with no second solution).
    [Fact]
    public void CliInstanceWithTwoEqualUnitsIsNotUniqueWithVerifiedSecondSolution()
    {
        var (subject, constants, oracle) = CliInstance(new PlantedNetworkSpec(3, 3, 3, 200, 0, WeightDistribution.Ones, OutputWeights.Positive, KeepUnitsNonEmpty: true));
        IdentifiabilityReport report = IdentifiabilityCheck.Check(subject.Operator, constants, 3, subject.Truth, subject.Labels, [], subject.Gates, IdentifiabilityBudget.Default);
        Assert.Equal(IdentifiabilityStatus.NotUnique, report.Status);
        SparseVector second = Assert.IsType<SparseVector>(report.SecondSolution);
        Assert.True(second.NonzeroCount <= 3);
        Assert.True(second.DistanceTo(subject.Truth!) > 1e-6 * subject.Truth!.Norm());
        Assert.True(OracleResidual(oracle, second, subject.Labels!) <= 1e-12, report.Explanation);
        Assert.True(ZeroResidualSolutions(oracle, subject.Labels!, 3, subject.Truth!.Norm()).Count > 1);
    }
}
