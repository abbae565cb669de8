using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Theory.Constants;

namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>
/// Exhaustive search over every support T of one size, each decomposed from A_T itself (<see cref="SupportDecomposition"/>);
/// every residual is a forward product. Every s-sparse vector lies on some T of size min(s, N), so when all T are settled
/// nothing was missed. A support whose A_T holds a non-finite entry (σ_1 not finite) or whose fit is not finite is never settled.
/// <para>
/// With labels (size s): T is settled when the least-squares residual ‖A_T w_T − y‖/‖y‖ &gt; 1e−9 (no solution on T), or when
/// w_T is distinct from the reference (a second solution), or when A_T has full column rank, w_T ≈ w_ref, and
/// σ_min(A_T)·(1e−6‖w_ref‖ − ‖w_T − w_ref‖) &gt; 1e−9‖y‖ (every w on T at distance &gt; 1e−6‖w_ref‖ from w_ref has
/// ‖A_T w − y‖ ≥ σ_min‖w − w_T‖ &gt; 1e−9‖y‖). A rank-deficient A_T with zero residual has the solutions w_T + null(A_T):
/// one is built from the singular vector of σ_min and verified.
/// </para>
/// <para>
/// Without labels (size 2s): T is settled when σ_min(A_T) &gt; 1e−9·σ_max(A_T), since then every v on T has
/// ‖Av‖ &gt; 1e−9·σ_max‖v‖ ≥ 1e−9·max(‖Au‖, ‖Au′‖) for its halves; otherwise the singular vector of σ_min is split and verified.
/// </para>
/// </summary>
internal static class ExhaustiveSupportSearch
{
    /// <summary>True when the C(N, k) supports (<paramref name="supports"/>) fit the budget and their work C·n·k² is at most <see cref="IdentifiabilityBudget.ExhaustiveWork"/>.</summary>
    public static bool Affordable(SensingOperator sensing, int size, IdentifiabilityBudget budget, out double supports)
    {
        supports = SupportCombinatorics.Binomial(sensing.Columns, size);
        return supports <= budget.ExhaustiveSupports && supports * sensing.Rows * size * size <= IdentifiabilityBudget.ExhaustiveWork;
    }

    /// <summary>Searches every support of size min(s, N) for solutions of Aw = y (labels the collector holds).</summary>
    public static ExhaustiveOutcome Solutions(SensingOperator sensing, SecondSolutions pairs, double[] labels)
    {
        int columns = sensing.Columns, size = Math.Min(pairs.Sparsity, columns);
        int total = (int)Math.Round(SupportCombinatorics.Binomial(columns, size)), examined = 0;
        int[]? inconclusive = null;
        string? reason = null;
        foreach (int[] support in SupportCombinatorics.Combinations(columns, size, []))
        {
            examined++;
            SupportDecomposition svd = SupportDecomposition.Of(sensing, support);
            if (!svd.IsFinite)
            {
                (inconclusive, reason) = (inconclusive ?? support, reason ?? $"A_T on {IdentifiabilityText.Columns(support)} is not finite");
                continue;
            }

            var fit = SparseCombination.WithoutZeros(new SparseVector(columns, support, svd.LeastSquares(labels)));
            double residual = pairs.RelativeResidual(fit);
            if (residual > pairs.Tolerance)
            {
                continue;
            }

            string where = IdentifiabilityText.Columns(support);
            if (double.IsNaN(residual))
            {
                (inconclusive, reason) = (inconclusive ?? support, reason ?? $"the least-squares fit on {where} is not finite");
                continue;
            }

            pairs.Reference ??= fit;
            if (pairs.IsDistinct(fit))
            {
                if (pairs.Offer(fit, IdentifiabilityMethod.ExhaustiveSearch, $"least squares on the support {where} (exhaustive search)"))
                {
                    break;
                }

                (inconclusive, reason) = (inconclusive ?? support, reason ?? $"the solution on {where} could not be verified");
                continue;
            }

            if (svd.Rank < size)
            {
                foreach (SparseVector v in svd.NullVectorForms(columns))
                {
                    pairs.FromNullVector(v, IdentifiabilityMethod.ExhaustiveSearch, $"the null vector of A_T on the support {where} (exhaustive search)");
                }

                if (pairs.Found.Count > 0)
                {
                    break;
                }

                (inconclusive, reason) = (inconclusive ?? support, reason ?? $"A_T is rank-deficient on {where} but no solution built from its null vector verified");
                continue;
            }

            SparseVector reference = pairs.Reference;
            double gap = SecondSolutions.DistinctTolerance * reference.Norm() - fit.DistanceTo(reference);
            if (!(svd.Smallest * gap > pairs.Tolerance * pairs.LabelsNorm))
            {
                (inconclusive, reason) = (inconclusive ?? support, reason ?? $"σ_min(A_T) = {IdentifiabilityText.Number(svd.Smallest)} on {where} is too small to rule out other solutions within the tolerance");
            }
        }

        return new ExhaustiveOutcome(examined, total, size, inconclusive, reason);
    }

    /// <summary>Searches every support of size min(2s, N) for null vectors whose halves share an image.</summary>
    public static ExhaustiveOutcome NullVectors(SensingOperator sensing, ImagePairs pairs)
    {
        int columns = sensing.Columns, size = Math.Min(2 * pairs.Sparsity, columns);
        int total = (int)Math.Round(SupportCombinatorics.Binomial(columns, size)), examined = 0;
        int[]? inconclusive = null;
        string? reason = null;
        foreach (int[] support in SupportCombinatorics.Combinations(columns, size, []))
        {
            examined++;
            SupportDecomposition svd = SupportDecomposition.Of(sensing, support);
            if (!svd.IsFinite)
            {
                (inconclusive, reason) = (inconclusive ?? support, reason ?? $"A_T on {IdentifiabilityText.Columns(support)} is not finite");
                continue;
            }

            if (svd.Smallest > pairs.Tolerance * svd.Singular[0])
            {
                continue;
            }

            string where = IdentifiabilityText.Columns(support);
            foreach (SparseVector v in svd.NullVectorForms(columns))
            {
                pairs.FromNullVector(v, IdentifiabilityMethod.ExhaustiveSearch, $"the singular vector of σ_min(A_T) on the support {where} (exhaustive search)");
            }

            if (pairs.Found.Count > 0)
            {
                break;
            }

            (inconclusive, reason) = (inconclusive ?? support, reason ?? $"σ_min(A_T) ≤ 1e-9·σ_max(A_T) on {where} but its singular vector's halves did not verify");
        }

        return new ExhaustiveOutcome(examined, total, size, inconclusive, reason);
    }
}
