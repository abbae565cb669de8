namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>The identifiability check.</summary>
/// <param name="Status">Certified, estimated, or not identifiable.</param>
/// <param name="AlphaWitness">Witness α_2s (upper bound).</param>
/// <param name="AlphaCertified">Certified α_2s (lower bound), when available.</param>
/// <param name="DependentColumns">When not identifiable: columns of a null vector of A (|supp| ≤ 2s).</param>
/// <param name="SecondSolution">When one could be built: an s-sparse w ≠ w* with Aw = y (dense, length N), else null.</param>
/// <param name="SecondSolutionRelativeResidual">‖A w₂ − y‖/‖y‖ of <paramref name="SecondSolution"/>.</param>
/// <param name="Explanation">One sentence.</param>
public sealed record IdentifiabilityReport(
    IdentifiabilityStatus Status,
    double AlphaWitness,
    double? AlphaCertified,
    IReadOnlyList<int> DependentColumns,
    SparseIhtVerify.Solver.SparseVector? SecondSolution,
    double? SecondSolutionRelativeResidual,
    string Explanation);
