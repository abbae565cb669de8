using SparseIhtVerify.Solver;

namespace SparseIhtVerify.Theory.Representation;

/// <summary>Whether y lies (numerically) in the range of an s-sparse Aw for this dictionary.</summary>
/// <param name="Sparsity">s.</param>
/// <param name="ResidualFloor">The smallest ‖Aw − y‖/‖y‖ over the s-sparse fits found.</param>
/// <param name="BestSolver">The solver that found it.</param>
/// <param name="Representable">Floor ≤ <see cref="ModelCheck.RepresentableTolerance"/>.</param>
/// <param name="Attempts">Each attempt: solver, status, relative residual, iterations.</param>
/// <param name="Explanation">One sentence for people.</param>
/// <param name="BestFit">The s-sparse w of the floor (the known candidate when it is the best).</param>
public sealed record ModelCheckReport(
    int Sparsity,
    double ResidualFloor,
    string BestSolver,
    bool Representable,
    IReadOnlyList<(string Solver, string Status, double RelativeResidual, int Iterations)> Attempts,
    string Explanation,
    SparseVector BestFit);
