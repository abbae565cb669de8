using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Solvers;
using SparseIhtVerify.Solver.Thresholding;

namespace SparseIhtVerify.Properties;

/// <summary>
/// Per-step invariants of the solvers (theory.md §2), observed through the solver's step probe and recomputed by the
/// test with the dense oracle: NIHT's ω test, AIHT's Armijo backtracking and revert, the stall rule, and what a NaN or
/// infinity produced by the operator or the data does to a solve (status NonFinite, the last finite iterate returned).
/// </summary>
public sealed class SolverInvariantProperties
{
    private const double OmegaC = 0.01;
    private const double Kappa = 2.0;
    private const double ShrinkFactor = Kappa * (1 - OmegaC);
    private const int MaxShrinks = 60;
    private const double ArmijoFactor = 0.9;
    private const int MaxTrials = 11;
    private const int FloorCases = 40;

    // ───────────────────────────── cases ─────────────────────────────

    /// <summary>A NIHT solve: the problem, k = min(N, s + extra), and the iteration limit.</summary>
    public sealed record NihtCase(SolveProblem Problem, int ExtraProjection, int MaxIterations)
    {
        public int Projection => Math.Min(Problem.Columns, Problem.Sparsity + ExtraProjection);

        public override string ToString() => $"NihtCase(k={Projection}, max-iter={MaxIterations}, {Problem})";
    }

    /// <summary>An AIHT solve; with <paramref name="Flipping"/> the operator's restricted adjoint alternates sign (see <see cref="FlippingAdjointOperator"/>).</summary>
    public sealed record AihtCase(SolveProblem Problem, int ExtraProjection, int InnerSteps, bool Flipping, int MaxIterations)
    {
        public int Projection => Math.Min(Problem.Columns, Problem.Sparsity + ExtraProjection);

        public override string ToString() => $"AihtCase(k={Projection}, K={InnerSteps}, flipping adjoint={Flipping}, max-iter={MaxIterations}, {Problem})";
    }

    /// <summary>A solve with a given stall window and tolerance.</summary>
    public sealed record StallCase(SolverKind Solver, SolveProblem Problem, int ExtraProjection, int StallIterations, double StallTolerance, int MaxIterations)
    {
        public int Projection => Math.Min(Problem.Columns, Problem.Sparsity + ExtraProjection);

        public override string ToString() =>
            $"StallCase({Solver}, k={Projection}, stall-iterations={StallIterations}, stall-tolerance={Closeness.R(StallTolerance)}, max-iter={MaxIterations}, {Problem})";
    }

    /// <summary>A solve whose operator writes <paramref name="Value"/> into every entry of the outputs of <paramref name="Site"/> after <paramref name="CleanCalls"/> calls.</summary>
    public sealed record PoisonCase(SolverKind Solver, SolveProblem Problem, int ExtraProjection, PoisonSite Site, int CleanCalls, double Value)
    {
        public int Projection => Math.Min(Problem.Columns, Problem.Sparsity + ExtraProjection);

        public override string ToString() =>
            $"PoisonCase({Solver}, k={Projection}, {Site} poisoned with {Closeness.R(Value)} after {CleanCalls} clean calls, {Problem})";
    }

    /// <summary>Where <see cref="GradientPoisonCase"/> puts its single non-finite gradient entry.</summary>
    public enum GradientEntry
    {
        /// <summary>A column of the current support, from the gradient pass after the clean ones on.</summary>
        OnSupport,

        /// <summary>The last column outside the current support (behind k other candidates when N − |S| &gt; k).</summary>
        OffSupport,

        /// <summary>One entry A[i, N − 1] of the data matrix itself (non-finite from the first product on).</summary>
        Data,
    }

    /// <summary>A solve in which one gradient entry becomes <paramref name="Value"/>: on the support, off it, or through the data.</summary>
    public sealed record GradientPoisonCase(SolverKind Solver, SolveProblem Problem, int ExtraProjection, GradientEntry Entry, int CleanPasses, double Value, int Pick)
    {
        public int Projection => Math.Min(Problem.Columns, Problem.Sparsity + ExtraProjection);

        public override string ToString() =>
            $"GradientPoisonCase({Solver}, k={Projection}, entry={Entry}, value={Closeness.R(Value)}, clean gradient passes={CleanPasses}, pick={Pick}, {Problem})";
    }

    private static readonly Gen<double> NonFiniteValue = Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity);

    private static Gen<NihtCase> NihtGen =>
        from problem in SolveProblem.Any
        from extra in Gen.Choose(0, 2)
        select new NihtCase(problem, extra, 30);

    private static Gen<AihtCase> AihtGen =>
        from problem in SolveProblem.Any
        from extra in Gen.Choose(0, 2)
        from flipping in Gen.Elements(false, true)
        from inner in Gen.Choose(flipping ? 2 : 1, 10)
        select new AihtCase(problem, extra, inner, flipping, 12);

    private static Gen<StallCase> StallGen =>
        from solver in Gen.Elements(SolverCatalogue.Iht, SolverCatalogue.Niht, SolverCatalogue.Aiht, SolverCatalogue.Htp)
        from problem in SolveProblem.Any
        from noise in Gen.Elements(0.0, 0.1, 1.0, 10.0)
        from extra in Gen.Choose(0, 2)
        from window in Gen.Choose(1, 6)
        from tolerance in Gen.Elements(1e-14, 1e-6, 1e-2, 0.2, 0.5, 0.9)
        select new StallCase(solver, problem with { Noise = noise }, extra, window, tolerance, 40);

    // NIHT never calls RestrictedAdjoint (AIHT's inner steps and the default step of IHT and HTP do); only HTP's least squares copies columns.
    private static Gen<PoisonCase> PoisonGen =>
        from site in Gen.Frequency((3, Gen.Constant(PoisonSite.RestrictedForward)), (3, Gen.Constant(PoisonSite.AdjointRange)), (3, Gen.Constant(PoisonSite.RestrictedAdjoint)), (1, Gen.Constant(PoisonSite.CopyColumn)))
        from solver in site switch
        {
            PoisonSite.RestrictedAdjoint => Gen.Elements(SolverCatalogue.Iht, SolverCatalogue.Aiht, SolverCatalogue.Htp),
            PoisonSite.CopyColumn => Gen.Constant(SolverCatalogue.Htp),
            _ => Gen.Elements(SolverCatalogue.Iht, SolverCatalogue.Niht, SolverCatalogue.Aiht, SolverCatalogue.Htp),
        }
        from problem in SolveProblem.Any.Where(p => p.Noise > 0)
        from extra in Gen.Choose(0, 2)
        from clean in Gen.Choose(0, site is PoisonSite.RestrictedAdjoint or PoisonSite.CopyColumn ? 25 : 12)
        from value in NonFiniteValue
        select new PoisonCase(solver, problem, extra, site, clean, value);

    private static Gen<GradientPoisonCase> GradientPoisonGen =>
        from solver in Gen.Elements(SolverCatalogue.Iht, SolverCatalogue.Niht, SolverCatalogue.Aiht, SolverCatalogue.Htp)
        from problem in SolveProblem.Any.Where(p => p.Noise > 0)
        from extra in Gen.Choose(0, 2)
        from entry in Gen.Frequency((2, Gen.Constant(GradientEntry.OnSupport)), (2, Gen.Constant(GradientEntry.OffSupport)), (1, Gen.Constant(GradientEntry.Data)))
        from clean in Gen.Choose(1, 6)
        from value in Gen.Elements(double.NaN, double.NaN, double.PositiveInfinity, double.NegativeInfinity)
        from pick in Gen.Choose(0, 1000)
        select new GradientPoisonCase(solver, problem, extra, entry, clean, value, pick);

    // ───────────────────────────── 1. NIHT ─────────────────────────────

    // NIHT: μ = ‖g_S‖²/‖A_S g_S‖² shrunk by powers of 1/(κ(1 − c)), only after a failed ω test; an accepted step with a new support has μ ≤ ω unless 60 shrinks were spent.
    [Property(MaxTest = 100)]
    public Property NihtAcceptsOnlyStepsThatPassTheOmegaTest() =>
        Prop.ForAll(NihtGen.ToArbitrary(), c => CheckNiht(c).ToProperty(c.ToString(), "ω rejection", "support changed", "near the ω boundary", "shrink budget spent", "network"));

    // Premise rates: at least 50% of NIHT cases reject some step by the ω test and 45% take a step onto a new support (and none violates the invariants).
    [Property(MaxTest = 1)]
    public Property NihtCasesRejectStepsOftenEnough() =>
        Prop.ForAll(Gen.ArrayOf(NihtGen, FloorCases).ToArbitrary(), cases =>
            PremiseFloor.Floor(cases, CheckNiht, ("ω rejection", 0.5), ("support changed", 0.45)));

    private static CaseVerdict CheckNiht(NihtCase c)
    {
        BuiltProblem p = c.Problem.Build();
        int k = c.Projection;
        var recording = new Recording();
        recording.Solve(p.Sensing, p.Labels, new SolverOptions(Solver: SolverCatalogue.Niht, Projection: k, MaxIterations: c.MaxIterations, Tolerance: 1e-12));
        var v = new CaseVerdict();
        v.Tag(c.Problem.Network is not null, "network");
        DenseMatrixOperator a = p.Oracle;
        for (int t = 1; t <= recording.Rows.Count && v.Ok; t++)
        {
            SparseVector w = recording.Iterates[t - 1], next = recording.Iterates[t];
            TraceRow row = recording.Rows[t - 1];
            NihtTrial[] trials = recording.Events[t - 1].OfType<NihtTrial>().ToArray();
            string at = $"iteration {t}";
            double[] r = Residual(a, w, p.Labels);
            double[] g = a.Adjoint(r);
            int[] s = w.Count > 0 ? w.Indices.ToArray() : trials.Length > 0 ? trials[0].Support : next.Indices.ToArray();
            v.Require(w.Count > 0 || IsTopK(g, s, k), () => $"{at}: S = {Show(s)} is not supp H_k(g) at w = 0");
            v.Require(trials.All(trial => trial.Support.SequenceEqual(s)), () => $"{at}: a trial's S differs from supp w = {Show(s)}");
            double mu0 = NormalisedStep(a, s, g);
            double stepTolerance = StepTolerance(a, w, s, g, r, p.Labels);
            int m = trials.Length;
            bool lastAccepted = m > 0 && trials[^1].Accepted;
            int shrinks = m == 0 ? 0 : lastAccepted ? trials[^1].Shrinks : trials[^1].Shrinks + 1;
            for (int i = 0; i < m && v.Ok; i++)
            {
                NihtTrial trial = trials[i];
                string tr = $"{at}, trial {i} (μ = {Closeness.R(trial.Step)}, ω = {Closeness.R(trial.Omega)})";
                v.Require(trial.Shrinks == i, () => $"{tr}: reports {trial.Shrinks} shrinks");
                v.Require(i == 0 || Bits(trial.Step) == Bits(trials[i - 1].Step / ShrinkFactor), () => $"{tr}: μ is not the previous μ/(κ(1 − c)) = {Closeness.R(trials[i - 1].Step / ShrinkFactor)}");
                v.Require(!SameSupport(trial.Next, s), () => $"{tr}: ω-tested a candidate whose support equals S");
                v.Require(trial.Accepted == (trial.Step <= trial.Omega), () => $"{tr}: accepted={trial.Accepted} disagrees with μ ≤ ω");
                v.Require(i == m - 1 || !trial.Accepted, () => $"{tr}: another trial followed an accepted one");
                (double omega, double tolerance) = Omega(a, w, trial.Next, p.Labels);
                bool near = Math.Abs(trial.Step - omega) <= tolerance * omega;
                v.Tag(near, "near the ω boundary");
                v.Require(Math.Abs(trial.Omega - omega) <= tolerance * omega || (double.IsPositiveInfinity(omega) && double.IsPositiveInfinity(trial.Omega)), () => $"{tr}: reported ω differs from the recomputed {Closeness.R(omega)}");
                v.Require(near || trial.Accepted == (trial.Step <= omega), () => $"{tr}: accepted={trial.Accepted} but the recomputed ω = {Closeness.R(omega)}");
                v.Tag(!trial.Accepted, "ω rejection");
            }

            double expected = mu0 / Math.Pow(ShrinkFactor, shrinks);
            v.Require(Relative(row.Step, expected) <= stepTolerance, () => $"{at}: step {Closeness.R(row.Step)} is not ‖g_S‖²/‖A_S g_S‖² = {Closeness.R(mu0)} shrunk {shrinks} times ({Closeness.R(expected)}, relative tolerance {stepTolerance:G3})");
            if (lastAccepted)
            {
                v.Require(Same(next, trials[^1].Next) && Bits(row.Step) == Bits(trials[^1].Step), () => $"{at}: the iterate or step is not the accepted trial's");
            }
            else if (m > 0)
            {
                v.Require(Bits(row.Step) == Bits(trials[^1].Step / ShrinkFactor), () => $"{at}: step {Closeness.R(row.Step)} is not the last rejected μ/(κ(1 − c))");
                v.Require(SameSupport(next, s) || shrinks == MaxShrinks, () => $"{at}: taken with a new support {Show(next.Indices.ToArray())} after {shrinks} shrinks without an ω test");
            }
            else
            {
                v.Require(SameSupport(next, s), () => $"{at}: the support changed ({Show(s)} → {Show(next.Indices.ToArray())}) but no ω test ran");
            }

            bool changed = !SameSupport(next, s);
            v.Tag(changed, "support changed");
            v.Tag(shrinks == MaxShrinks, "shrink budget spent");
            if (changed && shrinks < MaxShrinks)
            {
                (double omega, double tolerance) = Omega(a, w, next, p.Labels);
                v.Require(row.Step <= omega * (1 + tolerance), () => $"{at}: accepted μ = {Closeness.R(row.Step)} > ω = {Closeness.R(omega)} with a new support and {shrinks} < {MaxShrinks} shrinks");
            }
        }

        return v;
    }

    // ───────────────────────────── 2. AIHT ─────────────────────────────

    // AIHT: inner trials step along −g_T, μ halves on each rejection and carries over, an accepted trial satisfies Armijo, 11 rejections revert to x̃, and F(w⁺) ≤ F(x̃).
    [Property(MaxTest = 100)]
    public Property AihtBacktracksByArmijoAndRevertsToTheThresholdedPoint() =>
        Prop.ForAll(AihtGen.ToArbitrary(), c => CheckAiht(c).ToProperty(c.ToString(), "Armijo rejection", "revert after an accepted trial", "revert", "near the Armijo boundary", "flipping adjoint", "network"));

    // Premise rates: at least 70% of AIHT cases reject a trial, 15% revert after an accepted trial, and 10% end an outer step on a revert.
    [Property(MaxTest = 1)]
    public Property AihtCasesReachRejectionsAndRevertsOftenEnough() =>
        Prop.ForAll(Gen.ArrayOf(AihtGen, FloorCases).ToArbitrary(), cases =>
            PremiseFloor.Floor(cases, CheckAiht, ("Armijo rejection", 0.7), ("revert after an accepted trial", 0.15), ("step ends on a revert", 0.1)));

    private static CaseVerdict CheckAiht(AihtCase c)
    {
        BuiltProblem p = c.Problem.Build();
        int k = c.Projection;
        SensingOperator sensing = c.Flipping ? new FlippingAdjointOperator(p.Sensing) : p.Sensing;
        var recording = new Recording();
        recording.Solve(sensing, p.Labels, new SolverOptions(Solver: SolverCatalogue.Aiht, Projection: k, MaxIterations: c.MaxIterations, Tolerance: 1e-12, InnerSteps: c.InnerSteps));
        var v = new CaseVerdict();
        v.Tag(c.Flipping, "flipping adjoint");
        v.Tag(c.Problem.Network is not null, "network");
        DenseMatrixOperator a = p.Oracle;
        double[] y = p.Labels;
        for (int t = 1; t <= recording.Rows.Count && v.Ok; t++)
        {
            SparseVector w = recording.Iterates[t - 1], next = recording.Iterates[t];
            TraceRow row = recording.Rows[t - 1];
            List<StepEvent> events = recording.Events[t - 1];
            string at = $"iteration {t}";
            AihtThresholded[] thresholded = events.OfType<AihtThresholded>().ToArray();
            if (!v.Require(thresholded.Length == 1 && events[0] is AihtThresholded, () => $"{at}: {thresholded.Length} thresholded points reported"))
            {
                break;
            }

            SparseVector tilde = thresholded[0].Tilde;
            int[] support = tilde.Indices.ToArray();
            double[] r0 = Residual(a, w, y);
            double[] g = a.Adjoint(r0);
            int[] s = w.Count > 0 ? w.Indices.ToArray() : HardThreshold.Apply(g, k).Indices.ToArray();
            double mu0 = NormalisedStep(a, s, g);
            double stepTolerance = StepTolerance(a, w, s, g, r0, y);
            v.Require(Relative(thresholded[0].Step, mu0) <= stepTolerance, () => $"{at}: μ = {Closeness.R(thresholded[0].Step)} is not ‖g_S‖²/‖A_S g_S‖² = {Closeness.R(mu0)} (relative tolerance {stepTolerance:G3})");
            double tildeObjective = Objective(a, support, tilde.Values, y);
            v.Require(Math.Abs(thresholded[0].Objective - tildeObjective) <= ObjectiveTolerance(a, support, tilde.Values, y), () => $"{at}: F(x̃) = {Closeness.R(thresholded[0].Objective)} but recomputed {Closeness.R(tildeObjective)}");

            AihtTrial[] trials = events.OfType<AihtTrial>().ToArray();
            int innerSteps = support.Length > 0 ? c.InnerSteps : 0;
            double step = thresholded[0].Step;
            double[] z = tilde.Values.ToArray();
            bool moved = false, revertAfterAccept = false, endedOnRevert = false;
            int position = 0;
            for (int inner = 0; inner < innerSteps && v.Ok; inner++)
            {
                bool accepted = false;
                int attempt = 0;
                for (; attempt < MaxTrials && !accepted && v.Ok; attempt++, position++)
                {
                    string tr = $"{at}, inner step {inner}, trial {attempt}";
                    if (!v.Require(position < trials.Length && trials[position].Inner == inner && trials[position].Attempt == attempt, () => $"{tr}: missing (trial {position} of {trials.Length} reported is {(position < trials.Length ? $"inner {trials[position].Inner}, attempt {trials[position].Attempt}" : "none")})"))
                    {
                        break;
                    }

                    AihtTrial trial = trials[position];
                    tr += $" (μ = {Closeness.R(trial.Step)})";
                    v.Require(Bits(trial.Step) == Bits(step), () => $"{tr}: μ should be {Closeness.R(step)} (halved on each rejection, carried over otherwise)");
                    v.Require(Closeness.BitIdentical(trial.Point, z), () => $"{tr}: z is not {(moved ? "the last accepted trial" : "x̃")}");
                    CheckArmijoTrial(v, tr, a, support, trial, y, c.Flipping);
                    accepted = trial.Accepted;
                    if (accepted)
                    {
                        z = trial.Candidate;
                        moved = true;
                    }
                    else
                    {
                        step /= 2;
                    }
                }

                if (!accepted && v.Ok)
                {
                    // 11 rejections: revert to x̃.
                    revertAfterAccept |= moved;
                    z = tilde.Values.ToArray();
                    moved = false;
                }

                endedOnRevert = !accepted;
            }

            v.Tag(revertAfterAccept, "revert after an accepted trial");
            v.Tag(endedOnRevert, "step ends on a revert");
            v.Tag(trials.Any(trial => !trial.Accepted), "Armijo rejection");
            if (!v.Ok)
            {
                break;
            }

            v.Require(position == trials.Length, () => $"{at}: {trials.Length - position} trials beyond the expected {position}");
            v.Require(Bits(row.Step) == Bits(step), () => $"{at}: step {Closeness.R(row.Step)} is not the final μ = {Closeness.R(step)}");
            v.Require(next.Indices.SequenceEqual(support) && Closeness.BitIdentical(next.Values, z), () => $"{at}: the iterate is not {(endedOnRevert ? "x̃ (the last inner step reverted)" : "the last accepted trial")}");
            double nextObjective = Objective(a, next.Indices.ToArray(), next.Values, y);
            v.Require(nextObjective <= tildeObjective + ObjectiveTolerance(a, support, tilde.Values, y), () => $"{at}: F(w⁺) = {Closeness.R(nextObjective)} exceeds F(x̃) = {Closeness.R(tildeObjective)}");
        }

        return v;
    }

    /// <summary>One trial: z' = z ∓ μ g_T (− unless the adjoint may be flipped), F(z), F(z'), ‖g_T‖² as recomputed, and the verdict.</summary>
    private static void CheckArmijoTrial(CaseVerdict v, string tr, DenseMatrixOperator a, int[] support, AihtTrial trial, double[] y, bool flipping)
    {
        double[] r = RestrictedResidual(a, support, trial.Point, y);
        var g = new double[support.Length];
        a.RestrictedAdjoint(support, r, g);
        double gg = g.Sum(x => x * x);
        double mu = trial.Step;
        double fz = r.Sum(x => x * x);
        double fc = Objective(a, support, trial.Candidate, y);
        double scale = 1e-12 * FrobeniusNorm(a, support) * (Math.Sqrt(fz) + Norm(y));
        double Off(double sign)
        {
            double sum = 0;
            for (int t = 0; t < g.Length; t++)
            {
                double d = trial.Candidate[t] - (trial.Point[t] - sign * mu * g[t]);
                sum += d * d;
            }

            return Math.Sqrt(sum);
        }

        double directionTolerance = mu * (1e-9 * Math.Sqrt(gg) + scale) + 4e-16 * Norm(trial.Point);
        bool descent = Off(1) <= directionTolerance;
        v.Require(descent || (flipping && Off(-1) <= directionTolerance), () => $"{tr}: z' − z is not −μ g_T (off by {Closeness.R(Off(1))}, tolerance {Closeness.R(directionTolerance)})");
        double fTolerance = ObjectiveTolerance(a, support, trial.Point, y) + ObjectiveTolerance(a, support, trial.Candidate, y) + 1e-9 * mu * gg;
        v.Require(Math.Abs(trial.Objective - fz) <= fTolerance, () => $"{tr}: F(z) = {Closeness.R(trial.Objective)} but recomputed {Closeness.R(fz)}");
        v.Require(Math.Abs(trial.CandidateObjective - fc) <= fTolerance, () => $"{tr}: F(z') = {Closeness.R(trial.CandidateObjective)} but recomputed {Closeness.R(fc)}");
        v.Require(Math.Abs(trial.GradientNormSquared - gg) <= 1e-9 * gg + 2 * scale * Math.Sqrt(gg) + scale * scale, () => $"{tr}: ‖g_T‖² = {Closeness.R(trial.GradientNormSquared)} but recomputed {Closeness.R(gg)}");
        v.Require(trial.Accepted == (trial.CandidateObjective <= trial.Objective - ArmijoFactor * trial.Step * trial.GradientNormSquared), () => $"{tr}: accepted={trial.Accepted} disagrees with its own F(z') ≤ F(z) − 0.9·μ‖g_T‖²");
        double margin = fz - ArmijoFactor * mu * gg - fc;
        bool near = Math.Abs(margin) <= fTolerance;
        v.Tag(near, "near the Armijo boundary");
        v.Require(near || trial.Accepted == (margin >= 0), () => $"{tr}: accepted={trial.Accepted} but recomputed F(z') − F(z) + 0.9·μ‖g_T‖² = {Closeness.R(-margin)}");
    }

    // ───────────────────────────── 3. stall ─────────────────────────────

    // Stalled exactly when, for StallIterations consecutive iterations, the support and the objective (within StallTolerance) were unchanged; otherwise the solve runs on.
    [Property(MaxTest = 100)]
    public Property StalledOnlyAfterTheWindowOfUnchangedSupportAndObjective() =>
        Prop.ForAll(StallGen.ToArbitrary(), c => CheckStall(c).ToProperty(c.ToString(), "stalled", "support moved while the objective was flat", "converged", "network"));

    // Premise rates: at least 35% of stall cases stall, and 10% move the support while the objective is flat within the tolerance.
    [Property(MaxTest = 1)]
    public Property StallCasesStallAndMoveOnFlatObjectivesOftenEnough() =>
        Prop.ForAll(Gen.ArrayOf(StallGen, FloorCases).ToArbitrary(), cases =>
            PremiseFloor.Floor(cases, CheckStall, ("stalled", 0.35), ("support moved while the objective was flat", 0.1)));

    private static CaseVerdict CheckStall(StallCase c)
    {
        BuiltProblem p = c.Problem.Build();
        var options = new SolverOptions(Solver: c.Solver, Projection: c.Projection, MaxIterations: c.MaxIterations, Tolerance: 1e-12, StallIterations: c.StallIterations, StallTolerance: c.StallTolerance);
        var recording = new Recording();
        SolverResult result = recording.Solve(p.Sensing, p.Labels, options);
        var v = new CaseVerdict();
        v.Tag(c.Problem.Network is not null, "network");
        double[] y = p.Labels;
        double labelNorm = VectorKernels.Norm(y);
        // What the rule decides within the recorded rows (IterationLimit: nothing yet, so the solve must run on).
        SolverStatus expected = labelNorm == 0 ? SolverStatus.Converged : SolverStatus.IterationLimit;
        int expectedIterations = labelNorm == 0 ? 0 : c.MaxIterations;
        double previous = VectorKernels.SumOfSquares(y.Select(x => -x).ToArray());
        int still = 0;
        for (int t = 1; t <= recording.Rows.Count && v.Ok && labelNorm > 0; t++)
        {
            SparseVector w = recording.Iterates[t - 1], next = recording.Iterates[t];
            TraceRow row = recording.Rows[t - 1];
            // The objective exactly as the driver computes it: r = A_S z − y with the operator under test.
            var r = new double[p.Sensing.Rows];
            p.Sensing.RestrictedForward(next.Indices, next.Values, r);
            VectorKernels.Axpy(-1.0, y, r);
            double objective = VectorKernels.SumOfSquares(r);
            v.Require(Bits(Math.Sqrt(objective) / labelNorm) == Bits(row.RelativeResidual), () => $"iteration {t}: recomputed ‖Aw − y‖/‖y‖ = {Closeness.R(Math.Sqrt(objective) / labelNorm)} but the trace says {Closeness.R(row.RelativeResidual)}");
            if (row.RelativeResidual <= options.Tolerance)
            {
                (expected, expectedIterations) = (SolverStatus.Converged, t);
                break;
            }

            bool unchanged = SameSupport(w, next);
            bool flat = Math.Abs(previous - objective) <= c.StallTolerance * Math.Max(previous, double.Epsilon);
            v.Tag(flat && !unchanged, "support moved while the objective was flat");
            v.Require(unchanged == (row.SupportChanges == 0) || next.Count < w.Count, () => $"iteration {t}: the trace counts {row.SupportChanges} entering indices for supports {Show(w.Indices.ToArray())} → {Show(next.Indices.ToArray())}");
            still = unchanged && flat ? still + 1 : 0;
            previous = objective;
            if (still >= c.StallIterations)
            {
                (expected, expectedIterations) = (SolverStatus.Stalled, t);
                break;
            }
        }

        if (v.Ok && expected == SolverStatus.IterationLimit && result.Status == SolverStatus.NonFinite && result.Iterations < c.MaxIterations)
        {
            // E.g. HTP's least squares on a rank-deficient A_T: the run ends before the rule decides anything.
            (expected, expectedIterations) = (SolverStatus.NonFinite, recording.Rows.Count);
            v.Tag(true, "non-finite");
        }

        v.Tag(result.Status == SolverStatus.Stalled, "stalled");
        v.Tag(result.Status == SolverStatus.Converged, "converged");
        v.Require(result.Status == expected && result.Iterations == expectedIterations, () =>
            $"status {result.Status} after {result.Iterations} iterations, but the window rule gives {(expected == SolverStatus.IterationLimit && result.Iterations < c.MaxIterations ? $"no stop at iteration {result.Iterations}" : $"{expected} after {expectedIterations}")} (trace: {ShowTrace(result.Trace)})");
        return v;
    }

    // ───────────────────────────── 4. non-finite values ─────────────────────────────

    // An operator whose forward, streamed-adjoint, restricted-adjoint or column outputs turn NaN/±∞ gives status NonFinite, no trace row after it, and the previous iteration's (finite) iterate.
    [Property(MaxTest = 120)]
    public Property NonFiniteOperatorOutputStopsWithTheLastFiniteIterate() =>
        Prop.ForAll(PoisonGen.ToArbitrary(), c => CheckPoison(c).ToProperty(c.ToString(), "poison reached", "before the first iteration", "RestrictedForward", "AdjointRange", "RestrictedAdjoint", "CopyColumn"));

    // Premise rates: the poison is reached in at least 75% of cases, through RestrictedForward in 12%, AdjointRange in 12%, RestrictedAdjoint in 10%.
    [Property(MaxTest = 1)]
    public Property PoisonIsReachedOftenEnough() =>
        Prop.ForAll(Gen.ArrayOf(PoisonGen, 3 * FloorCases).ToArbitrary(), cases =>
            PremiseFloor.Floor(cases, CheckPoison, ("poison reached", 0.75), ("reached RestrictedForward", 0.12), ("reached AdjointRange", 0.12), ("reached RestrictedAdjoint", 0.1)));

    private static CaseVerdict CheckPoison(PoisonCase c)
    {
        BuiltProblem p = c.Problem.Build();
        var poisoning = new PoisoningOperator(p.Sensing, c.Site, c.CleanCalls, c.Value);
        var v = new CaseVerdict();
        v.Tag(true, c.Site.ToString());
        var options = new SolverOptions(Solver: c.Solver, Projection: c.Projection, MaxIterations: 15, Tolerance: 1e-12);
        var clean = new Recording();
        clean.Solve(p.Sensing, p.Labels, options);
        ExpectNonFiniteStop(v, poisoning, p.Labels, options, () => poisoning.PoisonedOutputs, clean);
        v.Tag(v.Has("poison reached"), $"reached {c.Site}");
        return v;
    }

    // One non-finite gradient entry — on the support, off it behind k candidates, or from a non-finite data entry — gives NonFinite with the previous iteration's iterate (never skipped).
    [Property(MaxTest = 120)]
    public Property NonFiniteGradientEntryIsFlaggedOnAndOffTheSupport() =>
        Prop.ForAll(GradientPoisonGen.ToArbitrary(), c => CheckGradientPoison(c).ToProperty(c.ToString(), "poison reached", "on the support", "off the support behind a full buffer", "data"));

    // Premise rates: at least 20% of cases put the entry on the support and 10% put a NaN off the support behind a full top-k buffer.
    [Property(MaxTest = 1)]
    public Property GradientPoisonReachesBothSidesOftenEnough() =>
        Prop.ForAll(Gen.ArrayOf(GradientPoisonGen, 3 * FloorCases).ToArbitrary(), cases =>
            PremiseFloor.Floor(cases, CheckGradientPoison, ("on the support", 0.2), ("NaN off the support behind a full buffer", 0.1)));

    private static CaseVerdict CheckGradientPoison(GradientPoisonCase c)
    {
        BuiltProblem p = c.Problem.Build();
        var options = new SolverOptions(Solver: c.Solver, Projection: c.Projection, MaxIterations: 15, Tolerance: 1e-12);
        int columns = p.Sensing.Columns;
        var v = new CaseVerdict();
        if (c.Entry == GradientEntry.Data)
        {
            var matrix = new double[p.Oracle.Rows, columns];
            for (int i = 0; i < p.Oracle.Rows; i++)
            {
                for (int j = 0; j < columns; j++)
                {
                    matrix[i, j] = p.Oracle[i, j];
                }
            }

            matrix[c.Pick % p.Oracle.Rows, columns - 1] = c.Value;
            v.Tag(true, "data");
            v.Tag(columns - 1 >= c.Projection, "off the support behind a full buffer");
            v.Tag(columns - 1 >= c.Projection && double.IsNaN(c.Value), "NaN off the support behind a full buffer");
            ExpectNonFiniteStop(v, new DenseMatrixOperator(matrix), p.Labels, options, () => 1, null);
            return v;
        }

        // A clean run shows the support of the iterate whose gradient the poisoned pass computes (pass 1 of IHT and HTP is the default step's).
        var clean = new Recording();
        clean.Solve(p.Sensing, p.Labels, options);
        int iteration = c.Solver.UsesFixedStep ? c.CleanPasses : c.CleanPasses + 1;
        if (iteration > clean.Rows.Count)
        {
            v.Tag(false, "poison reached");
            return v;
        }

        int[] support = clean.Iterates[iteration - 1].Indices.ToArray();
        int column;
        if (c.Entry == GradientEntry.OnSupport)
        {
            if (support.Length == 0)
            {
                return v;
            }

            column = support[c.Pick % support.Length];
            v.Tag(true, "on the support");
        }
        else
        {
            column = Enumerable.Range(0, columns).Reverse().FirstOrDefault(j => Array.BinarySearch(support, j) < 0, -1);
            if (column < 0)
            {
                return v;
            }

            bool behind = column - support.Count(j => j < column) >= c.Projection;
            v.Tag(behind, "off the support behind a full buffer");
            v.Tag(behind && double.IsNaN(c.Value), "NaN off the support behind a full buffer");
        }

        var poisoning = new PoisoningOperator(p.Sensing, PoisonSite.AdjointRange, c.CleanPasses, c.Value, column);
        ExpectNonFiniteStop(v, poisoning, p.Labels, options, () => poisoning.PoisonedOutputs, clean);
        return v;
    }

    /// <summary>
    /// Solves and compares with the <paramref name="clean"/> solve of the same problem (null: the data itself is
    /// non-finite). While <paramref name="poisoned"/> is 0 the two coincide: if it stays 0 the results are identical.
    /// Once it is positive: status NonFinite, no trace row recorded after it, every row finite and equal to the clean
    /// run's, and the result's weights finite and bit-identical to the last observed iterate (w = 0 when none).
    /// </summary>
    private static void ExpectNonFiniteStop(CaseVerdict v, SensingOperator sensing, double[] labels, SolverOptions options, Func<long> poisoned, Recording? clean)
    {
        var marks = new List<long>();
        var recording = new Recording(() => marks.Add(poisoned()));
        SolverResult result = recording.Solve(sensing, labels, options);
        if (poisoned() == 0)
        {
            v.Tag(false, "poison reached");
            v.Require(clean is not null && result.Status == clean.Result!.Status && Same(result.Weights, clean.Result.Weights) && result.Trace.SequenceEqual(clean.Result.Trace),
                () => $"the poison was never reached, yet the result differs from the clean run's ({result.Status} after {result.Iterations} vs {clean?.Result?.Status} after {clean?.Result?.Iterations})");
            return;
        }

        v.Tag(true, "poison reached");
        v.Tag(recording.Rows.Count == 0, "before the first iteration");
        int late = marks.FindIndex(m => m > 0);
        v.Require(result.Status == SolverStatus.NonFinite, () => $"status {result.Status} after {result.Iterations} iterations, although a non-finite value appeared{(late >= 0 ? $" in iteration {late + 1}" : "")}");
        v.Require(late < 0, () => $"iteration {late + 1} produced a non-finite value but finished (relative residual {Closeness.R(recording.Rows[late].RelativeResidual)}, step {Closeness.R(recording.Rows[late].Step)})");
        v.Require(result.Trace.All(row => double.IsFinite(row.RelativeResidual) && double.IsFinite(row.Step)), () => "a trace row holds a non-finite residual or step");
        v.Require(clean is null || (clean.Rows.Count >= recording.Rows.Count && recording.Rows.SequenceEqual(clean.Rows.Take(recording.Rows.Count))), () => "before the poison the trace differs from the clean run's");
        v.Require(result.Iterations == recording.Rows.Count, () => $"{result.Iterations} iterations reported, {recording.Rows.Count} observed");
        v.Require(result.Weights.IsFinite(), () => "the returned weights are not finite");
        SparseVector last = recording.Iterates[^1];
        v.Require(Same(result.Weights, last), () => $"the returned weights ({result.Weights.Count} entries) are not the iterate of iteration {recording.Rows.Count} ({last.Count} entries)");
    }

    // ───────────────────────────── the probe ─────────────────────────────

    // A probe changes nothing: weights (bits), trace and status are the same with and without one, for every solver.
    [Property(MaxTest = 30)]
    public Property ProbeLeavesTheSolveUnchanged() =>
        Prop.ForAll(StallGen.ToArbitrary(), c =>
        {
            BuiltProblem p = c.Problem.Build();
            var options = new SolverOptions(Solver: c.Solver, Projection: c.Projection, MaxIterations: 20, Tolerance: 1e-12);
            SolverResult plain = IterativeSolver.Solve(p.Sensing, p.Labels, options);
            var recording = new Recording();
            SolverResult probed = recording.Solve(p.Sensing, p.Labels, options);
            bool same = plain.Status == probed.Status && Same(plain.Weights, probed.Weights) && plain.Trace.SequenceEqual(probed.Trace);
            return same.Label($"{plain.Status}/{probed.Status}, {plain.Iterations}/{probed.Iterations} iterations, weights identical: {Same(plain.Weights, probed.Weights)}; {c}")
                .Classify(recording.Events.Any(e => e.Count > 0), "events seen")
                .Collect(c.Solver);
        });

    // ───────────────────────────── helpers ─────────────────────────────

    /// <summary>Rows, iterates (index 0 is w = 0) and the probe's events of each iteration of one solve.</summary>
    private sealed class Recording(Action? onRow = null)
    {
        private List<StepEvent> _pending = [];

        public List<TraceRow> Rows { get; } = [];

        public List<SparseVector> Iterates { get; } = [];

        public List<List<StepEvent>> Events { get; } = [];

        public SolverResult? Result { get; private set; }

        public SolverResult Solve(SensingOperator sensing, double[] labels, SolverOptions options)
        {
            Iterates.Add(SparseVector.Zero(sensing.Columns));
            return Result = IterativeSolver.Solve(sensing, labels, options, (row, w) =>
            {
                onRow?.Invoke();
                Rows.Add(row);
                Iterates.Add(w);
                Events.Add(_pending);
                _pending = [];
            }, e => _pending.Add(e));
        }
    }

    private static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);

    private static double Relative(double actual, double expected) =>
        actual == expected ? 0 : Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), double.Epsilon);

    private static double Norm(ReadOnlySpan<double> v)
    {
        double sum = 0;
        foreach (double x in v)
        {
            sum += x * x;
        }

        return Math.Sqrt(sum);
    }

    private static bool Same(SparseVector a, SparseVector b) =>
        a.Length == b.Length && a.Indices.SequenceEqual(b.Indices) && Closeness.BitIdentical(a.Values, b.Values);

    private static bool SameSupport(SparseVector a, SparseVector b) => a.Indices.SequenceEqual(b.Indices);

    private static bool SameSupport(SparseVector a, int[] s) => a.Indices.SequenceEqual(s);

    /// <summary>r = A w − y with the oracle.</summary>
    private static double[] Residual(DenseMatrixOperator a, SparseVector w, double[] y) => RestrictedResidual(a, w.Indices.ToArray(), w.Values, y);

    private static double[] RestrictedResidual(DenseMatrixOperator a, int[] support, ReadOnlySpan<double> z, double[] y)
    {
        var r = new double[a.Rows];
        a.RestrictedForward(support, z, r);
        for (int i = 0; i < r.Length; i++)
        {
            r[i] -= y[i];
        }

        return r;
    }

    private static double Objective(DenseMatrixOperator a, int[] support, ReadOnlySpan<double> z, double[] y) =>
        RestrictedResidual(a, support, z, y).Sum(x => x * x);

    /// <summary>Rounding allowance for F(z) = ‖A_T z − y‖²: δ = 1e−12·(‖y‖ + |A_T||z| summed), and 2‖r‖δ + δ² + 1e−12·F.</summary>
    private static double ObjectiveTolerance(DenseMatrixOperator a, int[] support, ReadOnlySpan<double> z, double[] y)
    {
        double[] magnitude = Closeness.ForwardMagnitude(a, support, z);
        double delta = 1e-12 * (Norm(y) + Norm(magnitude));
        double f = Objective(a, support, z, y);
        return 2 * Math.Sqrt(f) * delta + delta * delta + 1e-12 * f;
    }

    private static double FrobeniusNorm(DenseMatrixOperator a, int[] support)
    {
        double sum = 0;
        foreach (int j in support)
        {
            for (int i = 0; i < a.Rows; i++)
            {
                sum += a[i, j] * a[i, j];
            }
        }

        return Math.Sqrt(sum);
    }

    /// <summary>‖g_S‖²/‖A_S g_S‖² (0 when either vanishes).</summary>
    private static double NormalisedStep(DenseMatrixOperator a, int[] s, double[] g)
    {
        double[] gs = s.Select(j => g[j]).ToArray();
        double numerator = gs.Sum(x => x * x);
        var image = new double[a.Rows];
        a.RestrictedForward(s, gs, image);
        double denominator = image.Sum(x => x * x);
        return numerator > 0 && denominator > 0 ? numerator / denominator : 0;
    }

    /// <summary>
    /// Relative tolerance for μ = ‖g_S‖²/‖A_S g_S‖² computed by the solver (its own residual and gradient kernels) and
    /// by the oracle: each entry of g_S may differ by δg = 1e−13·|A_S|ᵀ(|A||w| + |y| + |r|), and μ moves by at most
    /// 4(‖δg‖/‖g_S‖)(1 + ‖A_S‖_F‖g_S‖/‖A_S g_S‖) relative (large once g_S is itself at rounding level).
    /// </summary>
    private static double StepTolerance(DenseMatrixOperator a, SparseVector w, int[] s, double[] g, double[] r, double[] y)
    {
        double[] magnitude = Closeness.ForwardMagnitude(a, w.Indices, w.Values);
        for (int i = 0; i < magnitude.Length; i++)
        {
            magnitude[i] += Math.Abs(y[i]) + Math.Abs(r[i]);
        }

        double[] deltaG = Closeness.AdjointMagnitude(a, s, magnitude).Select(x => 1e-13 * x).ToArray();
        double[] gs = s.Select(j => g[j]).ToArray();
        var image = new double[a.Rows];
        a.RestrictedForward(s, gs, image);
        double gNorm = Norm(gs), imageNorm = Norm(image);
        if (!(gNorm > 0 && imageNorm > 0))
        {
            return double.PositiveInfinity;
        }

        return 1e-9 + 4 * (Norm(deltaG) / gNorm) * (1 + FrobeniusNorm(a, s) * gNorm / imageNorm);
    }

    /// <summary>ω = (1 − c)‖w⁺ − w‖²/‖A(w⁺ − w)‖² and a relative tolerance for comparing with the solver's (which forms A(w⁺ − w) as a difference of residuals).</summary>
    private static (double Omega, double Tolerance) Omega(DenseMatrixOperator a, SparseVector w, SparseVector next, double[] y)
    {
        double[] d = next.ToDense();
        for (int t = 0; t < w.Count; t++)
        {
            d[w.Indices[t]] -= w.Values[t];
        }

        SparseVector diff = SparseVector.FromDense(d);
        double[] image = a.Forward(diff);
        double moved = diff.Values.ToArray().Sum(x => x * x);
        double imageNorm = Norm(image);
        double omega = imageNorm > 0 ? (1 - OmegaC) * moved / (imageNorm * imageNorm) : double.PositiveInfinity;
        double residuals = Norm(Residual(a, w, y)) + Norm(Residual(a, next, y)) + Norm(y);
        double tolerance = 1e-9 + (imageNorm > 0 ? 1e-12 * residuals / imageNorm : 0);
        return (omega, tolerance);
    }

    /// <summary>True when S holds min(k, nnz g) indices none of whose |g| falls below a dropped one's (up to 1e−9 relative).</summary>
    private static bool IsTopK(double[] g, int[] s, int k)
    {
        int nonzeros = g.Count(x => x != 0);
        if (s.Length != Math.Min(k, nonzeros))
        {
            return false;
        }

        var kept = new HashSet<int>(s);
        double largest = g.Max(Math.Abs);
        double smallestKept = s.Length == 0 ? double.PositiveInfinity : s.Min(j => Math.Abs(g[j]));
        double largestDropped = Enumerable.Range(0, g.Length).Where(j => !kept.Contains(j)).Select(j => Math.Abs(g[j])).DefaultIfEmpty(0).Max();
        return smallestKept >= largestDropped - 1e-9 * largest;
    }

    private static string Show(int[] s) => "{" + string.Join(" ", s) + "}";

    private static string ShowTrace(IReadOnlyList<TraceRow> trace) =>
        string.Join(" ", trace.Select(r => $"[{r.Iteration}: res {r.RelativeResidual:G6}, +{r.SupportChanges}, nnz {r.Nonzeros}]"));
}
