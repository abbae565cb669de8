using SparseIhtVerify.Solver;

namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>
/// The identifiability check's finding: <see cref="Status"/> and how it was shown (<see cref="Method"/>); for
/// <see cref="IdentifiabilityStatus.NotUnique"/> the verified pair of distinct s-sparse vectors with (numerically) one image,
/// ‖A·<see cref="SecondSolution"/> − y‖/‖y‖ ≤ 1e−9 with y = A·<see cref="FirstSolution"/> or the labels.
/// </summary>
/// <param name="Status">Unique, not certified, or not unique.</param>
/// <param name="Method">How the status was shown (<see cref="IdentifiabilityMethod.None"/> when not certified).</param>
/// <param name="Question">Uniqueness of the solution of Aw = y (planted w*), or injectivity of A on s-sparse vectors (no w*).</param>
/// <param name="AlphaWitness">Witness α_2s (an upper bound).</param>
/// <param name="AlphaCertified">Certified α_2s (a lower bound), when available.</param>
/// <param name="Tolerance">τ: a certified α_2s must exceed it to count as positive (rounding of G = AᵀA/n).</param>
/// <param name="DependentColumns">
/// When the witness α_2s ≤ τ: the columns where the right singular vector of σ_min(A_S) on the witness support S is not
/// negligible (|v_i| &gt; 1e−6·max|v|); else empty. They are (nearly) dependent, which by itself shows nothing about uniqueness.
/// </param>
/// <param name="FirstSolution">The vector the second one differs from: w* (or the first s-sparse solution found, when w* does not solve), or u; null if none.</param>
/// <param name="SecondSolution">When not unique: w₂ (or u′), s-sparse, ≠ <paramref name="FirstSolution"/>, verified; else null.</param>
/// <param name="SecondSolutionRelativeResidual">‖Aw₂ − y‖/‖y‖ by a forward product (‖Au − Au′‖/max(‖Au‖, ‖Au′‖) without w*).</param>
/// <param name="SecondSolutionDistance">‖w₂ − w*‖ (‖u − u′‖ = ‖v‖ without w*).</param>
/// <param name="SecondSolutionRelativeDistance">‖w₂ − w*‖/‖w*‖ (‖u − u′‖/‖u‖ without w*).</param>
/// <param name="SupportsSearched">Supports the exhaustive search examined (0 when it did not run).</param>
/// <param name="Explanation">One sentence stating exactly what was shown.</param>
public sealed record IdentifiabilityReport(
    IdentifiabilityStatus Status,
    IdentifiabilityMethod Method,
    IdentifiabilityQuestion Question,
    double AlphaWitness,
    double? AlphaCertified,
    double Tolerance,
    IReadOnlyList<int> DependentColumns,
    SparseVector? FirstSolution,
    SparseVector? SecondSolution,
    double? SecondSolutionRelativeResidual,
    double? SecondSolutionDistance,
    double? SecondSolutionRelativeDistance,
    int SupportsSearched,
    string Explanation);
