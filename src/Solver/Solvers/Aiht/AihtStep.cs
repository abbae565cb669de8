using SparseIhtVerify.Solver.Kernels;

using SparseIhtVerify.Solver.Algorithms;

namespace SparseIhtVerify.Solver.Solvers;

/// <summary>
/// Accelerated IHT as in the reference code (theory.md §2): the normalised step μ of NIHT, the thresholded
/// gradient step x̃ = H_k(w − μ g) over all blocks (no ω test), then K gradient steps restricted to T = supp x̃
/// with Armijo backtracking on F(z) = ‖A_T z − y‖²: accept z' = z − μ g_T if F(z') ≤ F(z) − 0.9·μ‖g_T‖²,
/// else halve μ; after 11 rejected trials (10 halvings) revert to x̃. μ carries over between inner steps.
/// Deviation from the reference: on the first step (w = 0) μ is computed on supp H_k(g) as in NIHT, where the
/// reference uses μ = 1e−14. A non-finite inner gradient or image A_T g_T returns the step μ = NaN (the driver stops
/// the solve as NonFinite) instead of failing every trial on the NaN and reverting.
/// </summary>
internal sealed class AihtStep : IIterationStep
{
    private const double ArmijoFactor = 0.9;
    private const int MaxTrials = 11;

    // Work buffers reused across steps (length n, and k): a step allocates only its outputs.
    private double[] _residual = [], _trialResidual = [], _image = [];
    private double[] _z = [], _trial = [], _gradient = [];

    /// <remarks>
    /// Cost per inner step: one restricted adjoint A_Tᵀr and one restricted forward A_T g_T. By linearity,
    /// A_T(z − μ g_T) − y = r − μ·A_T g_T, so each Armijo trial costs O(n + |T|) instead of a forward product; the
    /// trial residuals are formed that way, and the returned residual is recomputed exactly as A_T z − y whenever a
    /// trial was accepted (the algorithm is the reference's; only roundings differ).
    /// </remarks>
    public StepOutcome Take(SolverState state)
    {
        (double step, _) = NihtStep.NormalisedStep(state);
        if (double.IsNaN(step))
        {
            return new StepOutcome(state.Weights, state.Residual, step);
        }

        SparseVector tilde = state.Gradient.ThresholdedStep(state.Weights, step, state.Projection);
        double[] tildeResidual = state.ResidualOf(tilde);
        double tildeObjective = VectorKernels.SumOfSquares(tildeResidual);
        state.Probe?.Invoke(new AihtThresholded(step, tilde, tildeObjective));

        ReadOnlySpan<int> support = tilde.Indices;
        int n = tildeResidual.Length, k = support.Length;
        Reserve(n, k);
        Span<double> z = _z.AsSpan(0, k), trial = _trial.AsSpan(0, k), gradient = _gradient.AsSpan(0, k);
        Span<double> residual = _residual.AsSpan(0, n), trialResidual = _trialResidual.AsSpan(0, n), image = _image.AsSpan(0, n);
        tilde.Values.CopyTo(z);
        tildeResidual.CopyTo(residual);
        double objective = tildeObjective;
        bool moved = false;
        for (int inner = 0; inner < state.Options.InnerSteps && k > 0; inner++)
        {
            state.Operator.RestrictedAdjoint(support, residual, gradient);
            double gradientNormSquared = VectorKernels.SumOfSquares(gradient);
            state.Operator.RestrictedForward(support, gradient, image);
            if (!double.IsFinite(gradientNormSquared) || !VectorKernels.AllFinite(image))
            {
                // Every trial would fail on the NaN and revert: stop the solve as NonFinite instead.
                return new StepOutcome(tilde, tildeResidual, double.NaN);
            }

            for (int attempt = 0; attempt < MaxTrials; attempt++)
            {
                for (int t = 0; t < k; t++)
                {
                    trial[t] = z[t] - step * gradient[t];
                }

                for (int i = 0; i < n; i++)
                {
                    trialResidual[i] = residual[i] - step * image[i];
                }

                double trialObjective = VectorKernels.SumOfSquares(trialResidual);
                bool accepted = trialObjective <= objective - ArmijoFactor * step * gradientNormSquared;
                state.Probe?.Invoke(new AihtTrial(inner, attempt, step, z.ToArray(), trial.ToArray(), objective, trialObjective, gradientNormSquared, accepted));
                if (accepted)
                {
                    Swap(ref z, ref trial);
                    Swap(ref residual, ref trialResidual);
                    objective = trialObjective;
                    moved = true;
                    break;
                }

                step /= 2;
                if (attempt == MaxTrials - 1)
                {
                    tilde.Values.CopyTo(z);
                    tildeResidual.CopyTo(residual);
                    objective = tildeObjective;
                    moved = false;
                }
            }
        }

        double[] values = z.ToArray();
        double[] finalResidual = moved ? state.ResidualOf(support, values) : tildeResidual;
        return new StepOutcome(SparseVector.FromSortedOwned(tilde.Length, support.ToArray(), values), finalResidual, step);
    }

    private static void Swap(ref Span<double> a, ref Span<double> b)
    {
        Span<double> t = a;
        a = b;
        b = t;
    }

    private void Reserve(int n, int k)
    {
        if (_residual.Length < n)
        {
            _residual = new double[n];
            _trialResidual = new double[n];
            _image = new double[n];
        }

        if (_z.Length < k)
        {
            _z = new double[k];
            _trial = new double[k];
            _gradient = new double[k];
        }
    }
}
