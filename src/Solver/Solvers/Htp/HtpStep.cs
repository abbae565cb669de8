using SparseIhtVerify.Solver.Algorithms;

namespace SparseIhtVerify.Solver.Solvers;

/// <summary>
/// Hard thresholding pursuit (Foucart 2011): T = supp H_k(w − μ g) with the fixed step μ, then
/// w_T = argmin_z ‖A_T z − y‖ (see <see cref="RestrictedLeastSquares"/>), w = 0 off T.
/// </summary>
internal sealed class HtpStep : IIterationStep
{
    public StepOutcome Take(SolverState state)
    {
        SparseVector selected = state.Gradient.ThresholdedStep(state.Weights, state.FixedStep, state.Projection);
        double[] values = RestrictedLeastSquares.Solve(state.Operator, selected.Indices, state.Labels, selected.Values);
        var next = SparseVector.FromSortedOwned(selected.Length, selected.Indices.ToArray(), values);
        return new StepOutcome(next, state.ResidualOf(next), state.FixedStep);
    }
}
