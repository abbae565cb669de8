using System.Text;
using System.Text.Json;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Experiments;
using SparseIhtVerify.Solver.Metrics;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Theory.Audit;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Guarantees;

namespace SparseIhtVerify.Snapshots;

/// <summary>Runs a <see cref="SnapshotCase"/> with a given number of threads and turns the outcome into its snapshot document.</summary>
public static class CaseRunner
{
    /// <summary>Trace rows kept at each end.</summary>
    public const int TraceRows = 5;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Runs <paramref name="snapshotCase"/> with <paramref name="parallelism"/> threads (solver, operator, audit runs).</summary>
    public static CaseOutcome Run(SnapshotCase snapshotCase, int parallelism) => snapshotCase switch
    {
        GaussianRecoveryCase c => RunGaussian(c, parallelism),
        NetworkRecoveryCase c => RunNetwork(c, parallelism),
        AuditCase c => RunAudit(c, parallelism),
        _ => throw new ArgumentOutOfRangeException(nameof(snapshotCase), snapshotCase, "unknown case type"),
    };

    private static CaseOutcome RunGaussian(GaussianRecoveryCase c, int parallelism)
    {
        GaussianSettings g = c.Operator;
        var sensing = new GaussianSensingOperator(g.Rows, g.Columns, g.Seed);
        var random = new SeededRandom(g.Seed, RandomStream.Support);
        int[] support = random.SampleWithoutReplacement(g.Columns, g.Sparsity).Order().ToArray();
        double[] values = support.Select(_ => random.NextGaussian()).ToArray();
        var truth = new SparseVector(g.Columns, support, values);
        double[] labels = sensing.Forward(truth);
        SolverResult result = IterativeSolver.Solve(sensing, labels, c.Solver.Options(parallelism));
        RecoveryMetrics metrics = RecoveryEvaluation.ForVector(result.Weights, truth, labels, result.FinalOperator.Forward(result.Weights));
        return Recovery(c, result, metrics);
    }

    private static CaseOutcome RunNetwork(NetworkRecoveryCase c, int parallelism)
    {
        InstanceSettings s = c.Instance;
        if (s.DuplicateUnit is null)
        {
            var request = new RecoveryRequest(s.Spec, s.Dictionary, s.ExtraUnits, s.Rule, c.Solver.Options(parallelism, s.Seed));
            RecoveryOutcome outcome = SparseIhtVerify.Experiments.Recovery.Run(request);
            return Recovery(c, outcome.Result, outcome.Metrics);
        }

        // As Recovery.Run, with the duplicate-pattern dictionary (planted blocks first, so identity matching applies).
        (PlantedNetwork network, ActivationPatternOperator sensing) = Build(s, parallelism);
        SolverResult result = IterativeSolver.Solve(sensing, network.Labels, c.Solver.Options(parallelism, s.Seed));
        double[] predictions = result.FinalOperator.Forward(result.Weights);
        bool identity = c.Solver.Mode == SolverMode.Convex;
        RecoveryMetrics metrics = RecoveryEvaluation.ForNetwork(result.Weights, network.FusedWeights, network.Inputs, identity, network.Labels, predictions);
        return Recovery(c, result, metrics);
    }

    /// <summary>The network and the operator of its dictionary (see <see cref="InstanceSettings"/>).</summary>
    public static (PlantedNetwork Network, ActivationPatternOperator Operator) Build(InstanceSettings s, int parallelism)
    {
        PlantedNetwork network = PlantedNetwork.Create(s.Spec);
        GeneratorDictionary dictionary;
        if (s.DuplicateUnit is int j)
        {
            double[] generators = [.. network.HiddenWeights, .. network.Unit(j)];
            dictionary = new GeneratorDictionary(DictionaryKind.Planted, s.Inputs, generators, s.Width);
        }
        else
        {
            dictionary = GeneratorDictionary.Create(s.Dictionary, network, s.ExtraUnits, s.Seed);
        }

        return (network, ActivationPatternOperator.FromDictionary(network.Data, dictionary, s.Rule, parallelism));
    }

    private static CaseOutcome Recovery(SnapshotCase c, SolverResult result, RecoveryMetrics metrics)
    {
        IReadOnlyList<TraceRow> trace = result.Trace;
        // Runs are named only when SCP restarts ran, so the snapshots of single-run solves keep their layout.
        bool restarted = trace.Count > 0 && trace[^1].Run > 0;
        TraceRowSnapshot Row(TraceRow r) => new(r.Iteration, Digits.Of(r.RelativeResidual), Digits.Of(r.Step), r.SupportChanges, r.Nonzeros, restarted ? r.Run : null);
        var snapshot = new RecoverySnapshot(
            c.Name,
            c.Expectation,
            c.Settings,
            Digits.Word(result.Status),
            result.Iterations,
            restarted ? result.KeptRun : null,
            Digits.Of(metrics.RelativeWeightError),
            Digits.Of(metrics.SupportPrecision),
            Digits.Of(metrics.SupportRecall),
            metrics.SupportExact,
            Digits.Of(metrics.PsnrDb),
            Digits.Of(metrics.RelativeResidual),
            $"{metrics.MatchingMethod} [{string.Join(", ", metrics.Matching)}]",
            result.Weights.Count,
            trace.Take(TraceRows).Select(Row).ToArray(),
            trace.Skip(Math.Max(0, trace.Count - TraceRows)).Select(Row).ToArray());

        var bits = new StringBuilder();
        bits.Append("weights ").Append(string.Join(",", result.Weights.Indices.ToArray())).Append(" = ").AppendLine(Digits.Exact(result.Weights.Values.ToArray()));
        foreach (TraceRow r in trace)
        {
            bits.Append(r.Iteration).Append(' ').Append(Digits.Exact(r.RelativeResidual)).Append(' ').Append(Digits.Exact(r.Step))
                .Append(' ').Append(r.SupportChanges).Append(' ').Append(r.Nonzeros.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .AppendLine(restarted ? $" {r.Run.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : string.Empty);
        }

        bits.AppendLine(Digits.Exact([result.RelativeResidual, metrics.RelativeWeightError, metrics.SupportPrecision, metrics.SupportRecall, metrics.PsnrDb, metrics.RelativeResidual]));
        return new CaseOutcome(snapshot, JsonSerializer.Serialize(snapshot, Json), bits.ToString());
    }

    private static CaseOutcome RunAudit(AuditCase c, int parallelism)
    {
        InstanceSettings s = c.Instance;
        (PlantedNetwork network, ActivationPatternOperator sensing) = Build(s, parallelism);

        GeneratorDictionary dictionary = s.DuplicateUnit is int j
            ? new GeneratorDictionary(DictionaryKind.Planted, network.Inputs, [.. network.HiddenWeights, .. network.Unit(j)], network.Width)
            : GeneratorDictionary.Create(s.Dictionary, network, s.ExtraUnits, s.Seed);
        var subject = AuditSubject.Planted(new PlantedInstance(network, dictionary, sensing), c.Audit.Projection);
        var budget = new EstimationBudget(c.Audit.Supports, Directions: c.Audit.Directions, Seed: s.Seed);
        var options = new AuditOptions(budget, [], c.Audit.RestrictToSupport, Parallelism: parallelism);
        AuditReport report = Auditor.Run(subject, options);

        var snapshot = new AuditSnapshot(
            c.Name,
            c.Expectation,
            c.Settings,
            Digits.Word(report.Conclusion),
            report.Samples,
            report.Blocks,
            report.Unknowns,
            report.Sparsity,
            report.Projection,
            new PatternSnapshot(
                Digits.Of(report.Patterns.MinCoverage),
                Digits.Of(report.Patterns.MaxCoverage),
                Digits.Of(report.Patterns.MinSeparation),
                report.Patterns.MinSeparationPair is { } pair ? $"{pair.First}, {pair.Second}" : "none",
                report.Patterns.DuplicatePairs.Count,
                report.Patterns.ComplementaryPairs.Count,
                report.Patterns.AllOnBlocks.Count,
                report.Patterns.AllOffBlocks.Count),
            report.VerdictsUseSupportRestricted ? "support-restricted" : "uniform",
            report.UniformConstants.Select(Constants).ToArray(),
            report.SupportRestrictedConstants.Select(Constants).ToArray(),
            report.Guarantees.Select(Guarantee).ToArray(),
            report.Identifiability is { } id
                ? new IdentifiabilitySnapshot(Digits.Word(id.Status), Digits.Of(id.AlphaWitness), Digits.Of(id.AlphaCertified), id.DependentColumns,
                    Digits.Of(id.SecondSolutionRelativeResidual), Digits.Text(id.Explanation))
                : null,
            report.ModelCheck is { } m
                ? new ModelCheckSnapshot(m.Representable, Digits.Of(m.ResidualFloor), m.BestSolver,
                    m.Attempts.Select(a => new ModelCheckAttemptSnapshot(a.Solver, Enum.TryParse(a.Status, out SolverStatus status) ? Digits.Word(status) : a.Status, Digits.Of(a.RelativeResidual), a.Iterations)).ToArray(), Digits.Text(m.Explanation))
                : null,
            report.Runs.Select(r => new PrescribedRunSnapshot(r.GuaranteeId, Digits.Word(r.Verdict), r.Solver.Word, r.Projection, Digits.Of(r.Step),
                Digits.Of(r.PredictedRate), r.IterationBudget, Digits.Word(r.Status), r.Iterations, Digits.Of(r.FinalRelativeError), Digits.Of(r.MaxObservedContraction),
                Digits.Word(r.Finding), Digits.Text(r.FindingText))).ToArray());

        var bits = new StringBuilder();
        foreach (RestrictedConstants k in report.UniformConstants.Concat(report.SupportRestrictedConstants))
        {
            bits.Append(k.Level).Append(k.RestrictedToSupport ? " restricted " : " uniform ")
                .Append(Digits.Exact([k.AlphaWitness, k.BetaWitness, k.AlphaCertified ?? double.NaN, k.BetaCertified ?? double.NaN, k.AlphaDirectional ?? double.NaN, k.BetaDirectional ?? double.NaN]))
                .Append(" supports ").Append(k.SupportsExamined).Append(" α at [").Append(string.Join(",", k.AlphaWitnessSupport)).Append("] β at [")
                .Append(string.Join(",", k.BetaWitnessSupport)).AppendLine("]");
        }

        foreach (GuaranteeEvaluation g in report.Guarantees)
        {
            bits.Append(g.Guarantee.Id).Append(' ').Append(g.Verdict).Append(' ').Append(Digits.Exact([g.CertifiedStep ?? double.NaN, g.WitnessStep ?? double.NaN, g.PredictedRate ?? double.NaN]))
                .Append(' ').AppendLine(Digits.Exact(g.Clauses.SelectMany(cl => new[] { cl.WitnessValue, cl.CertifiedValue ?? double.NaN })));
        }

        if (report.Identifiability is { } identifiability)
        {
            bits.Append("identifiability ").AppendLine(Digits.Exact([identifiability.AlphaWitness, identifiability.AlphaCertified ?? double.NaN, identifiability.SecondSolutionRelativeResidual ?? double.NaN]));
        }

        if (report.ModelCheck is { } model)
        {
            bits.Append("model check ").AppendLine(string.Join(";", model.Attempts.Select(a => $"{a.Solver} {a.Status} {Digits.Exact(a.RelativeResidual)} {a.Iterations}")));
        }

        foreach (PrescribedRun r in report.Runs)
        {
            bits.Append(r.GuaranteeId).Append(' ').Append(r.Status).Append(' ').Append(r.Iterations).Append(' ')
                .Append(Digits.Exact(r.RelativeErrors)).Append(" | ").Append(Digits.Exact(r.Contractions)).Append(" | ").AppendLine(Digits.Exact(r.DirectionalConstants));
        }

        return new CaseOutcome(snapshot, JsonSerializer.Serialize(snapshot, Json), bits.ToString());
    }

    private static ConstantsSnapshot Constants(RestrictedConstants k)
    {
        string witness = Digits.Word(k.WitnessKind);
        string certified = Digits.Word(k.IsExact ? ConstantKind.Exact : ConstantKind.Certified);
        string directional = Digits.Word(ConstantKind.Directional);
        return new ConstantsSnapshot(
            k.Level,
            k.EffectiveLevel,
            k.RestrictedToSupport,
            new KindedValue(Digits.Of(k.AlphaWitness), witness),
            new KindedValue(Digits.Of(k.BetaWitness), witness),
            k.AlphaCertified is double ac ? new KindedValue(Digits.Of(ac), certified) : null,
            k.BetaCertified is double bc ? new KindedValue(Digits.Of(bc), certified) : null,
            k.AlphaDirectional is double ad ? new KindedValue(Digits.Of(ad), directional) : null,
            k.BetaDirectional is double bd ? new KindedValue(Digits.Of(bd), directional) : null,
            Digits.Of(k.KappaWitness),
            Digits.Of(k.DeltaWitness),
            Digits.Of(k.KappaCertified),
            Digits.Of(k.DeltaCertified),
            k.SupportsExamined,
            k.EndText,
            k.DirectionsSampled,
            k.Methods);
    }

    private static GuaranteeSnapshot Guarantee(GuaranteeEvaluation g) => new(
        g.Guarantee.Id,
        g.Guarantee.Algorithm.Word,
        Digits.Word(g.Verdict),
        g.Projection,
        Digits.Of(g.CertifiedStep),
        Digits.Of(g.WitnessStep),
        Digits.Of(g.Step),
        Digits.Of(g.PredictedRate),
        g.Clauses.Select(cl => new ClauseSnapshot(cl.Text, cl.Level, Digits.Of(cl.Bound), Digits.Word(cl.ProofFamily), Digits.Word(cl.JudgedFamily), Digits.Of(cl.CertifiedValue),
            Digits.Of(cl.CertifiedStep), cl.CertifiedFrom is null ? null : Digits.Text(cl.CertifiedFrom), Digits.Of(cl.WitnessValue),
            cl.WitnessFrom is null ? null : Digits.Text(cl.WitnessFrom), Digits.Word(cl.Verdict))).ToArray());
}
