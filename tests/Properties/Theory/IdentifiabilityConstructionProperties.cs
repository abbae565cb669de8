using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Identifiability;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// The identifiability check's own logic, isolated from the constants estimator and the exhaustive search: on small-integer
/// pattern operators with planted twin (identical) and all-off blocks, caller-supplied null-vector candidates (true and false),
/// and synthetic level-2s constants (no witness support, certified or not against a derived or explicit τ), the report must be
/// exactly what the documented constructions give (<see cref="SecondSolutionModel"/>): the same status, method, pair, residual
/// and distances; otherwise NotCertified naming every dependency tried, or Unique by the certificate. The exhaustive search runs
/// only when nothing else settled the question, and never changes a pair the dependencies found.
/// </summary>
public sealed class IdentifiabilityConstructionProperties
{
    /// <summary>Synthetic constants: witness α, certified α (or none) and the budget's τ (null: derived from β_witness = 1).</summary>
    public sealed record ConstantsVariant(double Witness, double? Certified, double? Tau)
    {
        public override string ToString() => $"α_w={Witness} α_c={Certified?.ToString(CultureInfo.InvariantCulture) ?? "none"} τ={Tau?.ToString(CultureInfo.InvariantCulture) ?? "derived"}";
    }

    /// <summary>A caller's null-vector candidate as stored (it may hold explicit zeros).</summary>
    public sealed record Candidate(int[] Indices, double[] Values)
    {
        public SparseVector Vector(int length) => new(length, Indices, Values);

        public double[] Dense(int length) => Vector(length).ToDense();

        public override string ToString() => string.Join(",", Indices.Zip(Values, (i, v) => $"{i}:{v}"));
    }

    /// <summary>
    /// n samples of integer data X ∈ {−2..2}^{n×d} (for d = 3 sometimes with x_2 = x_0 + x_1, a dependency inside every block), p integer
    /// generators in {−2..2}^d of which some are copies of another block's (twins) or zero (all-off under &gt;, all-on under ≥), w* with
    /// entries ±1, ±2, 1000 or 1e−7 (or none: the question without w*), s = ‖w*‖₀ + extra, and the caller's null-vector candidates:
    /// c·(e_{a·d+ℓ} − e_{b·d+ℓ}) of a copied pair, c·(e_{j·3} + e_{j·3+1} − e_{j·3+2}) of the data dependency, or random vectors with
    /// entries ±1, ±2, sometimes holding an explicit zero.
    /// </summary>
    public sealed record ConstructionCase(
        int Inputs, int Blocks, int Samples, PatternRule Rule, int[] Data, int[] Generators, double[] Truth, int Extra,
        Candidate[] Candidates, bool PassStructure, ConstantsVariant Constants)
    {
        public int Columns => Inputs * Blocks;

        public int Sparsity => Math.Clamp(Truth.Count(x => x != 0) + Extra, 1, Columns);

        public bool Planted => Truth.Any(x => x != 0);

        public override string ToString() =>
            $"d={Inputs} p={Blocks} n={Samples} {Rule} X=[{string.Join(",", Data)}] H=[{string.Join(",", Generators)}] w*=[{string.Join(",", Truth.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))}] " +
            $"s={Sparsity} candidates=[{string.Join("; ", Candidates.Select(v => v.ToString()))}] structure={PassStructure} {Constants}";

        public ActivationPatternOperator Operator() =>
            ActivationPatternOperator.FromDictionary(
                new DataMatrix(Samples, Inputs, Data.Select(x => (double)x).ToArray()),
                new GeneratorDictionary(DictionaryKind.Random, Inputs, Generators.Select(x => (double)x).ToArray(), 0), Rule);

        /// <summary>D_j's diagonal from the definition: 1[x_i·h_j ≥ 0] (or &gt; 0).</summary>
        public bool[] Mask(int block) =>
            Enumerable.Range(0, Samples).Select(i =>
            {
                int pre = Enumerable.Range(0, Inputs).Sum(l => Data[i * Inputs + l] * Generators[block * Inputs + l]);
                return Rule == PatternRule.GreaterOrEqual ? pre >= 0 : pre > 0;
            }).ToArray();
    }

    private static readonly ConstantsVariant[] Variants =
    [
        new(0, null, null), new(0, 0, null), new(0.6, null, null), new(0.6, 0.4, null), new(0.6, 0.4, 0.4), new(0.5, 0.4, 0.5), new(0.6, 0.4, 0.5),
    ];

    private static Gen<ConstructionCase> CaseGen =>
        from d in Gen.Choose(1, 3)
        from p in Gen.Choose(2, Math.Min(5, 12 / d))
        from n in Gen.Choose(3, 10)
        from rule in Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
        from data in Gen.ArrayOf(Gen.Choose(-2, 2), n * d)
        from relation in Gen.Elements(true, false)
        from generators in Gen.ArrayOf(Gen.Choose(-2, 2), p * d)
        from twins in Gen.ArrayOf(Gen.Choose(0, 2), 2)
        from zeroBlock in Gen.Choose(-2, p - 1)
        from copyFrom in Gen.ArrayOf(Gen.Choose(0, p - 1), 2)
        from copyTo in Gen.ArrayOf(Gen.Choose(0, p - 1), 2)
        from planted in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from truthCount in Gen.Choose(1, Math.Min(3, p * d))
        from truthColumns in Gen.ArrayOf(Gen.Choose(0, p * d - 1), truthCount)
        from truthValues in Gen.ArrayOf(Gen.Frequency((6, Gen.Elements(-2.0, -1.0, 1.0, 2.0)), (1, Gen.Elements(1000.0, 1e-7))), truthCount)
        from extra in Gen.Elements(0, 0, 1, 2)
        from candidateCount in Gen.Choose(planted ? 0 : 1, 2)
        from candidateKinds in Gen.ArrayOf(Gen.Choose(0, 3), candidateCount)
        from randomColumns in Gen.ArrayOf(Gen.Choose(0, p * d - 1), 6)
        from randomSigns in Gen.ArrayOf(Gen.Elements(-2.0, -1.0, 1.0, 1.0, -1.0, 2.0), 6)
        from scales in Gen.ArrayOf(Gen.Elements(1.0, 2.0), 2)
        from storedZero in Gen.ArrayOf(Gen.Elements(true, false, false), 2)
        from coordinate in Gen.Choose(0, d - 1)
        from structure in planted ? Gen.Elements(true, false) : Gen.Elements(true, false, false)
        from variant in Gen.Elements(Variants)
        select Build(d, p, n, rule, relation && d == 3 ? Related(data) : data, generators, twins, zeroBlock, copyFrom, copyTo, planted, truthColumns, truthValues, extra,
            candidateKinds, randomColumns, randomSigns, scales, storedZero, coordinate, structure, variant);

    /// <summary>Data with three inputs and x_2 = x_0 + x_1 on every sample.</summary>
    private static int[] Related(int[] data)
    {
        int[] related = (int[])data.Clone();
        for (int i = 0; i < related.Length; i += 3)
        {
            related[i + 2] = related[i] + related[i + 1];
        }

        return related;
    }

    private static ConstructionCase Build(int d, int p, int n, PatternRule rule, int[] data, int[] generators, int[] twins, int zeroBlock,
        int[] copyFrom, int[] copyTo, bool planted, int[] truthColumns, double[] truthValues, int extra, int[] candidateKinds,
        int[] randomColumns, double[] randomSigns, double[] scales, bool[] storedZero, int coordinate, bool structure, ConstantsVariant variant)
    {
        var h = (int[])generators.Clone();
        var copies = new List<(int From, int To)>();
        for (int t = 0; t < twins.Length; t++)
        {
            if (twins[t] > 0 && copyFrom[t] != copyTo[t])
            {
                Array.Copy(h, copyFrom[t] * d, h, copyTo[t] * d, d);
                copies.Add((Math.Min(copyFrom[t], copyTo[t]), Math.Max(copyFrom[t], copyTo[t])));
            }
        }

        if (zeroBlock >= 0)
        {
            Array.Clear(h, zeroBlock * d, d);
        }

        var truth = new double[p * d];
        if (planted)
        {
            for (int t = 0; t < truthColumns.Length; t++)
            {
                truth[truthColumns[t]] = truthValues[t];
            }
        }

        bool related = d == 3 && Enumerable.Range(0, n).All(i => data[i * 3 + 2] == data[i * 3] + data[i * 3 + 1]);
        var candidates = new List<Candidate>();
        for (int t = 0; t < candidateKinds.Length; t++)
        {
            var v = new double[p * d];
            double c = scales[t];
            if (candidateKinds[t] == 0 && copies.Count > 0)
            {
                (int a, int b) = copies[t % copies.Count];
                v[a * d + coordinate] = c;
                v[b * d + coordinate] = -c;
            }
            else if (candidateKinds[t] == 3 && related)
            {
                int j = copyFrom[t];
                (v[j * 3], v[j * 3 + 1], v[j * 3 + 2]) = (c, c, -c);
            }
            else
            {
                for (int u = 0; u < 1 + Math.Min(candidateKinds[t], 2); u++)
                {
                    v[randomColumns[(3 * t + u) % randomColumns.Length]] = randomSigns[(3 * t + u) % randomSigns.Length];
                }
            }

            List<int> indices = Enumerable.Range(0, p * d).Where(i => v[i] != 0).ToList();
            int zeroAt = Enumerable.Range(0, p * d).FirstOrDefault(i => v[i] == 0, -1);
            if (storedZero[t] && zeroAt >= 0)
            {
                indices.Add(zeroAt);
                indices.Sort();
            }

            candidates.Add(new Candidate(indices.ToArray(), indices.Select(i => v[i]).ToArray()));
        }

        return new ConstructionCase(d, p, n, rule, data, h, truth, extra, candidates.ToArray(), structure, variant);
    }

    /// <summary>The check's synthetic constants at level min(2s, N): no witness support, β_witness = 1.</summary>
    private static RestrictedConstants Constants(ConstructionCase c)
    {
        int level = Math.Min(2 * c.Sparsity, c.Columns);
        return new RestrictedConstants(level, level, false, false, c.Constants.Witness, [], 1.0, [], c.Constants.Certified, null, null, null, 0, 0, 0, ["synthetic"]);
    }

    /// <summary>The documented candidates of the case (the structure's, then the caller's) and the expected tried-dependencies text.</summary>
    private static (SecondSolutionModel Model, List<string> Tried, int Groups, int Off) Model(ConstructionCase c, SensingOperator sensing, double[] labels, double[]? reference = null)
    {
        int d = c.Inputs, s = c.Sparsity, columns = c.Columns;
        double[]? w = reference ?? (c.Planted ? c.Truth : null);
        var model = new SecondSolutionModel(sensing, s, w, labels);
        var tried = new List<string>();
        bool[][] masks = Enumerable.Range(0, c.Blocks).Select(c.Mask).ToArray();
        List<int[]> groups = Enumerable.Range(0, c.Blocks).GroupBy(j => string.Concat(masks[j].Select(on => on ? '1' : '0')))
            .Select(g => g.ToArray()).Where(g => g.Length >= 2).OrderBy(g => g[0]).ToList();
        List<int> off = Enumerable.Range(0, c.Blocks).Where(j => !masks[j].Any(on => on)).ToList();
        double[] Unit(params (int Index, double Value)[] entries)
        {
            var v = new double[columns];
            foreach (var (index, value) in entries)
            {
                v[index] = value;
            }

            return v;
        }

        if (c.PassStructure)
        {
            tried.Add(groups.Count + off.Count == 0 ? "identical or all-off patterns (none)" : $"identical patterns ({groups.Count} group{(groups.Count == 1 ? "" : "s")}) and all-off blocks ({off.Count})");
            if (w is not null)
            {
                int nonzeros = w.Count(x => x != 0);
                bool Carries(int block) => Enumerable.Range(0, d).Any(l => w[block * d + l] != 0);
                foreach (int[] group in groups)
                {
                    foreach (int a in group.Where(Carries))
                    {
                        foreach (int b in group.Where(b => b != a))
                        {
                            double[] moved = (double[])w.Clone();
                            for (int l = 0; l < d; l++)
                            {
                                if (w[a * d + l] != 0)
                                {
                                    moved[b * d + l] = w[b * d + l] + w[a * d + l];
                                    moved[a * d + l] = 0;
                                }
                            }

                            model.Offer(moved, "twin move", $"moving block {a}'s weights onto block {b} (identical activation patterns)");
                        }
                    }

                    for (int i = 0; i < group.Length; i++)
                    {
                        for (int j = i + 1; j < group.Length; j++)
                        {
                            int a = group[i], b = group[j];
                            for (int l = 0; l < d; l++)
                            {
                                if (w[a * d + l] != 0 || w[b * d + l] != 0 || (l == 0 && nonzeros + 2 <= s))
                                {
                                    model.FromNullVector(Unit((a * d + l, 1), (b * d + l, -1)), "twin null vector",
                                        $"the null vector e_{a * d + l} − e_{b * d + l} (blocks {a} and {b} have identical activation patterns)");
                                }
                            }
                        }
                    }
                }

                foreach (int block in off)
                {
                    for (int l = 0; l < d; l++)
                    {
                        if (w[block * d + l] != 0 || (l == 0 && nonzeros + 1 <= s))
                        {
                            model.FromNullVector(Unit((block * d + l, 1)), "zero column", $"the zero column {block * d + l} (block {block}'s pattern is off on every sample)");
                        }
                    }
                }
            }
            else
            {
                foreach (int[] group in groups)
                {
                    model.FromNullVector(Unit((group[0] * d, 1), (group[1] * d, -1)), "twin null vector",
                        $"the identical activation patterns of blocks {group[0]} and {group[1]} (columns {group[0] * d} and {group[1] * d} coincide)");
                }

                foreach (int block in off)
                {
                    model.FromNullVector(Unit((block * d, 1)), "zero column", $"the all-off pattern of block {block} (column {block * d} is zero)");
                }
            }
        }

        foreach (Candidate v in c.Candidates)
        {
            model.FromNullVector(v.Dense(columns), "caller", $"the caller's null-vector candidate on columns {IdentifiabilityText.Columns(v.Indices)}");
        }

        if (c.Candidates.Length > 0)
        {
            tried.Add($"the caller's null-vector candidates ({c.Candidates.Length})");
        }

        return (model, tried, groups.Count, off.Count);
    }

    private static readonly IdentifiabilityBudget NoExhaustive = new(ExhaustiveSupports: 0);

    private static IdentifiabilityReport Run(ConstructionCase c, ActivationPatternOperator sensing, IdentifiabilityBudget budget)
    {
        IdentifiabilityBudget withTau = budget with { RoundingTolerance = c.Constants.Tau };
        IReadOnlyList<SparseVector> candidates = c.Candidates.Select(v => v.Vector(c.Columns)).ToArray();
        return c.Planted
            ? IdentifiabilityCheck.Check(sensing, Constants(c), c.Sparsity, SparseVector.FromDense(c.Truth.Select(x => (double)x).ToArray()), [], candidates, c.PassStructure ? sensing : null, withTau)
            : IdentifiabilityCheck.Check(sensing, Constants(c), c.Sparsity, null, [], candidates, c.PassStructure ? sensing : null, withTau);
    }

    private static bool Same(SparseVector? actual, double[] expected) =>
        actual is not null && actual.ToDense().Zip(expected, (a, b) => a.Equals(b)).All(x => x);

    /// <summary>Everything the report must say on one case, and its tags.</summary>
    private static CaseVerdict CheckCase(ConstructionCase c)
    {
        ActivationPatternOperator sensing = c.Operator();
        var v = new CaseVerdict();
        double[] labels = c.Planted ? sensing.Forward(SparseVector.FromDense(c.Truth.Select(x => (double)x).ToArray())) : [];
        if (c.Planted && labels.All(x => x == 0))
        {
            v.Tag(true, "y = 0");
            return v;
        }

        var (model, tried, groups, off) = Model(c, sensing, labels);
        IdentifiabilityReport report = Run(c, sensing, NoExhaustive);
        ModelPair? best = model.Best();
        RestrictedConstants k = Constants(c);
        double tau = c.Constants.Tau ?? IdentifiabilityCheck.RoundingTolerance(sensing, k);
        bool certified = c.Constants.Certified is double a && a > tau;
        IdentifiabilityQuestion question = c.Planted ? IdentifiabilityQuestion.SolutionOfLabels : IdentifiabilityQuestion.EverySparseVector;
        string said = $"{report.Status}/{report.Method}: {report.Explanation}";
        v.Require(report.Question == question, () => $"question {report.Question}, expected {question}; {said}");
        v.Require(report.Tolerance.Equals(tau), () => $"τ = {Closeness.R(report.Tolerance)}, expected {Closeness.R(tau)}; {said}");
        v.Require(report.SupportsSearched == 0, () => $"the exhaustive search ran with a budget of 0 supports; {said}");
        v.Tag(groups > 0, "twin blocks");
        v.Tag(off > 0, "all-off block");
        v.Tag(!c.Planted, "without w*");
        v.Tag(certified, "certified");
        if (best is not null)
        {
            v.Tag(true, "found");
            v.Tag(best.Source == "caller", "caller's candidate chosen");
            v.Tag(best.Source == "twin move", "twin move chosen");
            v.Tag(best.Source is "twin null vector" or "zero column", "structural null vector chosen");
            v.Tag(model.Pairs.Count > 1, "several candidates");
            IdentifiabilityMethod method = best.Source == "caller" ? IdentifiabilityMethod.NullVectorCandidate : IdentifiabilityMethod.IdenticalPatterns;
            v.Require(report.Status == IdentifiabilityStatus.NotUnique && report.Method == method, () => $"expected NotUnique/{method} from the {best.Source}; {said}");
            v.Require(Same(report.FirstSolution, best.First) && Same(report.SecondSolution, best.Second),
                () => $"reported pair {Show(report.FirstSolution)} / {Show(report.SecondSolution)}, the documented choice is [{string.Join(",", best.First)}] / [{string.Join(",", best.Second)}] ({best.Source}, of {model.Pairs.Count}); {said}");
            v.Require(report.SecondSolutionRelativeResidual.Equals(best.Residual), () => $"residual {report.SecondSolutionRelativeResidual}, documented {Closeness.R(best.Residual)}; {said}");
            double distance = Math.Sqrt(best.First.Zip(best.Second, (x, y) => (x - y) * (x - y)).Sum());
            double firstNorm = Math.Sqrt(best.First.Sum(x => x * x));
            v.Require(report.SecondSolutionDistance is double r && Math.Abs(r - distance) <= 1e-12 * distance, () => $"distance {report.SecondSolutionDistance}, expected {Closeness.R(distance)}; {said}");
            v.Require(report.SecondSolutionRelativeDistance is double q && Math.Abs(q - distance / firstNorm) <= 1e-12 * distance / firstNorm,
                () => $"relative distance {report.SecondSolutionRelativeDistance}, expected {Closeness.R(distance / firstNorm)}; {said}");
            string Support(double[] x) => IdentifiabilityText.Columns(Enumerable.Range(0, x.Length).Where(i => x[i] != 0));
            string expected = c.Planted
                ? $"a second s-sparse solution: {best.Origin} gives w₂ ≠ w* with support {Support(best.Second)}, ‖Aw₂ − y‖/‖y‖ = {IdentifiabilityText.Number(best.Residual)} " +
                  $"and ‖w₂ − w*‖ = {IdentifiabilityText.Number(report.SecondSolutionDistance ?? double.NaN)} ({IdentifiabilityText.Number(report.SecondSolutionRelativeDistance ?? double.NaN)} of ‖w*‖)"
                : $"two s-sparse vectors with one image: {best.Origin}: the null vector v = u − u′ with ‖v‖₀ = {best.First.Count(x => x != 0) + best.Second.Count(x => x != 0)} ≤ 2s, " +
                  $"so u (support {Support(best.First)}) and u′ (support {Support(best.Second)}) are distinct s-sparse vectors with ‖Au − Au′‖/max(‖Au‖, ‖Au′‖) = {IdentifiabilityText.Number(best.Residual)}";
            v.Require(report.Explanation == expected, () => $"expected \"{expected}\"; {said}");
            return v;
        }

        v.Require(report.FirstSolution is null == !c.Planted && report.SecondSolution is null, () => $"no documented pair, yet the report holds {Show(report.FirstSolution)} / {Show(report.SecondSolution)}; {said}");
        if (certified)
        {
            string conclusion = c.Planted ? "no 2s-sparse null vector exists, so w* is the only s-sparse solution of Aw = y" : "A has no null vector with at most 2s nonzeros, so every s-sparse vector is determined by its image";
            string expected = $"certified α_2s ≥ {IdentifiabilityText.Number(c.Constants.Certified!.Value)} > τ = {IdentifiabilityText.Number(tau)} (G = AᵀA/n): {conclusion}";
            v.Require(report.Status == IdentifiabilityStatus.Unique && report.Method == IdentifiabilityMethod.CertifiedRsc && report.Explanation == expected,
                () => $"expected Unique/CertifiedRsc: \"{expected}\"; {said}");
            return v;
        }

        int size = c.Planted ? Math.Min(c.Sparsity, c.Columns) : Math.Min(2 * c.Sparsity, c.Columns);
        tried.Add($"exhaustive search skipped: C({c.Columns}, {size}) = {IdentifiabilityText.Count(BruteForceConstants.Binomial(c.Columns, size))} supports exceed the budget of 0");
        bool zero = c.Constants.Witness <= tau;
        string alpha = zero
            ? $"α_2s ≤ {IdentifiabilityText.Number(c.Constants.Witness)} on columns []"
            : $"α_2s ≤ {IdentifiabilityText.Number(c.Constants.Witness)} (witness) but its certified lower bound is {(c.Constants.Certified is double cc ? $"{IdentifiabilityText.Number(cc)}, not above τ = {IdentifiabilityText.Number(tau)}" : "not available")}";
        string text = c.Planted
            ? $"{alpha}; no second s-sparse solution found among the dependencies tried ({string.Join(", ", tried)})"
            : $"{alpha}; no null vector with at most 2s nonzeros found among the dependencies tried ({string.Join(", ", tried)})";
        v.Tag(true, "none found");
        v.Require(report.Status == IdentifiabilityStatus.NotCertified && report.Method == IdentifiabilityMethod.None && report.Explanation == text,
            () => $"expected NotCertified: \"{text}\"; {said}");
        return v;
    }

    private static string Show(SparseVector? w) => w is null ? "none" : $"[{string.Join(",", w.ToDense())}]";

    // The report is the documented choice among the documented constructions (status, method, pair, residual, distances), else Unique by the certificate or NotCertified listing every dependency tried.
    [Property(MaxTest = 300)]
    public Property ReportIsTheDocumentedChoiceAmongTheConstructions() =>
        Prop.ForAll(CaseGen.ToArbitrary(), c => CheckCase(c).ToProperty(c.ToString(),
            "found", "none found", "certified", "without w*", "twin move chosen", "structural null vector chosen", "caller's candidate chosen", "several candidates"));

    // Premise rates over 300 cases: pairs found by each construction, nothing found, certified cases, and the question without w*, each often enough to mean something
    // (observed: found ≈ 40%, none ≈ 40%, certified ≈ 12%, without w* ≈ 25%, twin move 14–20%, structural null vector 9–19%, caller 5–16%, several 27–34%).
    [Property(MaxTest = 1)]
    public Property ConstructionCasesMeetEachPremiseOften() =>
        Prop.ForAll(Gen.ArrayOf(CaseGen, 300).ToArbitrary(), cases =>
            PremiseFloor.Floor(cases, CheckCase,
                ("found", 0.3), ("none found", 0.15), ("certified", 0.04), ("without w*", 0.1),
                ("twin move chosen", 0.03), ("structural null vector chosen", 0.05), ("caller's candidate chosen", 0.03), ("several candidates", 0.15)));

    // The exhaustive search runs (supports searched > 0) exactly when no documented construction verified and α_2s is not certified; when a construction verified, the report is the one without any search.
    [Property(MaxTest = 150)]
    public Property ExhaustiveSearchRunsOnlyWhenNothingElseSettled() =>
        Prop.ForAll(CaseGen.ToArbitrary(), c =>
        {
            ActivationPatternOperator sensing = c.Operator();
            double[] labels = c.Planted ? sensing.Forward(SparseVector.FromDense(c.Truth.Select(x => (double)x).ToArray())) : [];
            if (c.Planted && labels.All(x => x == 0))
            {
                return true.Classify(true, "y = 0");
            }

            var (model, _, _, _) = Model(c, sensing, labels);
            RestrictedConstants k = Constants(c);
            double tau = c.Constants.Tau ?? IdentifiabilityCheck.RoundingTolerance(sensing, k);
            bool certified = c.Constants.Certified is double a && a > tau;
            bool found = model.Best() is not null;
            IdentifiabilityReport searched = Run(c, sensing, IdentifiabilityBudget.Default), without = Run(c, sensing, NoExhaustive);
            string where = $"{searched.Status}/{searched.Method} after {searched.SupportsSearched} supports: {searched.Explanation}; {c}";
            Property p = ((searched.SupportsSearched > 0) == (!found && !certified)).Label($"found={found} certified={certified}; {where}");
            if (found)
            {
                p = p.And((searched.Explanation == without.Explanation && searched.Status == without.Status).Label($"the search changed the report: {without.Explanation}; {where}"));
            }

            int size = c.Planted ? Math.Min(c.Sparsity, c.Columns) : Math.Min(2 * c.Sparsity, c.Columns);
            double total = BruteForceConstants.Binomial(c.Columns, size);
            string despite = c.Constants.Witness <= tau ? $", although α_2s ≤ {IdentifiabilityText.Number(c.Constants.Witness)} on columns []" : "";
            bool searchedUnique = !found && !certified && searched.Status == IdentifiabilityStatus.Unique;
            if (searchedUnique)
            {
                string every = $"exhaustive search of all C({c.Columns}, {size}) = {total} supports T of size {(c.Planted ? "s" : "2s")}";
                string expected = c.Planted
                    ? $"{every}: each has no solution of A_T w = y (least-squares residual > 1e-9·‖y‖) or only w*, so w* is the only {c.Sparsity}-sparse solution of Aw = y{despite}"
                    : $"{every}: each has σ_min(A_T) > 1e-9·σ_max(A_T), so no two distinct s-sparse vectors have images within 1e-9 of each other{despite}";
                p = p.And((searched.Method == IdentifiabilityMethod.ExhaustiveSearch && searched.Explanation == expected && searched.SupportsSearched == total)
                    .Label($"expected \"{expected}\" after all {total} supports; {where}"));
            }

            if (!found && !certified && searched.Status == IdentifiabilityStatus.NotCertified)
            {
                p = p.And((searched.Explanation.Contains("exhaustive search inconclusive on [") && searched.SupportsSearched == total).Label($"an unsettled search must name its inconclusive support; {where}"));
            }

            if (!found && !certified && searched.Status == IdentifiabilityStatus.NotUnique)
            {
                p = p.And((searched.Method == IdentifiabilityMethod.ExhaustiveSearch && searched.SupportsSearched <= total && searched.SecondSolution is { } w2 && w2.NonzeroCount <= c.Sparsity)
                    .Label($"a pair from the search must say so and be s-sparse; {where}"));
            }

            return p.Classify(found, "found").Classify(certified, "certified").Classify(searchedUnique, "unique by search")
                .Classify(!found && !certified && searched.Status == IdentifiabilityStatus.NotCertified, "search inconclusive")
                .Classify(!found && !certified && searched.Status == IdentifiabilityStatus.NotUnique, "pair from the search");
        });

    // A witness support S (α_2s's own, or one passed in) is tried only when α_2s is not certified: then a pair built from it is verified
    // on the dense definition of A, and a NotCertified report names S among the dependencies tried; the dependent columns lie in α_2s's support.
    [Property(MaxTest = 150)]
    public Property WitnessSupportsAreTriedOnlyWhenNotCertified() =>
        Prop.ForAll(CaseGen.ToArbitrary(), Gen.ArrayOf(Gen.Choose(0, 11), 4).ToArbitrary(), Arb.From(Gen.Elements(true, false)), (raw, picks, own) =>
        {
            ConstructionCase c = raw with { PassStructure = false, Candidates = [] };
            ActivationPatternOperator sensing = c.Operator();
            DenseMatrixOperator oracle = DenseMatrixOperator.FromPatternDefinition(
                new DataMatrix(c.Samples, c.Inputs, c.Data.Select(x => (double)x).ToArray()), c.Generators.Select(x => (double)x).ToArray(), c.Rule);
            int[] support = picks.Take(Math.Min(2 * c.Sparsity, 4)).Select(x => x % c.Columns).Distinct().Order().ToArray();
            RestrictedConstants k = Constants(c);
            if (own)
            {
                k = k with { AlphaWitnessSupport = support };
            }

            SparseVector? truth = c.Planted ? SparseVector.FromDense(c.Truth.Select(x => (double)x).ToArray()) : null;
            double[] y = truth is null ? [] : oracle.Forward(truth);
            IdentifiabilityBudget budget = NoExhaustive with { RoundingTolerance = c.Constants.Tau };
            IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, k, c.Sparsity, truth, [], [], null, budget, own ? null : [support]);
            double tau = c.Constants.Tau ?? IdentifiabilityCheck.RoundingTolerance(sensing, k);
            bool certified = c.Constants.Certified is double a && a > tau;
            bool labels = report.Question == IdentifiabilityQuestion.SolutionOfLabels;
            string where = $"S = {IdentifiabilityText.Columns(support)} ({(own ? "α_2s's" : "passed in")}): {report.Status}/{report.Method}: {report.Explanation}; {c}";
            Property p = (report.DependentColumns.All(support.Contains) && (own || report.DependentColumns.Count == 0)).Label($"dependent columns {IdentifiabilityText.Columns(report.DependentColumns)} outside α_2s's support; {where}");
            if (certified)
            {
                p = p.And((report.Status == IdentifiabilityStatus.Unique && report.Method == IdentifiabilityMethod.CertifiedRsc).Label($"certified α_2s must give Unique; {where}"));
            }
            else if (report.Status == IdentifiabilityStatus.NotUnique && report.FirstSolution is { } first && report.SecondSolution is { } second)
            {
                double[] a1 = labels ? y : oracle.Forward(first), a2 = oracle.Forward(second);
                double gap = Math.Sqrt(a1.Zip(a2, (u, v) => (u - v) * (u - v)).Sum()), scale = Math.Max(Math.Sqrt(a1.Sum(u => u * u)), Math.Sqrt(a2.Sum(u => u * u)));
                p = p.And((report.Method == IdentifiabilityMethod.WitnessNullVector && gap <= 1e-9 * scale && second.NonzeroCount <= c.Sparsity && first.DistanceTo(second) > 0)
                    .Label($"the pair from S does not verify on the definition (‖A·first − A·second‖ = {Closeness.R(gap)}); {where}"));
            }
            else
            {
                p = p.And((report.Status == IdentifiabilityStatus.NotCertified && report.Explanation.Contains($"the witness support {IdentifiabilityText.Columns(support)}"))
                    .Label($"S is not named among the dependencies tried; {where}"));
            }

            return p.Classify(certified, "certified").Classify(report.Status == IdentifiabilityStatus.NotUnique, "pair from S").Classify(own, "α_2s's own support").Classify(labels, "with w*");
        });

    // When w* does not solve Aw = y (y = Aw′ for another integer w′, or integer noise) the report says so with the residual, never calls w* a
    // solution, and names w₁ (a verified s-sparse solution found by the exhaustive search) as the vector compared with, or says that none was
    // found; the dependencies are tried once, against w₁ (none of the documented constructions from w₁ verifies when it says none was found),
    // and without w₁ nothing is listed as tried but the exhaustive search.
    [Property(MaxTest = 200)]
    public Property ExplanationWhenWStarDoesNotSolve() =>
        Prop.ForAll(CaseGen.ToArbitrary(), Gen.ArrayOf(Gen.Choose(-2, 2), 12).ToArbitrary(), Arb.From(Gen.Elements((true, true), (true, false), (false, true), (false, false))), (raw, other, flags) =>
        {
            var (image, search) = flags;
            ConstructionCase c = raw.Planted ? raw : raw with { Truth = [1, .. raw.Truth[1..]] };
            ActivationPatternOperator sensing = c.Operator();
            SparseVector truth = SparseVector.FromDense(c.Truth);
            double[] y = image
                ? sensing.Forward(SparseVector.FromDense(other.Take(c.Columns).Select(x => (double)x).ToArray()))
                : other.Concat(other).Take(c.Samples).Select(x => (double)x).ToArray();
            double yNorm = VectorKernels.Norm(y);
            double[] residualImage = sensing.Forward(truth);
            VectorKernels.Axpy(-1, y, residualImage);
            double residual = yNorm > 0 ? VectorKernels.Norm(residualImage) / yNorm : double.NaN;
            if (!(residual > 1e-9))
            {
                return true.Classify(true, "w* solves or y = 0");
            }

            IdentifiabilityBudget budget = (search ? IdentifiabilityBudget.Default : NoExhaustive) with { RoundingTolerance = c.Constants.Tau };
            IReadOnlyList<SparseVector> candidates = c.Candidates.Select(v => v.Vector(c.Columns)).ToArray();
            IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, Constants(c), c.Sparsity, truth, y, candidates, c.PassStructure ? sensing : null, budget);
            string text = report.Explanation, where = $"{report.Status}/{report.Method}: {text}; y = [{string.Join(",", y)}]; search={search}; {c}";
            string notSolving = $"w* does not solve Aw = y (‖Aw* − y‖/‖y‖ = {IdentifiabilityText.Number(residual)})";
            bool certified = report.AlphaCertified is double a && a > report.Tolerance;
            string[] tried = report.Status == IdentifiabilityStatus.NotCertified && text.EndsWith(')') && text.Contains("among the dependencies tried (")
                ? text[(text.IndexOf("among the dependencies tried (", StringComparison.Ordinal) + "among the dependencies tried (".Length)..^1]
                    .Split(", ").Aggregate(new List<string>(), (items, part) =>
                    {
                        // Items start with these words; other ", " are inside an item ("C(N, k)", "[0, 1]").
                        if (items.Count == 0 || part.StartsWith("identical ", StringComparison.Ordinal) || part.StartsWith("the caller's ", StringComparison.Ordinal)
                            || part.StartsWith("the witness support ", StringComparison.Ordinal) || part.StartsWith("exhaustive search ", StringComparison.Ordinal))
                        {
                            items.Add(part);
                        }
                        else
                        {
                            items[^1] += ", " + part;
                        }

                        return items;
                    }).ToArray()
                : [];
            Property p = (report.Question == IdentifiabilityQuestion.SolutionOfLabels && text.Contains(notSolving)).Label($"expected \"{notSolving}\"; {where}")
                .And((report.FirstSolution is null || report.FirstSolution.DistanceTo(truth) > 0).Label($"w* is reported as the solution compared with; {where}"))
                .And((tried.Distinct().Count() == tried.Length).Label($"a dependency is listed twice among those tried; {where}"));
            if (report.FirstSolution is { } w1)
            {
                double[] fit = sensing.Forward(w1);
                VectorKernels.Axpy(-1, y, fit);
                p = p.And((VectorKernels.Norm(fit) <= 1e-9 * yNorm && w1.NonzeroCount <= c.Sparsity).Label($"w₁ does not solve or is not s-sparse; {where}"));
                if (!certified)
                {
                    p = p.And(text.Contains($"w₁ (support {IdentifiabilityText.Columns(w1.Indices.ToArray())}").Label($"w₁ is not named with its support; {where}"));
                }

                if (report.Status == IdentifiabilityStatus.NotUnique)
                {
                    p = p.And((text.Contains("‖w₂ − w₁‖") && text.Contains("of ‖w₁‖)")).Label($"the distance is not named as from w₁; {where}"));
                }

                if (report.Status == IdentifiabilityStatus.NotCertified)
                {
                    var (model, _, _, _) = Model(c, sensing, y, w1.ToDense());
                    p = p.And((model.Best() is null).Label($"a documented construction from w₁ verifies, yet none was reported; {where}"));
                }
            }
            else if (report.Status == IdentifiabilityStatus.NotCertified)
            {
                p = p.And((text.Contains($"; {notSolving} and no s-sparse solution was found to compare with") && tried.Length == 1 && tried[0].StartsWith("exhaustive search", StringComparison.Ordinal))
                    .Label($"without a solution to compare with, only the exhaustive search may be listed as tried; {where}"));
            }
            else if (report.Status == IdentifiabilityStatus.Unique && report.Method == IdentifiabilityMethod.ExhaustiveSearch)
            {
                p = p.And(text.Contains($"none has a solution of A_T w = y (least-squares residual > 1e-9·‖y‖), so no {c.Sparsity}-sparse w solves Aw = y ({notSolving})").Label($"no solution found, not said; {where}"));
            }

            return p.Classify(report.FirstSolution is not null, "w₁ found").Classify(report.Status == IdentifiabilityStatus.NotUnique, "not unique")
                .Classify(report.Status == IdentifiabilityStatus.Unique, "unique").Classify(report.Status == IdentifiabilityStatus.NotCertified, "not certified")
                .Classify(image, "y = Aw′").Classify(search, "search");
        });

    /// <summary>n rows of a single all-on block over d = 1 … N inputs with distinct integer data (no dependencies), w* = e_0.</summary>
    private static (ActivationPatternOperator Sensing, SparseVector Truth) Independent(int rows, int columns)
    {
        var data = new double[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            for (int l = 0; l < columns; l++)
            {
                data[i * columns + l] = ((i + 1) * (l + 3) * 7919 % 13) - 6;
            }
        }

        var sensing = ActivationPatternOperator.FromDictionary(new DataMatrix(rows, columns, data), new GeneratorDictionary(DictionaryKind.Random, columns, new double[columns], 0), PatternRule.GreaterOrEqual);
        return (sensing, SparseVector.FromDense([1.0, .. new double[columns - 1]]));
    }

    // The exhaustive search runs when C(N, s) is at most the supports budget (C(N, s) itself included) and its work C·n·s² at most 2e9;
    // otherwise the report names which limit stopped it, with the numbers.
    [Fact]
    public void ExhaustiveSearchBudgetsAreNamedWithTheirNumbers()
    {
        static RestrictedConstants Uncertified(int level) => new(level, level, false, false, 0.6, [], 1.0, [], null, null, null, null, 0, 0, 0, ["synthetic"]);
        var (sensing, truth) = Independent(12, 6);
        IdentifiabilityReport exact = IdentifiabilityCheck.Check(sensing, Uncertified(4), 2, truth, [], [], null, new IdentifiabilityBudget(ExhaustiveSupports: 15));
        IdentifiabilityReport over = IdentifiabilityCheck.Check(sensing, Uncertified(4), 2, truth, [], [], null, new IdentifiabilityBudget(ExhaustiveSupports: 14));
        Assert.Equal((IdentifiabilityStatus.Unique, IdentifiabilityMethod.ExhaustiveSearch, 15), (exact.Status, exact.Method, exact.SupportsSearched));
        Assert.Equal((IdentifiabilityStatus.NotCertified, 0), (over.Status, over.SupportsSearched));
        Assert.EndsWith("(exhaustive search skipped: C(6, 2) = 15 supports exceed the budget of 14)", over.Explanation);

        // N = 23, s = 20: C(23, 20) = 1771 supports fit the budget of 2000, but 1771·n·20² > 2e9 for n = 3000 (the work stops it).
        var (tall, tallTruth) = Independent(3000, 23);
        IdentifiabilityReport work = IdentifiabilityCheck.Check(tall, Uncertified(23), 20, tallTruth, [], [], null, IdentifiabilityBudget.Default);
        Assert.Equal((IdentifiabilityStatus.NotCertified, 0), (work.Status, work.SupportsSearched));
        Assert.EndsWith("(exhaustive search skipped: the work of its C(23, 20) = 1771 least-squares problems, n·k² each, exceeds 2.00e+9)", work.Explanation);
        IdentifiabilityReport tight = IdentifiabilityCheck.Check(tall, Uncertified(23), 20, tallTruth, [], [], null, new IdentifiabilityBudget(ExhaustiveSupports: 1771));
        Assert.EndsWith("(exhaustive search skipped: the work of its C(23, 20) = 1771 least-squares problems, n·k² each, exceeds 2.00e+9)", tight.Explanation);
    }

    // The work limit is inclusive: C(N, 1)·n·1² = 2000·10⁶ = 2e9 exactly is affordable, one more row is not (decided from the shape alone).
    [Fact]
    public void ExhaustiveWorkAtItsLimitIsAffordable()
    {
        var budget = new IdentifiabilityBudget(ExhaustiveSupports: 1_000_000);
        Assert.True(ExhaustiveSupportSearch.Affordable(new ShapeOnlyOperator(1_000_000, 2000), 1, budget, out double supports));
        Assert.Equal(2000, supports);
        Assert.Equal(IdentifiabilityBudget.ExhaustiveWork, supports * 1_000_000);
        Assert.False(ExhaustiveSupportSearch.Affordable(new ShapeOnlyOperator(1_000_001, 2000), 1, budget, out _));
    }

    // Unweighted twins with room for two more nonzeros give the null vector on their first coordinate: blocks 1 and 2 share the pattern
    // x_0 ≥ 0, block 0 is all-on, x_1 = 0 on every sample, w* = e_0, s = 3; the pair is w* and w* + (1/√2)(e_2 − e_4) (support [0, 2, 4]),
    // whose residual is rounding (> 0). On the second coordinate the twins' columns are zero, so w* + (1/√2)(e_3 − e_5) would have the
    // residual 0 exactly: trying it (every coordinate, or only the others) would change the pair reported.
    [Fact]
    public void UnweightedTwinsAreSplitOnTheirFirstCoordinate()
    {
        var c = new ConstructionCase(2, 3, 4, PatternRule.GreaterOrEqual, [1, 0, 2, 0, -1, 0, 3, 0], [0, 0, 1, 0, 1, 0], [1, 0, 0, 0, 0, 0], 2, [], true, Variants[2]);
        IdentifiabilityReport report = Run(c, c.Operator(), NoExhaustive);
        Assert.Equal((IdentifiabilityStatus.NotUnique, IdentifiabilityMethod.IdenticalPatterns), (report.Status, report.Method));
        Assert.Equal([0, 2, 4], report.SecondSolution!.Indices.ToArray());
        Assert.True(report.SecondSolutionRelativeResidual > 0, "premise: the first coordinate's pair carries a rounding residual");
    }

    // A twin block's weights are cancelled one coordinate at a time as well as moved as a block, and of equal residuals (0, integer data) and
    // nonzero counts the lowest support is reported: blocks 0 and 2 are twins (h = (1, 1)), block 1 is not (h = (1, −1)), w* = e_0 + e_1, s = 2;
    // the block move gives [4, 5], cancelling e_0 gives [1, 4], cancelling e_1 (the null vector e_1 − e_5) gives [0, 5], which is reported.
    [Fact]
    public void TwinNullVectorsAreTriedOnEveryWeightedCoordinate()
    {
        var c = new ConstructionCase(2, 3, 4, PatternRule.GreaterOrEqual, [1, 2, -2, 1, 1, -1, -1, -2], [1, 1, 1, -1, 1, 1], [1, 1, 0, 0, 0, 0], 0, [], true, Variants[2]);
        IdentifiabilityReport report = Run(c, c.Operator(), NoExhaustive);
        Assert.Equal((IdentifiabilityStatus.NotUnique, IdentifiabilityMethod.IdenticalPatterns), (report.Status, report.Method));
        Assert.Equal([0, 5], report.SecondSolution!.Indices.ToArray());
        Assert.Equal(0, report.SecondSolutionRelativeResidual);
    }

    // The same for a weighted twin that is not block 0: blocks 1 and 2 are twins (h = (1, 1)), block 0 is not (h = (1, −1)), w* = e_2 + e_3,
    // s = 2; the block move gives [4, 5], cancelling e_2 gives [3, 4], cancelling e_3 (the null vector e_3 − e_5) gives [2, 5], which is reported.
    [Fact]
    public void TwinNullVectorsAreTriedOnALaterBlocksWeightedCoordinates()
    {
        var c = new ConstructionCase(2, 3, 4, PatternRule.GreaterOrEqual, [1, 2, -2, 1, 1, -1, -1, -2], [1, -1, 1, 1, 1, 1], [0, 0, 1, 1, 0, 0], 0, [], true, Variants[2]);
        IdentifiabilityReport report = Run(c, c.Operator(), NoExhaustive);
        Assert.Equal((IdentifiabilityStatus.NotUnique, IdentifiabilityMethod.IdenticalPatterns), (report.Status, report.Method));
        Assert.Equal([2, 5], report.SecondSolution!.Indices.ToArray());
        Assert.Equal(0, report.SecondSolutionRelativeResidual);
    }

    // When w* does not solve but the exhaustive search settles, the uniqueness it states is w₁'s, not w*'s: a 6×3 Gaussian A, y = A·e_0,
    // w* = e_1, s = 1; [0] holds w₁ = e_0, [1] and [2] have no solution.
    [Fact]
    public void ExhaustiveUniquenessWithoutWStarNamesTheSolutionFound()
    {
        DenseMatrixOperator sensing = Gaussian(6, 3, 41);
        double[] y = sensing.Forward(SparseVector.FromDense([1.0, 0, 0]));
        IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, Synthetic(2, 0.6, []), 1, SparseVector.FromDense([0, 1.0, 0]), y, [], null, IdentifiabilityBudget.Default);
        Assert.Equal((IdentifiabilityStatus.Unique, IdentifiabilityMethod.ExhaustiveSearch, 3), (report.Status, report.Method, report.SupportsSearched));
        Assert.Contains("or only w₁, so w₁ (support [0]) is the only 1-sparse solution of Aw = y (w* does not solve Aw = y", report.Explanation);
    }

    // The witness work limit is inclusive: A_S of n·|S| = 10⁷·2 = WitnessWorkLimit entries is decomposed, one row more is not (decided from the
    // shape alone; the entries are never read), and the empty support is never decomposed.
    [Fact]
    public void WitnessWorkAtItsLimitIsDecomposable()
    {
        Assert.Equal(IdentifiabilityCheck.WitnessWorkLimit, 10_000_000L * 2);
        Assert.True(IdentifiabilityCheck.Decomposable(new ShapeOnlyOperator(10_000_000, 3), [0, 2]));
        Assert.False(IdentifiabilityCheck.Decomposable(new ShapeOnlyOperator(10_000_001, 3), [0, 2]));
        Assert.False(IdentifiabilityCheck.Decomposable(new ShapeOnlyOperator(1, 3), []));
    }

    /// <summary>The Gaussian 6-vectors g, e, f of <see cref="NearCopy"/> (seeds 21, 22, 23).</summary>
    private static (double[] G, double[] E, double[] F) NearCopyColumns()
    {
        double[] Column(long seed) => Gaussian(6, 1, seed).Forward(SparseVector.FromDense([1.0]));
        return (Column(21), Column(22), Column(23));
    }

    /// <summary>The operator whose columns are <paramref name="columns"/> (all of one length).</summary>
    private static DenseMatrixOperator FromColumns(params double[][] columns)
    {
        var matrix = new double[columns[0].Length, columns.Length];
        for (int j = 0; j < columns.Length; j++)
        {
            for (int i = 0; i < columns[j].Length; i++)
            {
                matrix[i, j] = columns[j][i];
            }
        }

        return new DenseMatrixOperator(matrix);
    }

    /// <summary>a + c·b, entrywise.</summary>
    private static double[] Plus(double[] a, double c, double[] b) => a.Select((x, i) => x + c * b[i]).ToArray();

    // Of several supports the search cannot settle, the first in lexicographic order is named: columns g, g + 1e−6·e, g + 1e−6·f with
    // y = 1000·g, w* = 1000·e_0, s = 2; [0, 1] and [0, 2] are both too ill-conditioned to rule out nearby solutions (as in
    // NearlyDependentSupportLeavesTheSearchInconclusive), [1, 2] has no solution (g is about 1e−6 from its span); [0, 1] is named.
    [Fact]
    public void FirstUnsettledSupportIsTheOneNamed()
    {
        (double[] g, double[] e, double[] f) = NearCopyColumns();
        DenseMatrixOperator sensing = FromColumns(g, Plus(g, 1e-6, e), Plus(g, 1e-6, f));
        SparseVector truth = SparseVector.FromDense([1000.0, 0, 0]);
        IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, Synthetic(3, 0.6, []), 2, truth, sensing.Forward(truth), [], null, IdentifiabilityBudget.Default);
        Assert.Equal((IdentifiabilityStatus.NotCertified, 3), (report.Status, report.SupportsSearched));
        Assert.Contains("exhaustive search inconclusive on [0, 1]: σ_min(A_T) = ", report.Explanation);
        Assert.EndsWith("on [0, 1] is too small to rule out other solutions within the tolerance)", report.Explanation);
    }

    // A nearly dependent pair away from the solution does not block uniqueness: columns f, g, g + 1e−6·e with w* = 1000·e_0, s = 2; [0, 1] and
    // [0, 2] hold w* and are well conditioned, [1, 2] is ill-conditioned but has no solution (f is far from its span), so it is settled as such
    // (it is not judged as if the reference lay on it): Unique by exhaustive search of all 3 supports.
    [Fact]
    public void IllConditionedSupportWithoutASolutionIsSettled()
    {
        (double[] g, double[] e, double[] f) = NearCopyColumns();
        DenseMatrixOperator sensing = FromColumns(f, g, Plus(g, 1e-6, e));
        SparseVector truth = SparseVector.FromDense([1000.0, 0, 0]);
        IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, Synthetic(3, 0.6, []), 2, truth, sensing.Forward(truth), [], null, IdentifiabilityBudget.Default);
        Assert.Equal((IdentifiabilityStatus.Unique, IdentifiabilityMethod.ExhaustiveSearch, 3), (report.Status, report.Method, report.SupportsSearched));
    }

    // Without w*, a support below the relative threshold whose pair does not verify leaves the search inconclusive and says so: columns g and
    // g + δ·e with δ = 1.5e−9·‖g‖/‖e⊥‖ (e⊥: e without its g component) give σ_min ≈ δ‖e⊥‖/√2 ≤ 1e−9·σ_max ≈ 1e−9·√2‖g‖, but the halves
    // u = v₁e_0, u′ = −v₂e_1 of the singular vector have ‖Au − Au′‖ = σ_min > 1e−9·max(‖Au‖, ‖Au′‖) ≈ 1e−9‖g‖/√2.
    [Fact]
    public void UnverifiedPairBelowTheThresholdLeavesTheSearchInconclusive()
    {
        (double[] g, double[] e, _) = NearCopyColumns();
        double along = e.Zip(g, (a, b) => a * b).Sum() / g.Sum(x => x * x);
        double orthogonal = Math.Sqrt(e.Select((x, i) => (x - along * g[i]) * (x - along * g[i])).Sum());
        double delta = 1.5e-9 * Math.Sqrt(g.Sum(x => x * x)) / orthogonal;
        IdentifiabilityReport report = IdentifiabilityCheck.Check(FromColumns(g, Plus(g, delta, e)), Synthetic(2, 0.6, []), 1, null, [], [], null, IdentifiabilityBudget.Default);
        Assert.Equal((IdentifiabilityStatus.NotCertified, 1), (report.Status, report.SupportsSearched));
        Assert.EndsWith("exhaustive search inconclusive on [0, 1]: σ_min(A_T) ≤ 1e-9·σ_max(A_T) on [0, 1] but its singular vector's halves did not verify)", report.Explanation);
    }

    // With labels, a rank-deficient A_T whose null-vector solutions do not verify leaves the search inconclusive and says so: columns g,
    // g + 1e−9·e and their rounded sum (rank 2 of 3, σ_3 ≈ 1e−16·σ_1), w* = the right singular vector of σ_2 (so ‖y‖ = ‖Aw*‖ ≈ 1e−9·σ_1);
    // every w* + c·v has residual about c·σ_3/‖y‖ ≈ 1e−7 > 1e−9.
    [Fact]
    public void UnverifiedNullVectorSolutionsLeaveTheSearchInconclusive()
    {
        (double[] g, double[] e, _) = NearCopyColumns();
        double[] near = Plus(g, 1e-9, e);
        DenseMatrixOperator sensing = FromColumns(g, near, Plus(g, 1, near));
        double[] direction = sensing.ColumnSubmatrix([0, 1, 2]).Svd(computeVectors: true).VT.Row(1).ToArray();
        SparseVector truth = SparseVector.FromDense(direction);
        IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, Synthetic(3, 0.6, []), 3, truth, sensing.Forward(truth), [], null, IdentifiabilityBudget.Default);
        Assert.Equal((IdentifiabilityStatus.NotCertified, 1), (report.Status, report.SupportsSearched));
        Assert.EndsWith("exhaustive search inconclusive on [0, 1, 2]: A_T is rank-deficient on [0, 1, 2] but no solution built from its null vector verified)", report.Explanation);
    }

    // Without w*, the pair split from the caller's null vector v = 2(e_0 − e_1) of two identical columns is u = 2e_0, u′ = 2e_1, reported with
    // ‖u − u′‖ = ‖v‖ = 2√2 and ‖u − u′‖/‖u‖ = √2.
    [Fact]
    public void PairWithoutWStarReportsItsDistances()
    {
        var c = new ConstructionCase(1, 3, 4, PatternRule.Greater, [1, 2, -1, 1], [1, 1, -1], [0, 0, 0], 0,
            [new Candidate([0, 1], [2.0, -2.0])], false, Variants[2]);
        IdentifiabilityReport report = Run(c, c.Operator(), NoExhaustive);
        Assert.Equal((IdentifiabilityStatus.NotUnique, IdentifiabilityMethod.NullVectorCandidate), (report.Status, report.Method));
        Assert.Equal([2.0, 0, 0], report.FirstSolution!.ToDense());
        Assert.Equal([0, 2.0, 0], report.SecondSolution!.ToDense());
        Assert.Equal(2 * Math.Sqrt(2), report.SecondSolutionDistance!.Value, 14);
        Assert.Equal(Math.Sqrt(2), report.SecondSolutionRelativeDistance!.Value, 14);
    }

    private static RestrictedConstants Synthetic(int level, double witness, IReadOnlyList<int> support, double beta = 1.0, double? betaCertified = null) =>
        new(level, level, false, false, witness, support, beta, [], null, betaCertified, null, null, 0, 0, 0, ["synthetic"]);

    /// <summary>An n×N Gaussian matrix from <paramref name="seed"/>, with the columns listed in <paramref name="copies"/> set equal to column 0.</summary>
    private static DenseMatrixOperator Gaussian(int rows, int columns, long seed, params int[] copies)
    {
        var random = new SeededRandom(seed);
        var matrix = new double[rows, columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                matrix[i, j] = random.NextGaussian();
            }

            foreach (int j in copies)
            {
                matrix[i, j] = matrix[i, 0];
            }
        }

        return new DenseMatrixOperator(matrix);
    }

    // A witness support on an all-off block's zero columns gives the pair (e_i, 0) without w*, and the origin names σ_min(A_S) = 0·σ_max(A_S) (0/0 read as 0).
    [Fact]
    public void WitnessSupportOfZeroColumnsGivesAPairAndNamesARatioOfZero()
    {
        var c = new ConstructionCase(2, 2, 4, PatternRule.Greater, [1, 0, 2, 1, -1, 2, 1, -2], [1, 0, 0, 0], [0, 0, 0, 0], 0, [], false, Variants[2]);
        ActivationPatternOperator sensing = c.Operator();
        IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, Synthetic(2, 0.6, [2, 3]), 1, null, [], [], null, NoExhaustive);
        Assert.Equal((IdentifiabilityStatus.NotUnique, IdentifiabilityMethod.WitnessNullVector), (report.Status, report.Method));
        Assert.Contains("the singular vector of σ_min(A_S) = 0·σ_max(A_S) on the witness columns [2, 3]", report.Explanation);
        Assert.All(report.SecondSolution!.Indices.ToArray().Concat(report.FirstSolution!.Indices.ToArray()), i => Assert.InRange(i, 2, 3));
    }

    // The dependent columns are those where the singular vector of σ_min on α_2s's witness support is not negligible (|v_i| > 1e−6·max|v|): with
    // column 1 = column 0 + 1e−9·(Gaussian) and column 2 independent, v ≈ (1, −1, O(1e−9))/√2 gives exactly [0, 1], in increasing order even
    // when the support is given unsorted.
    [Fact]
    public void DependentColumnsAreTheNonNegligibleEntriesInIncreasingOrder()
    {
        DenseMatrixOperator noise = Gaussian(6, 1, 12);
        DenseMatrixOperator exact = Gaussian(6, 3, 11, 1);
        var matrix = new double[6, 3];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                matrix[i, j] = exact.Forward(SparseVector.FromDense(Enumerable.Range(0, 3).Select(k => k == j ? 1.0 : 0).ToArray()))[i] + (j == 1 ? 1e-9 * noise.Forward(SparseVector.FromDense([1.0]))[i] : 0);
            }
        }

        var sensing = new DenseMatrixOperator(matrix);
        IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, Synthetic(2, 0, [2, 1, 0]), 1, null, [], [], null, NoExhaustive);
        Assert.Equal([0, 1], report.DependentColumns);
    }

    // Witness supports are decomposed up to 400 columns (SymmetricEigenvalues.DenseSupportLimit): one of 400 columns is tried and named, one of 401 is not.
    [Fact]
    public void WitnessSupportsAreDecomposedUpToTheDenseLimit()
    {
        DenseMatrixOperator sensing = Gaussian(401, 401, 5);
        int[] limit = Enumerable.Range(0, SymmetricEigenvalues.DenseSupportLimit).ToArray(), beyond = Enumerable.Range(0, 401).ToArray();
        IdentifiabilityReport within = IdentifiabilityCheck.Check(sensing, Synthetic(401, 0.6, []), 201, null, [], [], null, NoExhaustive, [limit]);
        IdentifiabilityReport over = IdentifiabilityCheck.Check(sensing, Synthetic(401, 0.6, []), 201, null, [], [], null, NoExhaustive, [beyond]);
        Assert.Contains($"the witness support {IdentifiabilityText.Columns(limit)}", within.Explanation);
        Assert.DoesNotContain("the witness support", over.Explanation);
        Assert.Equal(IdentifiabilityStatus.NotCertified, over.Status);
    }

    // τ takes β from the finite bounds only: the certified β when finite and above the witness, the witness otherwise, and τ = 0 when no finite β is known.
    [Fact]
    public void RoundingToleranceUsesOnlyFiniteBeta()
    {
        DenseMatrixOperator sensing = Gaussian(5, 4, 3);
        double Tau(double beta, double? certified) => IdentifiabilityCheck.RoundingTolerance(sensing, Synthetic(2, 0.6, [], beta, certified));
        double unit = (5.0 * 2 + 4) * Math.Pow(2, -52);
        Assert.Equal(3 * unit, Tau(2, 3));
        Assert.Equal(2 * unit, Tau(2, 1));
        Assert.Equal(2 * unit, Tau(2, double.PositiveInfinity));
        Assert.Equal(0, Tau(double.PositiveInfinity, null));
        Assert.Equal(0, Tau(double.NaN, double.NaN));
    }

    /// <summary>Columns c_0 = g, c_1 = g + δ·e and c_2 = f (g, e, f Gaussian, n = 6), all times <paramref name="scale"/>.</summary>
    private static DenseMatrixOperator NearCopy(double delta, double scale, int columns = 3)
    {
        (double[] g, double[] e, double[] f) = NearCopyColumns();
        double[] Scaled(double[] v) => v.Select(x => scale * x).ToArray();
        double[][] chosen = [Scaled(g), Scaled(Plus(g, delta, e)), Scaled(f)];
        return FromColumns(chosen[..columns]);
    }

    // The exhaustive search stops at the first verified counterexample, in the lexicographic order of supports: with column 1 a copy of
    // column 0, at support [1] for w* = e_0, s = 1 (2 supports searched); at [0, 1] without w* (1 support); and at [0, 1] for w* = e_0 + e_1,
    // s = 2, where A_T is rank-deficient and w₂ = 2e_0 is built from its null vector (1 support).
    [Fact]
    public void ExhaustiveSearchStopsAtTheFirstVerifiedCounterexample()
    {
        DenseMatrixOperator sensing = Gaussian(6, 4, 31, 1);
        IdentifiabilityReport labels = IdentifiabilityCheck.Check(sensing, Synthetic(2, 0.6, []), 1, SparseVector.FromDense([1.0, 0, 0, 0]), [], [], null, IdentifiabilityBudget.Default);
        IdentifiabilityReport data = IdentifiabilityCheck.Check(sensing, Synthetic(2, 0.6, []), 1, null, [], [], null, IdentifiabilityBudget.Default);
        IdentifiabilityReport deficient = IdentifiabilityCheck.Check(sensing, Synthetic(4, 0.6, []), 2, SparseVector.FromDense([1.0, 1.0, 0, 0]), [], [], null, IdentifiabilityBudget.Default);
        Assert.Equal((IdentifiabilityStatus.NotUnique, IdentifiabilityMethod.ExhaustiveSearch, 2), (labels.Status, labels.Method, labels.SupportsSearched));
        Assert.Equal([1], labels.SecondSolution!.Indices.ToArray());
        Assert.Equal((IdentifiabilityStatus.NotUnique, IdentifiabilityMethod.ExhaustiveSearch, 1), (data.Status, data.Method, data.SupportsSearched));
        Assert.Equal((IdentifiabilityStatus.NotUnique, IdentifiabilityMethod.ExhaustiveSearch, 1), (deficient.Status, deficient.Method, deficient.SupportsSearched));
        Assert.Equal([0], deficient.SecondSolution!.Indices.ToArray());
        Assert.Equal(2.0, deficient.SecondSolution.Values[0], 12);
    }

    // A support whose σ_min is too small to rule out solutions within the tolerance leaves the search inconclusive, never Unique: with
    // c_1 = c_0 + 1e−6·e and y = 1000·c_0, solved by w* = 1000·e_0 or (when w* = e_2 does not solve) by w₁ on [0, 1], named as the vector
    // compared with; σ_min·(1e−6·‖w_ref‖) ≈ 1.5e−9 is below 1e−9·‖y‖ ≈ 2e−6 but above 1e−9/‖y‖. The caller's (false) candidate is tried once,
    // against w* or against w₁.
    [Fact]
    public void NearlyDependentSupportLeavesTheSearchInconclusive()
    {
        DenseMatrixOperator sensing = NearCopy(1e-6, 1);
        double[] y = sensing.Forward(SparseVector.FromDense([1000.0, 0, 0]));
        SparseVector[] candidate = [SparseVector.FromDense([1.0, 0, -1.0])];
        IdentifiabilityReport solves = IdentifiabilityCheck.Check(sensing, Synthetic(3, 0.6, []), 2, SparseVector.FromDense([1000.0, 0, 0]), y, candidate, null, IdentifiabilityBudget.Default);
        IdentifiabilityReport other = IdentifiabilityCheck.Check(sensing, Synthetic(3, 0.6, []), 2, SparseVector.FromDense([0, 0, 1.0]), y, candidate, null, IdentifiabilityBudget.Default);
        foreach (IdentifiabilityReport report in new[] { solves, other })
        {
            Assert.Equal((IdentifiabilityStatus.NotCertified, 3), (report.Status, report.SupportsSearched));
            Assert.Contains("among the dependencies tried (the caller's null-vector candidates (1), exhaustive search inconclusive on [0, 1]: σ_min(A_T) = ", report.Explanation);
            Assert.EndsWith("on [0, 1] is too small to rule out other solutions within the tolerance)", report.Explanation);
        }

        Assert.DoesNotContain("w₁", solves.Explanation);
        Assert.Contains($"; compared with w₁ (support {IdentifiabilityText.Columns(other.FirstSolution!.Indices.ToArray())}; w* does not solve Aw = y (‖Aw* − y‖/‖y‖ = ", other.Explanation);
    }

    // The settling gap is 1e−6‖w_ref‖ minus the fit's distance from the reference, not plus it: columns g, g + ε·e with σ_2/σ_1 = r ≈ 8e−4,
    // y = A·w_fit for w_fit = 1000·v_1, and w* = w_fit + c·v_2 with c = 0.9e−6‖w_fit‖ (residual c·r/1000 ≈ 0.7e−9 ≤ 1e−9, so w* solves and is
    // the reference). The fit on [0, 1] is w_fit, 0.9e−6‖w*‖ from w* (not distinct), so the gap is about 0.1e−6‖w*‖ and σ_2·gap ≈ 0.08·1e−9‖y‖:
    // inconclusive. With the distance added (gap 1.9e−6‖w*‖) σ_2·gap ≈ 1.5·1e−9‖y‖ and the support would read as settled (Unique).
    [Fact]
    public void FitNearTheDistinctnessRadiusLeavesTheSearchInconclusive()
    {
        (double[] g, double[] e, _) = NearCopyColumns();
        double along = e.Zip(g, (a, b) => a * b).Sum() / g.Sum(x => x * x);
        double orthogonal = Math.Sqrt(e.Select((x, i) => (x - along * g[i]) * (x - along * g[i])).Sum());
        DenseMatrixOperator sensing = FromColumns(g, Plus(g, 1.6e-3 * Math.Sqrt(g.Sum(x => x * x)) / orthogonal, e));
        var svd = sensing.ColumnSubmatrix([0, 1]).Svd(computeVectors: true);
        double ratio = svd.S[1] / svd.S[0];
        Assert.InRange(ratio, 7e-4, 9e-4);
        double[] fit = svd.VT.Row(0).Select(x => 1000 * x).ToArray();
        double[] truth = Plus(fit, 0.9e-6 * 1000, svd.VT.Row(1).ToArray());
        double[] y = sensing.Forward(SparseVector.FromDense(fit));
        IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, Synthetic(2, 0.6, []), 2, SparseVector.FromDense(truth), y, [], null, IdentifiabilityBudget.Default);
        Assert.Equal((IdentifiabilityStatus.NotCertified, 1), (report.Status, report.SupportsSearched));
        Assert.EndsWith("on [0, 1] is too small to rule out other solutions within the tolerance)", report.Explanation);
        Assert.DoesNotContain("w₁", report.Explanation);
    }

    // A finite A_T whose least-squares fit overflows leaves the search inconclusive and says so: columns 1e−150·g and 1e−150·(g + 2e−14·e)
    // (σ_2/σ_1 ≈ 2e−14, above the rank threshold 6·2⁻⁵², both of rank 2) and y = 1e150·f with w* = e_0 (which does not solve), so the
    // coefficient along v_2 is about 1e150/1e−164 = ∞, the fit holds ±∞ or NaN and its residual is NaN.
    [Fact]
    public void OverflowingFitLeavesTheSearchInconclusive()
    {
        (double[] g, double[] e, double[] f) = NearCopyColumns();
        double[] Scaled(double[] v, double c) => v.Select(x => c * x).ToArray();
        DenseMatrixOperator sensing = FromColumns(Scaled(g, 1e-150), Scaled(Plus(g, 2e-14, e), 1e-150));
        double[] y = Scaled(f, 1e150);
        SupportDecomposition decomposition = SupportDecomposition.Of(sensing, [0, 1]);
        Assert.Equal(2, decomposition.Rank);
        Assert.Contains(decomposition.LeastSquares(y), x => !double.IsFinite(x));
        IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, Synthetic(2, 0.6, []), 2, SparseVector.FromDense([1.0, 0]), y, [], null, IdentifiabilityBudget.Default);
        Assert.Equal((IdentifiabilityStatus.NotCertified, 1), (report.Status, report.SupportsSearched));
        Assert.EndsWith("(exhaustive search inconclusive on [0, 1]: the least-squares fit on [0, 1] is not finite)", report.Explanation);
    }

    // A support whose σ_min is comfortably large settles even for a large w*: c_1 = c_0 + 1e−2·e, w* = 1000·e_0, s = 2, where
    // σ_min·(1e−6·‖w*‖) ≈ 1.5e−5 exceeds 1e−9·‖y‖ ≈ 2.4e−6: Unique by exhaustive search of all 3 supports.
    [Fact]
    public void WellSeparatedSupportsSettleForALargeSolution()
    {
        DenseMatrixOperator sensing = NearCopy(1e-2, 1);
        IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, Synthetic(3, 0.6, []), 2, SparseVector.FromDense([1000.0, 0, 0]), [], [], null, IdentifiabilityBudget.Default);
        Assert.Equal((IdentifiabilityStatus.Unique, IdentifiabilityMethod.ExhaustiveSearch, 3), (report.Status, report.Method, report.SupportsSearched));
    }

    // Without w*, well-conditioned supports settle: a 6×3 Gaussian A is Unique by exhaustive search of its C(3, 2) = 3 supports of size 2s = 2.
    [Fact]
    public void WellConditionedSupportsSettleWithoutWStar()
    {
        IdentifiabilityReport report = IdentifiabilityCheck.Check(Gaussian(6, 3, 41), Synthetic(2, 0.6, []), 1, null, [], [], null, IdentifiabilityBudget.Default);
        Assert.Equal((IdentifiabilityStatus.Unique, IdentifiabilityMethod.ExhaustiveSearch, 3), (report.Status, report.Method, report.SupportsSearched));
        Assert.StartsWith("exhaustive search of all C(3, 2) = 3 supports T of size 2s: each has σ_min(A_T) > 1e-9·σ_max(A_T)", report.Explanation);
    }

    // The witness origin names σ_min(A_S)/σ_max(A_S) as computed: for c_1 = c_0 + 1e−12·e the printed ratio is within a factor 2 of MathNet's
    // SVD of the same two columns (both about 1e−13, far below 1e−9, so the pair split from its singular vector verifies). The columns are
    // scaled by 10 so that σ_max ≈ 30 and the product σ_min·σ_max would be far outside that factor (at scale 1, σ_max² is within it).
    [Fact]
    public void WitnessOriginNamesTheSingularValueRatio()
    {
        DenseMatrixOperator sensing = NearCopy(1e-12, 10, columns: 2);
        IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, Synthetic(2, 0.6, [0, 1]), 1, null, [], [], null, NoExhaustive);
        Assert.Equal((IdentifiabilityStatus.NotUnique, IdentifiabilityMethod.WitnessNullVector), (report.Status, report.Method));
        System.Text.RegularExpressions.Match printed = System.Text.RegularExpressions.Regex.Match(report.Explanation, "σ_min\\(A_S\\) = ([^·]+)·σ_max\\(A_S\\)");
        Assert.True(printed.Success, report.Explanation);
        double ratio = double.Parse(printed.Groups[1].Value, CultureInfo.InvariantCulture);
        double[] singular = sensing.ColumnSubmatrix([0, 1]).Svd(computeVectors: false).S.ToArray();
        double expected = singular[1] / singular[0];
        Assert.InRange(ratio, expected / 2, expected * 2);
    }

    // Without w*, a support with σ_min(A_T) ≤ 1e−9·σ_max(A_T) is not settled even when σ_min is far above 1e−9 in absolute terms: columns
    // 1e4·g and 1e4·(g + 1e−12·e) give σ_min ≈ 1e−8, and the pair split from its singular vector verifies (relative to σ_max).
    [Fact]
    public void WithoutWStarTheSettlingThresholdIsRelativeToSigmaMax()
    {
        DenseMatrixOperator sensing = NearCopy(1e-12, 1e4, columns: 2);
        IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, Synthetic(2, 0.6, []), 1, null, [], [], null, IdentifiabilityBudget.Default);
        Assert.Equal((IdentifiabilityStatus.NotUnique, IdentifiabilityMethod.ExhaustiveSearch, 1), (report.Status, report.Method, report.SupportsSearched));
    }

    // A support whose A_T is not finite (here a column holding an infinity) is never settled, with or without w*: the search is inconclusive on
    // it and says why, and a witness support on it is named as not finite (before, the decomposition had rank 0, so the support read as
    // "no solution on T" and the search claimed uniqueness; without w*, MathNet's SVD threw).
    [Fact]
    public void NonFiniteColumnsLeaveTheSearchInconclusive()
    {
        var sensing = new DenseMatrixOperator(new[,] { { 1, double.PositiveInfinity, 0, double.NegativeInfinity }, { 2, 1, 1, 1 }, { 3, 1, -1, 2 } });
        IdentifiabilityReport labels = IdentifiabilityCheck.Check(sensing, Synthetic(2, 0.6, []), 1, SparseVector.FromDense([1.0, 0, 0, 0]), [1.0, 2.0, 3.0], [], null, IdentifiabilityBudget.Default);
        IdentifiabilityReport data = IdentifiabilityCheck.Check(sensing, Synthetic(2, 0.6, []), 1, null, [], [], null, IdentifiabilityBudget.Default);
        Assert.Equal((IdentifiabilityStatus.NotCertified, 4), (labels.Status, labels.SupportsSearched));
        Assert.EndsWith("(exhaustive search inconclusive on [1]: A_T on [1] is not finite)", labels.Explanation);
        Assert.Equal((IdentifiabilityStatus.NotCertified, 6), (data.Status, data.SupportsSearched));
        Assert.EndsWith("(exhaustive search inconclusive on [0, 1]: A_T on [0, 1] is not finite)", data.Explanation);
        IdentifiabilityReport witness = IdentifiabilityCheck.Check(sensing, Synthetic(2, 0, [0, 1]), 1, null, [], [], null, NoExhaustive);
        Assert.Equal([0, 1], witness.DependentColumns);
        Assert.EndsWith("among the dependencies tried (the witness support [0, 1] (A_S is not finite), exhaustive search skipped: C(4, 2) = 6 supports exceed the budget of 0)", witness.Explanation);
    }

    // Inconsistent inputs are refused naming the argument: s ≤ 0, constants at the wrong level or restricted to supports, and w*, y, candidates or the structure of the wrong length.
    [Fact]
    public void RefusesInconsistentInputsNamingThem()
    {
        var c = new ConstructionCase(2, 3, 4, PatternRule.Greater, [1, 0, 0, 1, 1, 1, -1, 2], [1, 0, 0, 1, 1, 1], [1, 0, 0, 0, 0, 0], 0, [], true, Variants[0]);
        ActivationPatternOperator sensing = c.Operator();
        RestrictedConstants k = Constants(c);
        SparseVector truth = SparseVector.FromDense([1.0, 0, 0, 0, 0, 0]);
        ActivationPatternOperator narrower = new ConstructionCase(2, 2, 4, PatternRule.Greater, c.Data, [1, 0, 0, 1], [1, 0, 0, 0], 0, [], true, Variants[0]).Operator();
        void Refused(string parameter, Action call) => Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(call).ParamName);
        Refused("sparsity", () => IdentifiabilityCheck.Check(sensing, k, 0, truth, [], [], sensing, NoExhaustive));
        Refused("level2s", () => IdentifiabilityCheck.Check(sensing, k with { EffectiveLevel = 1 }, 1, truth, [], [], sensing, NoExhaustive));
        Refused("level2s", () => IdentifiabilityCheck.Check(sensing, k with { RestrictedToSupport = true }, 1, truth, [], [], sensing, NoExhaustive));
        Refused("truth", () => IdentifiabilityCheck.Check(sensing, k, 1, SparseVector.FromDense([1.0, 0]), [], [], sensing, NoExhaustive));
        Refused("labels", () => IdentifiabilityCheck.Check(sensing, k, 1, truth, [1.0, 2.0], [], sensing, NoExhaustive));
        Refused("nullVectorCandidates", () => IdentifiabilityCheck.Check(sensing, k, 1, truth, [], [SparseVector.FromDense([1.0, -1.0])], sensing, NoExhaustive));
        Refused("structure", () => IdentifiabilityCheck.Check(sensing, k, 1, truth, [], [], narrower, NoExhaustive));
        IdentifiabilityReport accepted = IdentifiabilityCheck.Check(sensing, k, 1, truth, new double[4], [SparseVector.FromDense([1.0, -1.0, 0, 0, 0, 0])], sensing, NoExhaustive);
        Assert.Equal(IdentifiabilityQuestion.EverySparseVector, accepted.Question);
    }
}
