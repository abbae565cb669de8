using SparseIhtVerify.Solver;

namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>
/// A verified counterexample to uniqueness: distinct s-sparse <see cref="First"/> ≠ <see cref="Second"/> whose images agree,
/// ‖A·Second − y‖ ≤ 1e−9·‖y‖ by a forward product (y the labels, or A·First for the dictionary question).
/// </summary>
/// <param name="First">w* (or the first solution found), or u.</param>
/// <param name="Second">w₂, or u′.</param>
/// <param name="Residual">The verified relative residual (relative image difference).</param>
/// <param name="Method">The dependency it was built from.</param>
/// <param name="Origin">That dependency in words, e.g. "moving block 0's weights onto block 2 (identical activation patterns)".</param>
internal sealed record SecondSolutionCandidate(SparseVector First, SparseVector Second, double Residual, IdentifiabilityMethod Method, string Origin);
