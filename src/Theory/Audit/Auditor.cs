using System.Diagnostics;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Guarantees;
using SparseIhtVerify.Theory.Identifiability;
using SparseIhtVerify.Theory.Patterns;
using SparseIhtVerify.Theory.Representation;

namespace SparseIhtVerify.Theory.Audit;

/// <summary>
/// The whole loop of theory.md §3–§5 on one instance: pattern statistics, restricted constants at the levels the
/// catalogue needs, every guarantee's verdict, identifiability and the model check, then (for planted instances)
/// the solver each holding guarantee prescribes, run with its step and projection and checked against the
/// predicted contraction. Data outside a safe range are first scaled by a power of two (<see cref="DataScaling"/>).
/// The conclusion is <see cref="AuditConclusion.Consistent"/> when every holds-certified guarantee was honoured,
/// <see cref="AuditConclusion.Violation"/> only when one was contradicted (a contraction its rate forbids, or divergence).
/// </summary>
public static class Auditor
{
    /// <summary>Errors below this fraction of ‖w*‖ are numerical noise: contractions are not judged there.</summary>
    public const double ErrorFloor = 1e-9;

    /// <summary>Converged means a final relative error at most this.</summary>
    public const double RecoveryTolerance = 1e-8;

    /// <summary>Slack allowed on a predicted contraction for rounding.</summary>
    public const double RateSlack = 1e-9;

    /// <summary>A prescribed run whose relative error exceeds this has diverged.</summary>
    public const double DivergenceFactor = 1e6;

    /// <summary>Iterations of a prescribed run for a row that states no rate (only divergence can contradict it).</summary>
    public const int ConvergenceOnlyIterations = 3000;

    /// <summary>Most iterations of a prescribed run sized from its rate; a run that needs more ends inconclusive.</summary>
    public const int MaxRunIterations = 100_000;

    /// <summary>A rate-sized run aims at a relative error of this (below <see cref="RecoveryTolerance"/>, so that convergence is seen).</summary>
    public const double RunTarget = 1e-11;

    /// <summary>Runs the audit; <paramref name="progress"/> hears what is being done.</summary>
    public static AuditReport Run(AuditSubject subject, AuditOptions options, Action<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        int s = subject.Sparsity, unknowns = subject.Operator.Columns;
        int k = Math.Max(s, subject.Projection);
        bool planted = subject.Truth is not null && subject.Labels is not null;
        if (subject.Truth is { } truth && truth.Length != unknowns)
        {
            throw new ArgumentException($"the planted weights have length {truth.Length} but the operator has N = {unknowns} columns (pad w* with the extra blocks' zeros)");
        }

        if (options.RestrictToSupport && !planted)
        {
            throw new InvalidSettingException("restrict-to-support", "needs a planted instance (it restricts to supports containing S*)");
        }

        int scale = DataScaling.Exponent(subject.Gates.Data.Values);
        subject = DataScaling.Apply(subject, scale);
        SensingOperator sensing = subject.Operator;
        IGatedBlocks gates = subject.Gates;
        int n = sensing.Rows;

        progress?.Invoke("pattern statistics…");
        int[] hamming = PatternStatistics.PairwiseHamming(gates.Patterns);
        PatternStatistics patterns = PatternStatistics.Compute(gates.Patterns, subject.Generators.Span, gates.BlockSize, hamming);

        var levels = GuaranteeCatalogue.All.SelectMany(g => GuaranteeEvaluator.Levels(g, s, k, unknowns))
            .Append(2 * s).Concat(options.ExtraLevels).Select(l => Math.Min(l, unknowns)).Distinct().Order().ToArray();
        // One full Gram (when small enough) and one structured search serve every level, uniform and restricted.
        var gram = RestrictedConstantEstimator.FullGram(sensing);
        progress?.Invoke("pattern dependencies…");
        StructuredWitnesses structured = StructuredWitnesses.Find(gates, options.Parallelism);
        RestrictedConstants[] uniform = Estimate(sensing, gates, levels, null, options, hamming, gram, structured, progress, "uniform");
        // Supports containing S* have at least |S*| columns: levels below that have no support-restricted constants.
        RestrictedConstants[] restricted = options.RestrictToSupport
            ? Estimate(sensing, gates, levels.Where(l => l >= subject.Truth!.Count).ToArray(), subject.Truth!.Indices.ToArray(), options, hamming, gram, structured, progress, "support-restricted")
            : [];
        var book = new ConstantBook(uniform, restricted, unknowns);
        var guarantees = GuaranteeCatalogue.All.Select(g => GuaranteeEvaluator.Evaluate(g, s, k, n, book, options.RestrictToSupport)).ToArray();

        // Identifiability of w* (planted), or of every s-sparse vector (user data): second solutions are built from the
        // exact pattern dependencies and the small structured witnesses, and by exhaustive search within the budget.
        // With labels, the model check comes first: on a user's data (no w*) its best s-sparse fit, when it solves Aw = y, is
        // the solution whose uniqueness is asked.
        ModelCheckReport? modelCheck = null;
        if (subject.Labels is not null)
        {
            progress?.Invoke("model check (best s-sparse fits)…");
            modelCheck = ModelCheck.Run(sensing, subject.Labels, s, ModelCheck.Iterations(n, unknowns, options.ModelCheckWork), options.ModelCheckSecondsCap,
                parallelism: options.Parallelism, known: subject.Truth);
        }

        SparseVector? solution = planted ? subject.Truth
            : modelCheck is { ResidualFloor: <= ModelCheck.SolutionTolerance } fit ? fit.BestFit
            : null;
        progress?.Invoke("identifiability…");
        IReadOnlyList<IReadOnlyList<int>> smallWitnesses = structured.Witnesses.Where(w => w.Support.Length <= 2 * s).Select(w => (IReadOnlyList<int>)w.Support).Take(32).ToArray();
        IdentifiabilityReport identifiability = IdentifiabilityCheck.Check(sensing, uniform.First(c => c.EffectiveLevel == Math.Min(2 * s, unknowns)), s,
            solution, solution is null ? [] : subject.Labels, structured.NullVectors, gates, IdentifiabilityBudget.Default, smallWitnesses);
        double? plantedResidual = null;
        var runs = new List<PrescribedRun>();
        if (planted)
        {
            plantedResidual = ModelCheck.RelativeResidual(sensing, subject.Truth!, subject.Labels);

            // The guarantees speak of recovering w* from y = Aw*: with a dictionary that cannot express the planted
            // network (random generators in convex mode), there is nothing for the prescribed solvers to recover.
            foreach (GuaranteeEvaluation evaluation in guarantees.Where(g => g.Verdict is Verdict.HoldsCertified or Verdict.HoldsEstimated && g.Step is not null && plantedResidual <= ModelCheck.SolutionTolerance))
            {
                progress?.Invoke($"running {evaluation.Guarantee.Id}'s prescribed solver…");
                runs.Add(RunPrescribed(subject, evaluation, options.Parallelism));
            }
        }

        var certifiedRuns = runs.Where(r => r.Verdict == Verdict.HoldsCertified).ToArray();
        AuditConclusion conclusion = !guarantees.Any(g => g.Verdict == Verdict.HoldsCertified) ? AuditConclusion.NoCertifiedGuarantee
            : !(plantedResidual <= ModelCheck.SolutionTolerance) ? AuditConclusion.NotExercised
            : certifiedRuns.Any(r => r.Finding == RunFinding.Violated) ? AuditConclusion.Violation
            : certifiedRuns.Any(r => r.Finding == RunFinding.Inconclusive) ? AuditConclusion.Inconclusive
            : AuditConclusion.Consistent;
        return new AuditReport(n, gates.BlockSize, gates.Blocks, unknowns, s, k, scale, patterns, structured, uniform, restricted, options.RestrictToSupport,
            guarantees, identifiability, modelCheck, plantedResidual, runs, conclusion, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Iterations a prescribed run gets: enough for ρ^t ≤ 1e−11 (plus 20) for a rate ρ ∈ (0, 1), within [50, 100 000]; 3000 without a rate.</summary>
    public static int IterationBudget(double? rate) => rate is double r && r > 0 && r < 1
        ? (int)Math.Clamp(Math.Ceiling(Math.Log(RunTarget) / Math.Log(r)) + 20, 50, MaxRunIterations)
        : ConvergenceOnlyIterations;

    /// <summary>
    /// Runs the solver <paramref name="evaluation"/> prescribes from w_0 = 0 and judges it: violated when a contraction
    /// (or the cumulative bound) exceeds the predicted rate while the error is above the noise floor, or when it
    /// diverges; honoured when it converged (relative error ≤ 1e−8) without either; inconclusive otherwise.
    /// </summary>
    public static PrescribedRun RunPrescribed(AuditSubject subject, GuaranteeEvaluation evaluation, int parallelism)
    {
        var sensing = subject.Operator;
        SparseVector truth = subject.Truth ?? throw new ArgumentException("a prescribed run needs the planted weights");
        double[] labels = subject.Labels ?? throw new ArgumentException("a prescribed run needs the labels");
        double step = evaluation.Step ?? throw new ArgumentException("the guarantee prescribes no step (α ≤ 0)");
        double? rate = evaluation.PredictedRate;
        int iterations = IterationBudget(rate);
        var options = new SolverOptions(evaluation.Guarantee.Algorithm, Projection: evaluation.Projection, Step: step,
            MaxIterations: iterations, Tolerance: 1e-15, StallIterations: 25, Parallelism: parallelism);
        double truthNorm = truth.Norm();
        var errors = new List<double> { 1.0 };
        var directional = new List<double>();
        double[] plantedImage = sensing.Forward(truth);
        SolverResult result = IterativeSolver.Solve(sensing, labels, options, (_, w) =>
        {
            double error = w.DistanceTo(truth) / truthNorm;
            errors.Add(error);
            if (error > ErrorFloor)
            {
                // Below the floor, ‖AΔ‖ is rounding noise of Aw − Aw* and the quotient means nothing.
                directional.Add(DirectionalConstant(sensing, w, truth, plantedImage));
            }
        });

        var contractions = new List<double>();
        int? firstExcess = null;
        for (int t = 0; t + 1 < errors.Count; t++)
        {
            if (errors[t] <= ErrorFloor)
            {
                break;
            }

            contractions.Add(errors[t + 1] / errors[t]);
            bool within = evaluation.Guarantee.RateKind switch
            {
                RateKind.PerStep => rate is not double rho || errors[t + 1] <= rho * errors[t] * (1 + RateSlack) + ErrorFloor * 1e-3,
                RateKind.Cumulative => rate is not double rho2 || errors[t + 1] <= Math.Pow(rho2, t + 1) * (1 + RateSlack) + ErrorFloor * 1e-3,
                _ => true,
            };
            if (!within && firstExcess is null)
            {
                firstExcess = t;
            }
        }

        double final = errors[^1];
        int divergedAt = errors.FindIndex(e => !double.IsFinite(e) || e > DivergenceFactor);
        int? diverged = result.Status == SolverStatus.NonFinite ? errors.Count - 1 : divergedAt >= 0 ? divergedAt : null;
        bool converged = final <= RecoveryTolerance;
        RunFinding finding = diverged is not null || firstExcess is not null ? RunFinding.Violated
            : converged ? RunFinding.Honoured
            : RunFinding.Inconclusive;
        string text = finding switch
        {
            RunFinding.Honoured => "honoured",
            RunFinding.Violated when diverged is int d => $"violated: diverged (relative error {Number(errors[Math.Min(d, errors.Count - 1)])} at iteration {d}, status {result.Status})",
            RunFinding.Violated => $"violated: e_{firstExcess + 1}/e_{firstExcess} = {Number(contractions[firstExcess!.Value])} exceeds what the predicted rate allows",
            _ => rate is null
                ? $"inconclusive: no rate is stated and the budget of {iterations} iterations ended at e = {Number(final)} (status {result.Status}) without divergence"
                : $"inconclusive: the budget of {iterations} iterations ended at e = {Number(final)} (status {result.Status}) before the rate was contradicted",
        };
        return new PrescribedRun(evaluation.Guarantee.Id, evaluation.Verdict, evaluation.Guarantee.Algorithm, evaluation.Projection, step,
            evaluation.Guarantee.RateKind, rate, iterations, result.Status, result.Iterations, final,
            contractions.Count > 0 ? contractions.Max() : null, errors, contractions, directional, finding, text);
    }

    private static string Number(double value) => value.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>‖AΔ‖²/(n‖Δ‖²) for Δ = w − w* (0 when Δ = 0); <paramref name="plantedImage"/> is Aw*.</summary>
    public static double DirectionalConstant(SparseIhtVerify.Solver.Operators.SensingOperator sensing, SparseVector w, SparseVector truth, ReadOnlySpan<double> plantedImage)
    {
        double[] image = sensing.Forward(w);
        VectorKernels.Axpy(-1, plantedImage, image);
        double distance = w.DistanceTo(truth);
        return distance > 0 ? VectorKernels.SumOfSquares(image) / (sensing.Rows * distance * distance) : 0;
    }

    private static RestrictedConstants[] Estimate(SensingOperator sensing, IGatedBlocks gates, int[] levels, int[]? required, AuditOptions options, int[] hamming, MathNet.Numerics.LinearAlgebra.Matrix<double>? gram, StructuredWitnesses structured, Action<string>? progress, string label)
    {
        return levels.Select(level =>
        {
            progress?.Invoke($"{label} constants at level {level}…");
            return RestrictedConstantEstimator.Estimate(sensing, level, required, options.Budget, gates, hamming, gram, structured);
        }).ToArray();
    }
}
