using MathNet.Numerics.LinearAlgebra;

namespace SparseIhtVerify.Theory.Constants;

/// <summary>
/// Certified bounds on α_L and β_L of G = AᵀA/n from the full Gram, over all supports of size L that contain a
/// required set R (R = ∅ for uniform constants): every eigenvalue of G_S lies in some Gershgorin interval
/// [G_ii − r_i, G_ii + r_i], r_i = Σ_{j∈S, j≠i} |G_ij| ≤ Σ_{j∈R, j≠i} |G_ij| + (the L − |R| − [i∉R] largest free |G_ij|),
/// combined with λ_min(G) ≤ λ_min(G_S) ≤ λ_max(G_S) ≤ λ_max(G) (interlacing) and α ≥ 0 (G_S is positive semidefinite).
/// Computed eigenvalues and sums are within τ = N·ε·‖G‖ of the exact ones (<see cref="RestrictedConstantEstimator.RoundingTolerance"/>),
/// so both bounds are widened by τ before they are called proven: a singular G_S whose λ_min is computed as 1e−17 gets α ≥ 0, not α ≥ 1e−17.
/// </summary>
public static class GramCertificate
{
    /// <summary>(a lower bound of α_L, an upper bound of β_L) over supports of size <paramref name="level"/> containing <paramref name="required"/>.</summary>
    public static (double AlphaLower, double BetaUpper) Certify(Matrix<double> gram, IReadOnlyList<int> required, int level)
    {
        int size = gram.RowCount;
        var isRequired = new bool[size];
        foreach (int r in required)
        {
            isRequired[r] = true;
        }

        double alpha = double.PositiveInfinity, beta = double.NegativeInfinity;
        var free = new double[size];
        for (int i = 0; i < size; i++)
        {
            int slots = level - required.Count - (isRequired[i] ? 0 : 1);
            if (slots < 0)
            {
                continue;
            }

            double radius = 0;
            int count = 0;
            for (int j = 0; j < size; j++)
            {
                if (j == i)
                {
                    continue;
                }

                if (isRequired[j])
                {
                    radius += Math.Abs(gram[i, j]);
                }
                else
                {
                    free[count++] = Math.Abs(gram[i, j]);
                }
            }

            Span<double> candidates = free.AsSpan(0, count);
            candidates.Sort();
            for (int t = 0; t < Math.Min(slots, count); t++)
            {
                radius += candidates[count - 1 - t];
            }

            alpha = Math.Min(alpha, gram[i, i] - radius);
            beta = Math.Max(beta, gram[i, i] + radius);
        }

        (double min, double max) = SymmetricEigenvalues.Extremes(gram);
        double lower = Math.Max(alpha, min), upper = Math.Min(beta, max);
        double tolerance = RestrictedConstantEstimator.RoundingTolerance(size, Math.Max(Math.Abs(upper), Math.Abs(max)));
        return (Math.Max(0, lower - tolerance), upper + tolerance);
    }
}
