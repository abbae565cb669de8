using SparseIhtVerify.Experiments.Baselines;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Solvers;

namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>
/// Everything besides the grid that determines a sweep's results; every cell uses the same settings. Settings that
/// cannot change a result (threads, cells in parallel, the success threshold of the plots) are not here.
/// </summary>
/// <param name="Weights">Planted weight values.</param>
/// <param name="Outputs">Planted output weights.</param>
/// <param name="KeepUnitsNonEmpty">One nonzero per unit first: true, false, or null for "auto" (yes when s ≥ m, per cell).</param>
/// <param name="Dictionary">Generators of the solvers' operator.</param>
/// <param name="ExtraUnits">Random generators beyond the m units.</param>
/// <param name="Rule">Pattern rule.</param>
/// <param name="Mode">Convex or sequential-convex.</param>
/// <param name="Projection">Projection size k for every cell (≥ every s; capped at the cell's p·d unknowns), or null for k = s per cell.</param>
/// <param name="Step">Fixed step of iht/htp, or null for the solver's default.</param>
/// <param name="MaxIterations">Iteration limit of the hard-thresholding solvers.</param>
/// <param name="Tolerance">Relative-residual tolerance.</param>
/// <param name="ScpWarmupSteps">SCP warm-up steps.</param>
/// <param name="ScpRestartWindow">SCP: stalled steps that start a restart with one more warm-up step (0: none; <see cref="SolverOptions.ScpRestartWindow"/>).</param>
/// <param name="EmptyGenerator">SCP: the generator of a block whose weights are all zero.</param>
/// <param name="InnerSteps">AIHT inner steps.</param>
/// <param name="Imp">The IMP baseline's settings (its seed is replaced by each row's seed).</param>
/// <param name="AuditSupports">With an audit: supports evaluated per level.</param>
public sealed record SweepSettings(
    WeightDistribution Weights = WeightDistribution.Gaussian,
    OutputWeights Outputs = OutputWeights.Positive,
    bool? KeepUnitsNonEmpty = null,
    DictionaryKind Dictionary = DictionaryKind.Planted,
    int ExtraUnits = 0,
    PatternRule Rule = PatternRule.GreaterOrEqual,
    SolverMode Mode = SolverMode.Convex,
    int? Projection = null,
    double? Step = null,
    int MaxIterations = 1000,
    double Tolerance = 1e-10,
    int ScpWarmupSteps = 0,
    int ScpRestartWindow = 1,
    EmptyGenerator EmptyGenerator = EmptyGenerator.RedrawOne,
    int InnerSteps = 10,
    ImpOptions? Imp = null,
    int AuditSupports = 200)
{
    /// <summary>The IMP settings in force.</summary>
    public ImpOptions ImpSettings => Imp ?? new ImpOptions();

    /// <summary>The planted instance of <paramref name="cell"/> and <paramref name="seed"/>.</summary>
    public PlantedNetworkSpec Spec(SweepCell cell, long seed) => new(
        cell.Inputs, cell.Width, cell.Nonzeros, cell.Samples, seed, Weights, Outputs,
        KeepUnitsNonEmpty ?? cell.Nonzeros >= cell.Width);

    /// <summary>The recovery experiment of a hard-thresholding <paramref name="solver"/> on a cell and seed.</summary>
    public RecoveryRequest Request(SweepCell cell, long seed, SolverKind solver, int threads) => new(
        Spec(cell, seed), Dictionary, ExtraUnits, Rule,
        new SolverOptions(
            Solver: solver,
            Projection: Projection is int k ? (int)Math.Min(k, (long)(cell.Width + ExtraUnits) * cell.Inputs) : cell.Nonzeros,
            Step: solver.UsesFixedStep ? Step : null,
            MaxIterations: MaxIterations,
            Tolerance: Tolerance,
            Mode: Mode,
            ScpWarmupSteps: ScpWarmupSteps,
            ScpRestartWindow: ScpRestartWindow,
            EmptyGenerator: EmptyGenerator,
            Seed: seed,
            InnerSteps: InnerSteps,
            Parallelism: threads));

    /// <summary>The IMP settings of one row.</summary>
    public ImpOptions ImpFor(long seed) => ImpSettings with { Seed = seed };

    /// <summary>Checks every feasible cell's settings before anything runs; throws <see cref="InvalidSettingException"/>.</summary>
    public void Validate(SweepGrid grid)
    {
        InvalidSettingException.RequireAtLeast("audit-supports", AuditSupports, 1);
        InvalidSettingException.RequireAtLeast("extra-units", ExtraUnits, 0);
        if (Dictionary == DictionaryKind.Planted && ExtraUnits > 0)
        {
            throw new InvalidSettingException("extra-units", $"must be 0 with the planted dictionary (the planted+random dictionary adds random generators), got {ExtraUnits}");
        }

        if (Dictionary == DictionaryKind.PlantedPlusRandom && ExtraUnits < 1)
        {
            throw new InvalidSettingException("extra-units", $"must be at least 1 with the planted+random dictionary, got {ExtraUnits}");
        }

        if (Projection is int k && k < grid.Nonzeros[^1])
        {
            throw new InvalidSettingException("projection", $"must be at least the largest nonzeros s = {grid.Nonzeros[^1]}, or be left unset (k = s per cell), got {k}");
        }

        if (Step is not null && !grid.Methods.Any(m => m.Solver?.UsesFixedStep == true))
        {
            throw new InvalidSettingException("step", $"applies to {SolverCatalogue.Words(s => s.UsesFixedStep, " and ")} only, and the methods include none of them");
        }

        ImpSettings.Validate();
        foreach (SweepCell cell in grid.FeasibleCells)
        {
            Spec(cell, grid.Seeds[0]).Validate();
            foreach (SweepMethod method in grid.Methods)
            {
                if (method.Solver is SolverKind solver)
                {
                    Recovery.Validate(Request(cell, grid.Seeds[0], solver, 1));
                }
            }
        }
    }
}
