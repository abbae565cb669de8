using SparseIhtVerify.Solver.Algorithms;

namespace SparseIhtVerify.Solver.Experiments.Sweep;

/// <summary>A method a sweep runs on every instance: a member of the hard-thresholding family, or the IMP baseline.</summary>
public enum SweepMethod
{
    /// <summary>IHT with a fixed step.</summary>
    Iht,

    /// <summary>Normalised IHT.</summary>
    Niht,

    /// <summary>Accelerated IHT as in the reference code.</summary>
    Aiht,

    /// <summary>Hard thresholding pursuit.</summary>
    Htp,

    /// <summary>Iterative magnitude pruning of a dense network (the paper's baseline, <see cref="Baselines.IterativeMagnitudePruning"/>).</summary>
    Imp,
}

/// <summary>Names of <see cref="SweepMethod"/> values as the command line and the results file spell them.</summary>
public static class SweepMethods
{
    /// <summary>The method word of the audit rows (one per cell and seed, not a solver).</summary>
    public const string AuditWord = "audit";

    /// <summary>Every method, in the canonical order results and plots use.</summary>
    public static IReadOnlyList<SweepMethod> All { get; } = [SweepMethod.Iht, SweepMethod.Niht, SweepMethod.Aiht, SweepMethod.Htp, SweepMethod.Imp];

    /// <summary>The lower-case word, e.g. <c>aiht</c>.</summary>
    public static string Word(SweepMethod method) => method.ToString().ToLowerInvariant();

    /// <summary>The method named <paramref name="word"/>, or null.</summary>
    public static SweepMethod? Parse(string word) => All.Cast<SweepMethod?>().FirstOrDefault(m => Word(m!.Value) == word);

    /// <summary>The solver of a hard-thresholding method, or null for IMP.</summary>
    public static SolverKind? Solver(SweepMethod method) => method switch
    {
        SweepMethod.Iht => SolverKind.Iht,
        SweepMethod.Niht => SolverKind.Niht,
        SweepMethod.Aiht => SolverKind.Aiht,
        SweepMethod.Htp => SolverKind.Htp,
        _ => null,
    };
}
