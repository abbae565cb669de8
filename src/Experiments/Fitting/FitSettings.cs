using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;

namespace SparseIhtVerify.Experiments.Fitting;

/// <summary>Settings of a fit of a sparse two-layer ReLU network to (X, y).</summary>
/// <param name="Nonzeros">The candidate sparsities s (one, or several for <paramref name="Validation"/> to choose among), each in [1, p·d].</param>
/// <param name="Solver">
/// Solver settings, as for a recovery; their <see cref="SolverOptions.Projection"/> is not read: each candidate s is solved
/// with k = <paramref name="Projection"/>, or k = s when that is null.
/// </param>
/// <param name="Projection">The projection size k (≥ every candidate s), or null for k = s.</param>
/// <param name="Width">p: the number of random generators h_j ~ N(0, I_d) when the request brings no dictionary (≥ 1).</param>
/// <param name="Rule">The gates' pattern rule.</param>
/// <param name="Validation">How s is chosen when there are several candidates.</param>
/// <param name="Holdout">The fraction of rows held out for validation, in (0, 1), chosen by the seed; null: none (all rows train, or the request's test set validates).</param>
/// <param name="Debias">Refit the weights by least squares on the final support (as HTP does each step).</param>
/// <param name="Seed">Seed of the random generators, the held-out rows, the folds and the solver's own draws.</param>
/// <param name="Backend">The operator's kernels (null: <see cref="KernelBackendCatalogue.Automatic"/>); results do not depend on it.</param>
public sealed record FitSettings(
    IReadOnlyList<int> Nonzeros,
    SolverOptions Solver,
    int? Projection = null,
    int Width = 64,
    PatternRule Rule = PatternRule.GreaterOrEqual,
    Validation Validation = null!,
    double? Holdout = null,
    bool Debias = false,
    long Seed = 0,
    IKernelBackend? Backend = null)
{
    /// <summary>How s is chosen (<see cref="Validation.None"/> when none was given).</summary>
    public Validation Validation { get; init; } = Validation ?? Validation.None;

    /// <summary>The solver settings for candidate <paramref name="nonzeros"/>: k = <see cref="Projection"/> or s, and the fit's seed.</summary>
    public SolverOptions SolverFor(int nonzeros) => Solver with { Projection = Projection ?? nonzeros, Seed = Seed };
}
