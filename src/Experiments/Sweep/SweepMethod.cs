using SparseIhtVerify.Experiments.Baselines;
using SparseIhtVerify.Solver.Solvers;

namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>
/// A method a sweep runs on every instance: a row of the <see cref="SolverCatalogue"/>, or the IMP baseline
/// (<see cref="IterativeMagnitudePruning"/>). Values are singletons, compared by reference; <see cref="Word"/> is the
/// one spelling of the command line, results.jsonl and the plots.
/// </summary>
public sealed class SweepMethod
{
    private SweepMethod(string word, SolverKind? solver)
    {
        Word = word;
        Solver = solver;
    }

    /// <summary>The method word of the audit rows (one per cell and seed, not a solver).</summary>
    public const string AuditWord = "audit";

    /// <summary>The lower-case word, e.g. <c>aiht</c>.</summary>
    public string Word { get; }

    /// <summary>The solver of a hard-thresholding method, or null for IMP.</summary>
    public SolverKind? Solver { get; }

    /// <summary>Iterative magnitude pruning of a dense network (the paper's baseline).</summary>
    public static SweepMethod Imp { get; } = new("imp", null);

    /// <summary>Every method, in the canonical order results and plots use: the solver catalogue's, then IMP.</summary>
    public static IReadOnlyList<SweepMethod> All { get; } = [.. SolverCatalogue.All.Select(s => new SweepMethod(s.Word, s)), Imp];

    /// <summary>The method that runs <paramref name="solver"/>.</summary>
    public static SweepMethod Of(SolverKind solver) => All.First(m => m.Solver == solver);

    /// <summary>The method named <paramref name="word"/>, or null.</summary>
    public static SweepMethod? Parse(string word) => All.FirstOrDefault(m => m.Word == word);

    /// <inheritdoc/>
    public override string ToString() => Word;
}
