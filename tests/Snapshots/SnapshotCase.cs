using System.Globalization;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Solvers;

namespace SparseIhtVerify.Snapshots;

/// <summary>
/// A planted instance: the network and data (as <see cref="PlantedNetworkSpec"/>), the dictionary that fixes the
/// patterns, and the pattern rule. With <see cref="DuplicateUnit"/> set, the planted dictionary gets one extra block,
/// a copy of that unit's generator: two blocks with identical patterns, so w* is not unique (a second s-sparse solution exists).
/// </summary>
public sealed record InstanceSettings(
    int Inputs,
    int Width,
    int Nonzeros,
    int Samples,
    long Seed,
    WeightDistribution Weights,
    OutputWeights Outputs = OutputWeights.Positive,
    bool KeepUnitsNonEmpty = true,
    DictionaryKind Dictionary = DictionaryKind.Planted,
    int ExtraUnits = 0,
    PatternRule Rule = PatternRule.GreaterOrEqual,
    int? DuplicateUnit = null)
{
    public PlantedNetworkSpec Spec => new(Inputs, Width, Nonzeros, Samples, Seed, Weights, Outputs, KeepUnitsNonEmpty);

    public string Describe()
    {
        string dictionary = DuplicateUnit is int j
            ? $"planted + a copy of unit {j}'s generator (p = {Width + 1})"
            : Dictionary switch
            {
                DictionaryKind.Planted => "planted",
                DictionaryKind.Random => $"random (p = {Width + ExtraUnits})",
                _ => $"planted+random (p = {Width + ExtraUnits})",
            };
        return string.Create(CultureInfo.InvariantCulture,
            $"planted d = {Inputs}, m = {Width}, s = {Nonzeros}, n = {Samples}, seed {Seed}, weights {Digits.Word(Weights)}, outputs {Digits.Word(Outputs)}, non-empty units {(KeepUnitsNonEmpty ? "yes" : "no")}; dictionary {dictionary}; pattern rule {(Rule == PatternRule.GreaterOrEqual ? ">=" : ">")}");
    }
}

/// <summary>The compressed-sensing sanity operator: n×N i.i.d. N(0, 1), an s-sparse Gaussian x from the seed's support stream.</summary>
public sealed record GaussianSettings(int Rows, int Columns, int Sparsity, long Seed)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"gaussian operator n = {Rows}, N = {Columns}, s = {Sparsity}, seed {Seed}");
}

/// <summary>
/// Solver settings of a case (everything but the parallelism, which the tests vary, and the seed, the instance's).
/// The SCP warm-up and the empty-block generator are the library's defaults unless given.
/// </summary>
public sealed record SolverSettings(
    SolverKind Solver,
    int Projection,
    SolverMode Mode = SolverMode.Convex,
    int MaxIterations = 500,
    double Tolerance = 1e-10,
    int InnerSteps = 10,
    double? Step = null,
    int? ScpWarmupSteps = null,
    EmptyGenerator? EmptyGenerator = null,
    int? ScpRestartWindow = null)
{
    public SolverOptions Options(int parallelism, long seed = 0)
    {
        var options = new SolverOptions(Solver, Projection, Step, MaxIterations, Tolerance, Mode, InnerSteps: InnerSteps, Seed: seed, Parallelism: parallelism);
        return options with
        {
            ScpWarmupSteps = ScpWarmupSteps ?? options.ScpWarmupSteps,
            EmptyGenerator = EmptyGenerator ?? options.EmptyGenerator,
            ScpRestartWindow = ScpRestartWindow ?? options.ScpRestartWindow,
        };
    }

    public string Describe()
    {
        SolverOptions o = Options(1);
        string scp = Mode == SolverMode.SequentialConvex ? $", warm-up {o.ScpWarmupSteps}, restart {(o.ScpRestartWindow > 0 ? $"after {o.ScpRestartWindow} stalled step{(o.ScpRestartWindow == 1 ? string.Empty : "s")}" : "never")}, empty generator {EmptyGenerators.Word(o.EmptyGenerator)}" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"solver {Solver.Word}, mode {(Mode == SolverMode.Convex ? "convex" : "scp")}, k = {Projection}, max {MaxIterations} iterations, tol {Tolerance:G3}{(Solver == SolverCatalogue.Aiht ? $", inner steps {InnerSteps}" : string.Empty)}{(Step is double mu ? $", step {mu:G6}" : string.Empty)}{scp}");
    }
}

/// <summary>
/// Audit settings. No time cap is set, so the support and work budgets and the iteration limits bind and the outcome
/// does not depend on the machine's speed.
/// </summary>
public sealed record AuditSettings(int Projection, int Supports = 2000, int Directions = 50, bool RestrictToSupport = false)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"audit k = {Projection}, budget {Supports} supports and {Directions} directions per level (no time cap), {(RestrictToSupport ? "support-restricted" : "uniform")} constants, model check within 500 iterations per solver");
}

/// <summary>One row of the snapshot table: a name (the snapshot's file name), what theory leads us to expect, and the settings.</summary>
public abstract record SnapshotCase(string Name, string Expectation)
{
    public override string ToString() => Name;

    public abstract IReadOnlyList<string> Settings { get; }
}

/// <summary>A planted network recovered by a solver (<c>recover</c>).</summary>
public sealed record NetworkRecoveryCase(string Name, string Expectation, InstanceSettings Instance, SolverSettings Solver) : SnapshotCase(Name, Expectation)
{
    public override IReadOnlyList<string> Settings => [Instance.Describe(), Solver.Describe()];
}

/// <summary>A sparse vector recovered from Gaussian measurements.</summary>
public sealed record GaussianRecoveryCase(string Name, string Expectation, GaussianSettings Operator, SolverSettings Solver) : SnapshotCase(Name, Expectation)
{
    public override IReadOnlyList<string> Settings => [Operator.Describe(), Solver.Describe()];
}

/// <summary>An audit of a planted instance (<c>audit</c>).</summary>
public sealed record AuditCase(string Name, string Expectation, InstanceSettings Instance, AuditSettings Audit) : SnapshotCase(Name, Expectation)
{
    public override IReadOnlyList<string> Settings => [Instance.Describe(), Audit.Describe()];
}
