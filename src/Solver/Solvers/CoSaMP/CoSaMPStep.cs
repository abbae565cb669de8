using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Thresholding;

namespace SparseIhtVerify.Solver.Solvers;

/// <summary>
/// CoSaMP (Needell &amp; Tropp 2009; Foucart &amp; Rauhut 2013, Algorithm CoSaMP) with g = Aᵀ(Aw − y):
/// U = supp w ∪ supp H_2k(g off supp w) (|U| ≤ 3k), b = argmin_z ‖A_U z − y‖ (<see cref="RestrictedLeastSquares"/>,
/// warm-started from w), w⁺ = H_k(b). U contains Foucart &amp; Rauhut's supp w ∪ L_2k(g): every entry of L_2k(g) off
/// supp w is among the 2k largest off it (equal magnitudes: the lower index, as everywhere). CoSaMP takes no gradient
/// step, so its trace rows carry step 0.
/// </summary>
internal sealed class CoSaMPStep : IIterationStep
{
    public StepOutcome Take(SolverState state)
    {
        SparseVector w = state.Weights;
        SparseVector candidates = state.Gradient.OffSupportTop;
        int[] merged = new int[w.Count + candidates.Count];
        w.Indices.CopyTo(merged);
        candidates.Indices.CopyTo(merged.AsSpan(w.Count));
        Array.Sort(merged);
        var start = new double[merged.Length];
        for (int t = 0, u = 0; t < w.Count; t++)
        {
            while (merged[u] != w.Indices[t])
            {
                u++;
            }

            start[u] = w.Values[t];
        }

        double[] coefficients = RestrictedLeastSquares.Solve(state.Operator, merged, state.Labels, start);
        SparseVector next = HardThreshold.Apply(w.Length, merged, coefficients, state.Projection);
        return new StepOutcome(next, state.ResidualOf(next), 0.0);
    }
}
