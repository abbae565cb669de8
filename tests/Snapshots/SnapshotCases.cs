using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Solvers;

namespace SparseIhtVerify.Snapshots;

/// <summary>
/// The fixed table of snapshot cases. Each name is a snapshot file (<c>__snapshots__/&lt;name&gt;.snap</c>); adding a row
/// adds a snapshot, which strict mode (CI) refuses until its file is reviewed and committed. The expectation is what the
/// theory (docs/theory.md) leads us to expect; it is written into the snapshot so that a reviewer can hold
/// the numbers against it.
/// </summary>
public static class SnapshotCases
{
    /// <summary>The README's small planted instance: d = 10, m = 4, s = 8, n = 2000, seed 1.</summary>
    private static InstanceSettings Small(WeightDistribution weights) => new(10, 4, 8, 2000, 1, weights);

    /// <summary>The paper's sequential-convex setting at reduced scale: d = 20, n = 5000, random generators, uniform placement, N(0, 1) weights.</summary>
    private static InstanceSettings Paper(int width, int nonzeros, PatternRule rule = PatternRule.GreaterOrEqual) =>
        new(20, width, nonzeros, 5000, 0, WeightDistribution.Gaussian, KeepUnitsNonEmpty: false, Dictionary: DictionaryKind.Random, Rule: rule);

    /// <summary>SCP AIHT, 15 steps; the warm-up, the empty-block generator and the restart window are the defaults unless given.</summary>
    private static SolverSettings Scp(int nonzeros, EmptyGenerator? empty = null, int? warmup = null, int? restart = null) =>
        new(SolverCatalogue.Aiht, nonzeros, SolverMode.SequentialConvex, MaxIterations: 15, ScpWarmupSteps: warmup, EmptyGenerator: empty, ScpRestartWindow: restart);

    /// <summary>The audit command's embedded instance (AuditCommand.EmbeddedInstance): d = 20, m = 1, s = 5, n = 4000, ±1 weights, seed 0.</summary>
    private static readonly InstanceSettings AuditDefault = new(20, 1, 5, 4000, 0, WeightDistribution.Signs);

    /// <summary>Two units whose planted dictionary gets a copy of unit 0's generator (identical patterns).</summary>
    private static readonly InstanceSettings Duplicate = new(8, 2, 4, 400, 3, WeightDistribution.Signs, DuplicateUnit: 0);

    private static readonly GaussianSettings Gaussian = new(Rows: 265, Columns: 200, Sparsity: 5, Seed: 1);

    private const string GaussianExpectation = "converges to x (relative error ~0): n = 265 ≈ 10·s·ln N Gaussian measurements, well inside the RIP regime";

    public static IReadOnlyList<SnapshotCase> All { get; } =
    [
        // The Gaussian sanity operator with each solver (AIHT with K = 3 inner steps, as for the reference's sanity task).
        new GaussianRecoveryCase("gaussian-iht", GaussianExpectation, Gaussian, new SolverSettings(SolverCatalogue.Iht, 5)),
        new GaussianRecoveryCase("gaussian-niht", GaussianExpectation, Gaussian, new SolverSettings(SolverCatalogue.Niht, 5)),
        new GaussianRecoveryCase("gaussian-aiht", GaussianExpectation, Gaussian, new SolverSettings(SolverCatalogue.Aiht, 5, InnerSteps: 3)),
        new GaussianRecoveryCase("gaussian-htp", GaussianExpectation, Gaussian, new SolverSettings(SolverCatalogue.Htp, 5)),

        new GaussianRecoveryCase("gaussian-wide-niht", "converges: N = 10000 (three column chunks, so the threaded gradient pass runs), n = 461 ≈ 10·s·ln N",
            new GaussianSettings(Rows: 461, Columns: 10000, Sparsity: 5, Seed: 2), new SolverSettings(SolverCatalogue.Niht, 5)),

        // Planted dictionaries (h_j = u_j): A w* = y exactly; the README's instance converges with NIHT in 187 iterations.
        new NetworkRecoveryCase("planted-signs-niht", "converges to w* with the exact support (README: 187 iterations, error 3.68e-10)", Small(WeightDistribution.Signs), new SolverSettings(SolverCatalogue.Niht, 8)),
        new NetworkRecoveryCase("planted-signs-iht", "fits y; IHT with the default unit step on the first support is slower than NIHT or may stall", Small(WeightDistribution.Signs), new SolverSettings(SolverCatalogue.Iht, 8)),
        new NetworkRecoveryCase("planted-signs-aiht", "converges to w* in fewer outer steps than NIHT", Small(WeightDistribution.Signs), new SolverSettings(SolverCatalogue.Aiht, 8)),
        new NetworkRecoveryCase("planted-signs-htp", "no catalogue guarantee holds for m ≥ 2 (δ ≈ 0.8, README), so recovery is not promised; HTP converges in few iterations if its first support is right", Small(WeightDistribution.Signs), new SolverSettings(SolverCatalogue.Htp, 8)),
        new NetworkRecoveryCase("planted-ones-niht", "converges to w* (binary weights, Assumption 1)", Small(WeightDistribution.Ones), new SolverSettings(SolverCatalogue.Niht, 8)),
        new NetworkRecoveryCase("planted-gaussian-niht", "converges to w* (N(0, 1) weights; small entries are found last)", Small(WeightDistribution.Gaussian), new SolverSettings(SolverCatalogue.Niht, 8)),
        new NetworkRecoveryCase("planted-gaussian-aiht-k16", "fits y with k = 2s; the support may hold up to 16 entries, precision can be below 1", Small(WeightDistribution.Gaussian), new SolverSettings(SolverCatalogue.Aiht, 16)),
        new NetworkRecoveryCase("planted-ones-htp-signed-outputs-gt", "converges to w*: output signs are absorbed into w_j; the > rule differs from >= only on exact zeros",
            Small(WeightDistribution.Ones) with { Outputs = OutputWeights.Signs, Rule = PatternRule.Greater }, new SolverSettings(SolverCatalogue.Htp, 8)),

        // planted+random: the planted blocks come first, random blocks carry no weight; A w* = y is still exact.
        new NetworkRecoveryCase("planted-random-signs-niht", "converges to w* on the planted blocks (p = 8, four decoy blocks)",
            Small(WeightDistribution.Signs) with { Dictionary = DictionaryKind.PlantedPlusRandom, ExtraUnits = 4 }, new SolverSettings(SolverCatalogue.Niht, 8)),
        new NetworkRecoveryCase("planted-random-gaussian-aiht", "converges to w* or nearly; eight decoy blocks",
            Small(WeightDistribution.Gaussian) with { Dictionary = DictionaryKind.PlantedPlusRandom, ExtraUnits = 8 }, new SolverSettings(SolverCatalogue.Aiht, 8)),
        new NetworkRecoveryCase("planted-random-wide-niht", "converges to w* among 396 decoy blocks (p = 400: six gradient chunks on two threads)",
            Small(WeightDistribution.Signs) with { Dictionary = DictionaryKind.PlantedPlusRandom, ExtraUnits = 396 }, new SolverSettings(SolverCatalogue.Niht, 8)),

        // Random dictionaries in convex mode: the fixed random patterns cannot represent the network.
        new NetworkRecoveryCase("random-gaussian-niht-convex", "does not recover: residual stays well above 0, weight error near or above 1",
            Small(WeightDistribution.Gaussian) with { Dictionary = DictionaryKind.Random }, new SolverSettings(SolverCatalogue.Niht, 8, MaxIterations: 300)),
        new NetworkRecoveryCase("random-signs-aiht-convex-extra16", "does not recover, even with 20 random blocks; fits y better than with 4",
            Small(WeightDistribution.Signs) with { Dictionary = DictionaryKind.Random, ExtraUnits = 16 }, new SolverSettings(SolverCatalogue.Aiht, 8, MaxIterations: 100)),
        new NetworkRecoveryCase("random-ones-htp-convex", "does not recover",
            Small(WeightDistribution.Ones) with { Dictionary = DictionaryKind.Random }, new SolverSettings(SolverCatalogue.Htp, 8, MaxIterations: 100)),

        // Sequential-convex AIHT as in the paper's experiments, at d = 20, n = 5000, 15 steps.
        new NetworkRecoveryCase("scp-m10-s10", "SCP AIHT, 15 steps from random generators: non-convex, no guarantee; the paper reports partial fits (PSNR of tens of dB), not exact recovery", Paper(10, 10), Scp(10)),
        new NetworkRecoveryCase("scp-m10-s50", "SCP AIHT, 15 steps: s = 50 of 200 positions; partial fit expected", Paper(10, 50), Scp(50)),
        new NetworkRecoveryCase("scp-m50-s10", "SCP AIHT, 15 steps: wide and very sparse (most of the 50 units are empty); partial fit expected", Paper(50, 10), Scp(10)),
        new NetworkRecoveryCase("scp-m50-s50", "SCP AIHT, 15 steps: wide, s = 50; partial fit expected", Paper(50, 50), Scp(50)),
        new NetworkRecoveryCase("scp-m400-s50", "SCP AIHT, 15 steps, m = 400 (six gradient chunks on two threads): partial fit",
            Paper(400, 50), Scp(50)),
        new NetworkRecoveryCase("scp-m50-s5-restart", "SCP AIHT, 15 steps, m = 50, s = 5: warm-up 0 stalls at an IHT fixed point (residual 0.55 without restarts); after one stalled step the solve restarts from w = 0 with warm-up 1 (run 1), which fits far better and is kept (docs/dead-units.md)",
            Paper(50, 5), Scp(5)),
        new NetworkRecoveryCase("scp-m10-s10-gt-rule", "as scp-m10-s10 with the reference code's empty blocks (rule >, h_j = 0) and no restarts: blocks zeroed by thresholding become dead (all-off) and never return",
            Paper(10, 10, PatternRule.Greater), Scp(10, EmptyGenerator.Zero, restart: 0)),
        new NetworkRecoveryCase("scp-m50-s10-geq-zero", "as scp-m50-s10 with the old defaults (rule >=, h_j = 0, warm-up 1, no restarts): the empty blocks are all-on, one linear block X repeated, and their tied gradients crowd the support (docs/dead-units.md)",
            Paper(50, 10), Scp(10, EmptyGenerator.Zero, warmup: 1, restart: 0)),
        new NetworkRecoveryCase("scp-m50-s10-redraw", "as scp-m50-s10 with a fresh random generator for every empty block (redraw): no all-on block, but many blocks can take the same coordinate",
            Paper(50, 10), Scp(10, EmptyGenerator.Redraw)),

        // Duplicate patterns: two blocks with identical patterns, so w* is not the only s-sparse solution.
        new NetworkRecoveryCase("duplicate-pattern-niht", "y has an exact 4-sparse representation (w*) but it is not unique (α_2s = 0) and no guarantee applies: any fit, or none",
            Duplicate, new SolverSettings(SolverCatalogue.Niht, 4)),

        // Audits.
        new AuditCase("audit-default", "the audit command's default: certified guarantees hold (FR13, F10, F11, X23), BD09 and JTK14 fail; unique (certified); consistent",
            AuditDefault, new AuditSettings(5)),
        new AuditCase("audit-default-restricted", "as audit-default with support-restricted constants (supports ⊇ S*): no worse than uniform, guarantees hold",
            AuditDefault, new AuditSettings(5, RestrictToSupport: true)),
        new AuditCase("audit-gaussian-k10", "one unit with N(0, 1) weights and a user projection k = 2s: the k = s rows as for the default instance",
            AuditDefault with { Weights = WeightDistribution.Gaussian, Seed = 5 }, new AuditSettings(10)),
        new AuditCase("audit-width2", "README: two units break every catalogue condition (δ ≈ 0.8): no certified guarantee; still unique (certified)",
            new InstanceSettings(20, 2, 4, 4000, 0, WeightDistribution.Signs), new AuditSettings(4)),
        new AuditCase("audit-duplicate-pattern", "not unique: α_2s = 0 (identical patterns) and a verified second s-sparse solution with residual 0",
            Duplicate, new AuditSettings(4)),
        new AuditCase("audit-random-dictionary", "model check: the random dictionary cannot represent y with s nonzeros",
            new InstanceSettings(10, 2, 4, 2000, 2, WeightDistribution.Gaussian, Dictionary: DictionaryKind.Random), new AuditSettings(4)),
        new AuditCase("audit-planted-random-restricted", "planted+random with support-restricted constants: more decoy columns, verdicts judged on supports ⊇ S*",
            new InstanceSettings(12, 1, 3, 3000, 4, WeightDistribution.Ones, Dictionary: DictionaryKind.PlantedPlusRandom, ExtraUnits: 1), new AuditSettings(3, RestrictToSupport: true)),
    ];

    /// <summary>The case called <paramref name="name"/>.</summary>
    public static SnapshotCase Named(string name) => All.Single(c => c.Name == name);
}
