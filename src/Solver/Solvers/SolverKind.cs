using SparseIhtVerify.Solver.Algorithms;

namespace SparseIhtVerify.Solver.Solvers;

/// <summary>
/// One row of the <see cref="SolverCatalogue"/>: a member of the hard-thresholding family for
/// min ½‖Aw − y‖² s.t. ‖w‖₀ ≤ k (theory.md §2), what it reads from the driver and how it takes one step.
/// Rows are singletons, compared by reference; <see cref="Word"/> is the one spelling the command line, the JSON and
/// the sweep use.
/// </summary>
public sealed class SolverKind
{
    private readonly Func<IIterationStep> _createStep;
    private readonly Func<int, int> _candidates;

    internal SolverKind(string word, string summary, string source, bool usesFixedStep, bool usesInnerSteps, Func<IIterationStep> createStep, Func<int, int>? candidates = null)
    {
        Word = word;
        Summary = summary;
        Source = source;
        UsesFixedStep = usesFixedStep;
        UsesInnerSteps = usesInnerSteps;
        _createStep = createStep;
        _candidates = candidates ?? (k => k);
    }

    /// <summary>The lower-case name, e.g. <c>niht</c>.</summary>
    public string Word { get; }

    /// <summary>One line: the update it takes.</summary>
    public string Summary { get; }

    /// <summary>Where the algorithm is defined.</summary>
    public string Source { get; }

    /// <summary>
    /// Whether it takes a fixed step μ (<see cref="SolverOptions.Step"/>; by default 1/λ_max(A_T₀ᵀA_T₀) on the first support
    /// T₀ = supp H_k(Aᵀy)). Members that choose their own step reject a given one.
    /// </summary>
    public bool UsesFixedStep { get; }

    /// <summary>Whether it reads <see cref="SolverOptions.InnerSteps"/>.</summary>
    public bool UsesInnerSteps { get; }

    /// <summary>How many of the largest off-support gradient entries the step reads, for projection size k (k for most members).</summary>
    internal int Candidates(int k) => _candidates(k);

    /// <summary>A fresh step (steps may keep work buffers across the iterations of one run).</summary>
    internal IIterationStep CreateStep() => _createStep();

    /// <inheritdoc/>
    public override string ToString() => Word;
}
