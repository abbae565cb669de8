using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Solvers;
using SparseIhtVerify.Theory.Audit;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Guarantees;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// The guarantee catalogue (theory.md §5) exercised: whenever a row is holds-certified on an audited planted instance,
/// the solver it prescribes converges to w* and contracts at least as fast as predicted, checked from the audit's own
/// run and again from an independent run of <see cref="IterativeSolver"/> whose errors the test computes. Cases that are
/// not certified are classified by whether the prescribed-like solver converged anyway (the theory/practice gap).
/// </summary>
public sealed class GuaranteeProperties
{
    /// <summary>Converged: relative error ‖w − w*‖/‖w*‖ at most this (theory.md leaves it open; the audit uses the same).</summary>
    private const double RecoveryTolerance = 1e-8;

    /// <summary>Contractions are judged while the error is above this; below it the error is rounding noise.</summary>
    private const double ErrorFloor = 1e-9;

    /// <summary>Rounding slack on a predicted contraction: relative, plus an absolute term far above ‖w*‖·1e−15.</summary>
    private const double RelativeSlack = 1e-9, AbsoluteSlack = 1e-12;

    /// <summary>Cases per row.</summary>
    private const int CasesPerRow = 50;

    /// <summary>The premise rate the brief demands for FR13-IHT with support-restricted constants.</summary>
    private const double RequiredFr13Rate = 0.3;

    private static Property RowHonoursCertifiedVerdicts(string id, Arbitrary<GuaranteeCase> cases) =>
        Prop.ForAll(cases, c =>
        {
            AuditedCase audited = c.Audit();
            GuaranteeEvaluation evaluation = audited.Report.Guarantees.Single(g => g.Guarantee.Id == id);
            return CheckRow(audited, evaluation)
                .Classify(evaluation.Verdict == Verdict.HoldsCertified, "holds-certified")
                .Classify(evaluation.Verdict == Verdict.HoldsEstimated, "holds-estimated")
                .Classify(evaluation.Verdict == Verdict.FailsCertified, "fails-certified")
                .Classify(evaluation.Verdict == Verdict.Unknown, "unknown")
                .Collect($"m={c.Width} restrict={c.RestrictToSupport}");
        });

    /// <summary>
    /// Certified ⇒ honoured (audit run and independent run); otherwise classify whether the row's algorithm with k = s and the
    /// step computed from the witnesses converged anyway.
    /// </summary>
    private static Property CheckRow(AuditedCase audited, GuaranteeEvaluation evaluation)
    {
        GuaranteeCase c = audited.Case;
        string id = evaluation.Guarantee.Id;
        if (evaluation.Verdict != Verdict.HoldsCertified)
        {
            double? witnessStep = StepFrom(audited, evaluation, certified: false);
            bool converged = witnessStep is double mu && Solve(audited, evaluation.Guarantee.Algorithm, audited.Report.Sparsity, mu, 3000).Final <= RecoveryTolerance;
            string verdict = evaluation.Verdict switch
            {
                Verdict.HoldsEstimated => "holds-estimated",
                Verdict.FailsCertified => "fails-certified",
                _ => "unknown",
            };
            return true.ToProperty()
                .Classify(converged, $"{verdict} but converged anyway")
                .Classify(!converged, $"{verdict} and did not converge");
        }

        PrescribedRun? run = audited.Report.Runs.SingleOrDefault(r => r.GuaranteeId == id);
        if (run is null)
        {
            return false.Label($"{id} holds-certified but the audit ran no prescribed solver; {c}");
        }

        // Only the k = s rows get here (JTK14 is fails-certified under the generators; its holds-certified case has its own test).
        // The test's own reading of theory.md §5: the step from the certified constants, δ_L = max(1 − μnα_L, μnβ_L − 1) at that step,
        // the row's condition on those δ, and the stated rate (FR13: √3·δ_3s; BD09: 1/2; other rows: the catalogue's).
        // Each clause is read with the family the audit judged it with; δ_3s ≤ 2δ_2s (uniform, theory.md §3) may certify δ_3s.
        double step = StepFrom(audited, evaluation, certified: true) ?? double.NaN;
        int s = audited.Report.Sparsity;
        double DeltaIn(int multiple, SupportFamily family) => multiple == 3
            ? Math.Min(CertifiedDelta(audited, 3 * s, step, family), 2 * CertifiedDelta(audited, 2 * s, step, SupportFamily.Uniform))
            : CertifiedDelta(audited, multiple * s, step, family);
        double Delta(int multiple) => DeltaIn(multiple, evaluation.StepFamily);
        bool condition = TheoryConditions[id].Zip(evaluation.Clauses).Any(pair => DeltaIn(pair.First.Multiple, pair.Second.JudgedFamily) < pair.First.Bound);
        double? rate = id switch
        {
            "FR13-IHT" => Math.Sqrt(3) * Delta(3),
            "F10-IHT" => 2 * Delta(3),
            "BD09-IHT" => 0.5,
            _ => evaluation.PredictedRate,
        };
        string where = $"{id} holds-certified, step {Closeness.R(run.Step)}, k={run.Projection}, δ_2s={Closeness.R(Delta(2))}, δ_3s={Closeness.R(Delta(3))}, " +
            $"predicted {evaluation.Guarantee.RateKind} rate {evaluation.PredictedRate} (test: {rate}); {c}";
        RateCheck fromAudit = CheckRate(run.RelativeErrors, evaluation.Guarantee.RateKind, rate);
        int iterations = rate is double r && r > 0 && r < 1
            ? (int)Math.Clamp(Math.Ceiling(Math.Log(1e-11) / Math.Log(r)) + 20, 50, 100_000)
            : 3000;
        (double final, IReadOnlyList<double> errors) = Solve(audited, evaluation.Guarantee.Algorithm, s, step, iterations);
        RateCheck fromOwnRun = CheckRate(errors, evaluation.Guarantee.RateKind, rate);
        return (Math.Abs(step - (evaluation.Step ?? double.NaN)) <= 1e-12 * step).Label($"prescribed step {evaluation.Step} is not 2/(n(α+β)) from the certified constants ({Closeness.R(step)}); {where}")
            .And(condition.Label($"the certified δ values do not meet theory.md's condition; {where}"))
            .And((rate is null || evaluation.PredictedRate is double pr && Math.Abs(pr - rate.Value) <= 1e-12).Label($"predicted rate differs from theory.md's; {where}"))
            .And(run.Honoured.Label($"the audit says not honoured: {run.FindingText}; {where}"))
            .And((run.Verdict == Verdict.HoldsCertified && run.Solver == evaluation.Guarantee.Algorithm && run.Projection == s && run.Step == evaluation.Step)
                .Label($"the audit ran {run.Solver} k={run.Projection} step {run.Step} for verdict {run.Verdict}; {where}"))
            .And((run.RelativeErrors[^1] <= RecoveryTolerance).Label($"audit run ended at relative error {Closeness.R(run.RelativeErrors[^1])}; {where}"))
            .And(fromAudit.Ok.Label($"audit run's errors: {fromAudit}; {where}"))
            .And((final <= RecoveryTolerance).Label($"independent run ended at relative error {Closeness.R(final)} after {errors.Count - 1} steps; {where}"))
            .And(fromOwnRun.Ok.Label($"independent run's errors: {fromOwnRun}; {where}"));
    }

    /// <summary>theory.md §5's conditions for the k = s rows: any clause "δ_(a·s) &lt; bound" suffices.</summary>
    private static readonly Dictionary<string, (int Multiple, double Bound)[]> TheoryConditions = new()
    {
        ["FR13-IHT"] = [(3, 1 / Math.Sqrt(3))],
        ["F10-IHT"] = [(3, 0.5), (2, 0.25)],
        ["BD09-IHT"] = [(3, 1 / Math.Sqrt(32))],
        ["F11-HTP"] = [(3, 1 / Math.Sqrt(3))],
        ["X23-IHT"] = [(2, (Math.Sqrt(5) - 1) / (2 * Math.Sqrt(3)))],
        ["X23-HTP"] = [(2, 1 / Math.Sqrt(7))],
        ["JTK14"] = [],
    };

    /// <summary>
    /// The certified (α_L, β_L) of a support family at level L = min(L, N), read by the test from theory.md §3: certificates at
    /// levels L′ ≥ L hold at L (the largest α, the smallest β), uniform ones also for supports ⊇ S*; witnesses at levels L′ ≤ L
    /// hold at L (the smallest α, the largest β), those over supports ⊇ S* also for uniform constants.
    /// </summary>
    private static (double? Alpha, double? Beta) Judged(AuditedCase audited, int level, SupportFamily family, bool certified)
    {
        AuditReport report = audited.Report;
        int effective = Math.Min(level, report.Unknowns);
        IEnumerable<RestrictedConstants> uniform = report.UniformConstants, restricted = report.SupportRestrictedConstants;
        if (certified)
        {
            var usable = (family == SupportFamily.Uniform ? uniform : uniform.Concat(restricted))
                .Where(c => c.EffectiveLevel >= effective && c.AlphaCertified is not null && c.BetaCertified is not null).ToArray();
            return usable.Length == 0 ? (null, null) : (usable.Max(c => c.AlphaCertified), usable.Min(c => c.BetaCertified));
        }

        var witnesses = (family == SupportFamily.Uniform ? uniform.Concat(restricted) : restricted).Where(c => c.EffectiveLevel <= effective).ToArray();
        return witnesses.Length == 0 ? (null, null) : (witnesses.Min(c => c.AlphaWitness), witnesses.Max(c => c.BetaWitness));
    }

    /// <summary>δ_L at step μ from the certified bounds: max(1 − μnα_L, μnβ_L − 1) (NaN without certificates).</summary>
    private static double CertifiedDelta(AuditedCase audited, int level, double step, SupportFamily family)
    {
        (double? alpha, double? beta) = Judged(audited, level, family, certified: true);
        double n = audited.Report.Samples;
        return alpha is double a && beta is double b && double.IsFinite(b) ? Math.Max(1 - step * n * a, step * n * b - 1) : double.NaN;
    }

    /// <summary>The first violated contraction, if any.</summary>
    private readonly record struct RateCheck(bool Ok, int Step, double Observed, double Allowed)
    {
        public override string ToString() => Ok ? "within the predicted rate" : $"e_{Step + 1} = {Closeness.R(Observed)} > allowed {Closeness.R(Allowed)}";
    }

    /// <summary>
    /// Per step: e_{t+1} ≤ ρ·e_t; cumulative: e_t ≤ ρ^t (from e_0 = 1, w_0 = 0); both while e_t is above the error floor,
    /// with rounding slack. Convergence-only rows state no rate.
    /// </summary>
    private static RateCheck CheckRate(IReadOnlyList<double> errors, RateKind kind, double? rate)
    {
        if (kind == RateKind.ConvergenceOnly || rate is not double rho)
        {
            return new RateCheck(true, -1, 0, 0);
        }

        for (int t = 0; t + 1 < errors.Count && errors[t] > ErrorFloor; t++)
        {
            double allowed = kind == RateKind.PerStep ? rho * errors[t] : Math.Pow(rho, t + 1);
            allowed = allowed * (1 + RelativeSlack) + AbsoluteSlack;
            if (errors[t + 1] > allowed)
            {
                return new RateCheck(false, t, errors[t + 1], allowed);
            }
        }

        return new RateCheck(true, -1, 0, 0);
    }

    /// <summary>Runs the solver from w_0 = 0 and records e_t = ‖w_t − w*‖/‖w*‖ itself (e_0 = 1).</summary>
    private static (double Final, IReadOnlyList<double> Errors) Solve(AuditedCase audited, SolverKind solver, int projection, double step, int iterations) =>
        Solve(audited.Subject.Operator, audited.Network, solver, projection, step, iterations);

    private static (double Final, IReadOnlyList<double> Errors) Solve(SensingOperator sensing, PlantedNetwork network, SolverKind solver, int projection, double step, int iterations, double residualTolerance = 1e-15)
    {
        SparseVector truth = network.FusedWeights;
        double norm = truth.Norm();
        var errors = new List<double> { 1.0 };
        var options = new SolverOptions(solver, Projection: projection, Step: step, MaxIterations: iterations, Tolerance: residualTolerance, StallIterations: 25);
        IterativeSolver.Solve(sensing, network.Labels, options, (_, w) => errors.Add(w.DistanceTo(truth) / norm));
        return (errors[^1], errors);
    }

    /// <summary>
    /// The row's step computed by the test from the judged constants at the step level: 2/(n(α + β)) or 2/(3nβ), with the certified
    /// bounds or the witnesses (null when they are missing or β ≤ 0).
    /// </summary>
    private static double? StepFrom(AuditedCase audited, GuaranteeEvaluation evaluation, bool certified)
    {
        Guarantee g = evaluation.Guarantee;
        (double? alpha, double? beta) = Judged(audited, g.StepSparsityMultiple * audited.Report.Sparsity + g.StepProjectionMultiple * evaluation.Projection, evaluation.StepFamily, certified);
        double n = audited.Report.Samples;
        if (alpha is not double a || beta is not double b || !(b > 0))
        {
            return null;
        }

        return g.Step == StepRule.BestRescaling ? 2 / (n * (a + b)) : 2 / (3 * n * b);
    }

    // FR13-IHT (δ_3s < 1/√3, ρ = √3·δ_3s): holds-certified ⇒ IHT with the certified step contracts by ρ every step and recovers w*.
    [Property(MaxTest = CasesPerRow)]
    public Property Fr13IhtCertifiedImpliesPerStepContraction() => RowHonoursCertifiedVerdicts("FR13-IHT", GuaranteeCase.Cases());

    // F10-IHT (δ_3s < 1/2 or δ_2s < 1/4): holds-certified ⇒ IHT with the certified step converges to w*.
    [Property(MaxTest = CasesPerRow)]
    public Property F10IhtCertifiedImpliesConvergence() => RowHonoursCertifiedVerdicts("F10-IHT", GuaranteeCase.Cases());

    // BD09-IHT (δ_3s < 1/√32): holds-certified ⇒ ‖w_t − w*‖ ≤ 2^(−t)‖w*‖ (δ_3s ≈ 2√(2d/n) certifies below 0.177 on about half the cases).
    [Property(MaxTest = CasesPerRow)]
    public Property Bd09IhtCertifiedImpliesHalvingError() => RowHonoursCertifiedVerdicts("BD09-IHT", GuaranteeCase.Cases());

    // F11-HTP (δ_3s < 1/√3, ρ = √(2δ_3s²/(1 − δ_2s²))): holds-certified ⇒ HTP with the certified step contracts by ρ every step and recovers w*.
    [Property(MaxTest = CasesPerRow)]
    public Property F11HtpCertifiedImpliesPerStepContraction() => RowHonoursCertifiedVerdicts("F11-HTP", GuaranteeCase.Cases());

    // X23-IHT (δ_2s < 0.3568): holds-certified ⇒ IHT with the certified step converges to w*.
    [Property(MaxTest = CasesPerRow)]
    public Property X23IhtCertifiedImpliesConvergence() => RowHonoursCertifiedVerdicts("X23-IHT", GuaranteeCase.Cases());

    // X23-HTP (δ_2s < 0.3780): holds-certified ⇒ HTP with the certified step converges to w*.
    [Property(MaxTest = CasesPerRow)]
    public Property X23HtpCertifiedImpliesConvergence() => RowHonoursCertifiedVerdicts("X23-HTP", GuaranteeCase.Cases());

    // JTK14 is fails-certified whenever N < 32·s, as theory implies (and a holds-certified verdict would still have to be honoured).
    [Property(MaxTest = CasesPerRow)]
    public Property Jtk14FailsCertifiedWheneverUnknownsBelowThirtyTwoS() =>
        Prop.ForAll(GuaranteeCase.Cases(), c =>
        {
            // JTK needs k ≥ 32κ²s with k ≤ N. This generator has N = m·d ≤ 16 < 32·s, so k = N and the clause's bound √(k/(32s)) < 1 ≤ κ:
            // no instance of it can satisfy the condition, whatever its constants.
            AuditedCase audited = c.Audit();
            GuaranteeEvaluation evaluation = audited.Report.Guarantees.Single(g => g.Guarantee.Id == "JTK14");
            return (c.Columns < 32 * c.Sparsity).Label($"generator invariant N < 32·s broken; {c}")
                .And((evaluation.Verdict == Verdict.FailsCertified)
                    .Label($"JTK14 verdict {evaluation.Verdict} (κ witness {Closeness.R(evaluation.Clauses[0].WitnessValue)}, bound {Closeness.R(evaluation.Clauses[0].Bound)}, k={evaluation.Projection}); {c}"))
                .And(CheckRow(audited, evaluation))
                .Collect($"k={evaluation.Projection}");
        });

    // JTK14 is holds-certified on a wide well-conditioned single unit (d = 257, s = 1, k = 128), and IHT with μ = 2/(3nβ), k = 128 recovers w*.
    [Theory]
    [InlineData(5L)]
    public void Jtk14HoldsCertifiedAndIsHonouredOnWideWellConditionedUnit(long seed)
    {
        // JTK can hold only when N ≥ 2k + s with k ≥ 32κ²s. With s = 1 and k = 128 the level is 2k + 1 = 257 = N and κ_257 ≤ 2 is needed;
        // G ≈ ½I from about n/2 active samples, so κ ≈ ((1 + √(2d/n))/(1 − √(2d/n)))² ≈ 1.9 at n = 20 000.
        const int inputs = 257, samples = 20_000, projection = 128;
        var spec = new PlantedNetworkSpec(inputs, 1, 1, samples, seed, WeightDistribution.Signs, OutputWeights.Positive, KeepUnitsNonEmpty: true);
        PlantedNetwork network = PlantedNetwork.Create(spec);
        GeneratorDictionary dictionary = GeneratorDictionary.Create(DictionaryKind.Planted, network, 0, seed);
        var sensing = ActivationPatternOperator.FromDictionary(network.Data, dictionary, PatternRule.GreaterOrEqual);
        Guarantee jtk = GuaranteeCatalogue.All.Single(g => g.Id == "JTK14");
        int k = GuaranteeEvaluator.PrescribedProjection(jtk, 1, projection, sensing.Columns);
        Assert.Equal(projection, k);
        var levels = GuaranteeEvaluator.Levels(jtk, 1, projection, sensing.Columns).Select(l => Math.Min(l, sensing.Columns)).Distinct().ToArray();
        Dictionary<int, RestrictedConstants> constants = levels.ToDictionary(l => l, l => RestrictedConstantEstimator.Estimate(sensing, l, null, GuaranteeCase.Budget, sensing));
        var book = new ConstantBook(constants.Values.OrderBy(c => c.EffectiveLevel).ToArray(), [], sensing.Columns);
        GuaranteeEvaluation evaluation = GuaranteeEvaluator.Evaluate(jtk, 1, projection, samples, book, restrictToSupport: false);
        string where = $"d={inputs}, m=1, s=1, k={k}, n={samples}, seed={seed}: κ certified {evaluation.Clauses[0].CertifiedValue}, witness {Closeness.R(evaluation.Clauses[0].WitnessValue)}, bound {Closeness.R(evaluation.Clauses[0].Bound)}";
        Assert.True(evaluation.Verdict == Verdict.HoldsCertified, $"expected holds-certified, got {evaluation.Verdict}; {where}");

        var subject = AuditSubject.Planted(new PlantedInstance(network, dictionary, sensing), projection);
        PrescribedRun run = Auditor.RunPrescribed(subject, evaluation, 1);
        Assert.True(run.Honoured, $"{run.FindingText}; {where}");

        // Independently: the theorem's step from the certified β, and the error the test computes itself.
        double beta = constants[Math.Min(2 * k + 1, sensing.Columns)].BetaCertified!.Value;
        Assert.True(Math.Abs(evaluation.Step!.Value - 2 / (3.0 * samples * beta)) <= 1e-15 * evaluation.Step.Value, $"step {evaluation.Step} is not 2/(3nβ); {where}");
        (double final, _) = Solve(sensing, network, SolverCatalogue.Iht, k, evaluation.Step.Value, 3000, residualTolerance: 1e-12);
        Assert.True(final <= RecoveryTolerance, $"independent IHT run ended at relative error {Closeness.R(final)}; {where}");
    }

    // Premise rate: with support-restricted constants, FR13-IHT is holds-certified on at least 30% of generated cases (all rows' rates are reported).
    [Property(MaxTest = 1)]
    public Property Fr13IsHoldsCertifiedOftenEnoughWithSupportRestriction() =>
        Prop.ForAll(Gen.ArrayOf(GuaranteeCase.CaseGen(restrict: true), 40).ToArbitrary(), cases =>
        {
            AuditedCase[] audited = cases.Select(c => c.Audit()).ToArray();
            var rates = GuaranteeCatalogue.All.ToDictionary(
                g => g.Id,
                g => (double)audited.Count(a => a.Report.Guarantees.Single(e => e.Guarantee.Id == g.Id).Verdict == Verdict.HoldsCertified) / audited.Length);
            string summary = "holds-certified (restricted): " + string.Join(", ", rates.Select(kv => $"{kv.Key} {100 * kv.Value:F0}%"));
            bool consistent = audited.All(a => a.Report.Conclusion is AuditConclusion.Consistent or AuditConclusion.NoCertifiedGuarantee);
            AuditedCase? violation = audited.FirstOrDefault(a => a.Report.Conclusion == AuditConclusion.Violation);
            return (rates["FR13-IHT"] >= RequiredFr13Rate).Label($"{summary}; cases {string.Join("; ", cases.Take(5))} …")
                .And(consistent.Label($"audit conclusion Violation on {violation?.Case}"))
                .Collect(summary);
        });

    // The same rates with uniform constants (reported, not asserted: uniform constants are stricter than restricted ones).
    [Property(MaxTest = 1)]
    public Property RowRatesWithUniformConstantsAreReported() =>
        Prop.ForAll(Gen.ArrayOf(GuaranteeCase.CaseGen(restrict: false), 40).ToArbitrary(), cases =>
        {
            AuditedCase[] audited = cases.Select(c => c.Audit()).ToArray();
            string summary = "holds-certified (uniform): " + string.Join(", ", GuaranteeCatalogue.All.Select(g =>
                $"{g.Id} {100.0 * audited.Count(a => a.Report.Guarantees.Single(e => e.Guarantee.Id == g.Id).Verdict == Verdict.HoldsCertified) / audited.Length:F0}%"));
            AuditedCase? violation = audited.FirstOrDefault(a => a.Report.Conclusion == AuditConclusion.Violation);
            return (violation is null).Label($"audit conclusion Violation on {violation?.Case}").Collect(summary);
        });
}
