using SparseIhtVerify.Solver.Algorithms;

namespace SparseIhtVerify.Solver.Solvers;

/// <summary>IHT: w ← H_k(w − μ Aᵀ(Aw − y)) with the fixed step μ.</summary>
internal sealed class IhtStep : IIterationStep
{
    public StepOutcome Take(SolverState state)
    {
        SparseVector next = state.Gradient.ThresholdedStep(state.Weights, state.FixedStep, state.Projection);
        return new StepOutcome(next, state.ResidualOf(next), state.FixedStep);
    }
}
