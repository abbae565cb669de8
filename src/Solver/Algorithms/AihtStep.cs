using SparseIhtVerify.Solver.Kernels;

namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>
/// Accelerated IHT as in the reference code (theory.md §2): the normalised step μ of NIHT, the thresholded
/// gradient step x̃ = H_k(w − μ g) over all blocks (no ω test), then K gradient steps restricted to T = supp x̃
/// with Armijo backtracking on F(z) = ‖A_T z − y‖²: accept z' = z − μ g_T if F(z') ≤ F(z) − 0.9·μ‖g_T‖²,
/// else halve μ; after 11 rejected trials (10 halvings) revert to x̃. μ carries over between inner steps.
/// Deviation from the reference: on the first step (w = 0) μ is computed on supp H_k(g) as in NIHT, where the
/// reference uses μ = 1e−14.
/// </summary>
internal sealed class AihtStep : IIterationStep
{
    private const double ArmijoFactor = 0.9;
    private const int MaxTrials = 11;

    public StepOutcome Take(SolverState state)
    {
        (double step, _) = NihtStep.NormalisedStep(state);
        SparseVector tilde = state.Gradient.ThresholdedStep(state.Weights, step, state.Projection);
        double[] tildeResidual = state.ResidualOf(tilde);
        double tildeObjective = VectorKernels.SumOfSquares(tildeResidual);

        ReadOnlySpan<int> support = tilde.Indices;
        double[] z = tilde.Values.ToArray();
        double[] residual = tildeResidual;
        double objective = tildeObjective;
        var gradient = new double[z.Length];
        var trial = new double[z.Length];
        for (int inner = 0; inner < state.Options.InnerSteps && z.Length > 0; inner++)
        {
            state.Operator.RestrictedAdjoint(support, residual, gradient);
            double gradientNormSquared = VectorKernels.SumOfSquares(gradient);
            for (int attempt = 0; attempt < MaxTrials; attempt++)
            {
                for (int t = 0; t < z.Length; t++)
                {
                    trial[t] = z[t] - step * gradient[t];
                }

                double[] trialResidual = state.ResidualOf(support, trial);
                double trialObjective = VectorKernels.SumOfSquares(trialResidual);
                if (trialObjective <= objective - ArmijoFactor * step * gradientNormSquared)
                {
                    (z, trial) = (trial, z);
                    residual = trialResidual;
                    objective = trialObjective;
                    break;
                }

                step /= 2;
                if (attempt == MaxTrials - 1)
                {
                    tilde.Values.CopyTo(z);
                    residual = tildeResidual;
                    objective = tildeObjective;
                }
            }
        }

        return new StepOutcome(SparseVector.FromSortedOwned(tilde.Length, support.ToArray(), z), residual, step);
    }
}
