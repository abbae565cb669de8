using SparseIhtVerify.Solver.Kernels;

using SparseIhtVerify.Solver.Algorithms;

namespace SparseIhtVerify.Solver.Solvers;

/// <summary>
/// Normalised IHT (Blumensath &amp; Davies 2010). With S = supp w (or supp H_k(g) when w = 0) the step is
/// μ = ‖g_S‖² / ‖A_S g_S‖². If the new support differs from S, the step is accepted only when
/// μ ≤ ω = (1 − c)‖w⁺ − w‖² / ‖A(w⁺ − w)‖²; otherwise μ ← μ / (κ(1 − c)) and the step is retaken
/// (c = 0.01, κ = 2, as recommended there).
/// </summary>
internal sealed class NihtStep : IIterationStep
{
    private const double C = 0.01;
    private const double Kappa = 2.0;
    private const int MaxShrinks = 60;

    public StepOutcome Take(SolverState state)
    {
        (double step, int[] support) = NormalisedStep(state);
        if (double.IsNaN(step))
        {
            return new StepOutcome(state.Weights, state.Residual, step);
        }

        SparseVector next = state.Gradient.ThresholdedStep(state.Weights, step, state.Projection);
        double[] residual = state.ResidualOf(next);
        for (int shrink = 0; shrink < MaxShrinks && !next.Indices.SequenceEqual(support); shrink++)
        {
            double moved = next.DistanceTo(state.Weights);
            double image = 0;
            for (int i = 0; i < residual.Length; i++)
            {
                double diff = residual[i] - state.Residual[i];
                image += diff * diff;
            }

            double omega = image > 0 ? (1 - C) * moved * moved / image : double.PositiveInfinity;
            state.Probe?.Invoke(new NihtTrial(shrink, step, support, next, omega, step <= omega));
            if (step <= omega)
            {
                break;
            }

            step /= Kappa * (1 - C);
            next = state.Gradient.ThresholdedStep(state.Weights, step, state.Projection);
            residual = state.ResidualOf(next);
        }

        return new StepOutcome(next, residual, step);
    }

    /// <summary>
    /// μ = ‖g_S‖² / ‖A_S g_S‖² and the support S it was computed on (0 when A_S g_S vanishes, which in exact
    /// arithmetic happens only with g_S = 0, since ‖A_S g_S‖² = 0 implies ‖g_S‖² = rᵀA_S g_S = 0; NaN when either
    /// norm is not finite, e.g. ‖A_S g_S‖² overflowing, so that the driver stops the solve as NonFinite).
    /// </summary>
    public static (double Step, int[] Support) NormalisedStep(SolverState state)
    {
        ReadOnlySpan<int> support;
        ReadOnlySpan<double> gradient;
        if (state.Weights.Count > 0)
        {
            support = state.Weights.Indices;
            gradient = state.Gradient.OnSupport;
        }
        else
        {
            support = state.Gradient.OffSupportTop.Indices;
            gradient = state.Gradient.OffSupportTop.Values;
        }

        double numerator = VectorKernels.SumOfSquares(gradient);
        var image = new double[state.Operator.Rows];
        state.Operator.RestrictedForward(support, gradient, image);
        double denominator = VectorKernels.SumOfSquares(image);
        double step = !double.IsFinite(numerator) || !double.IsFinite(denominator) ? double.NaN
            : denominator > 0 ? numerator / denominator : 0.0;
        return (step, support.ToArray());
    }
}
