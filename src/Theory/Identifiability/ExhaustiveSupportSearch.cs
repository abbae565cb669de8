using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Theory.Constants;

namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>
/// Exhaustive search over every support T of one size, each decomposed from A_T itself (<see cref="SupportDecomposition"/>);
/// every residual is a forward product. Every s-sparse vector lies on some T of size min(s, N), so when all T are settled
/// nothing was missed. A support whose A_T holds a non-finite entry (σ_1 not finite) or whose fit is not finite is never settled.
/// <para>
/// With labels (size s): T is settled when the least-squares residual ‖A_T w_T − y‖/‖y‖ &gt; 1e−9 (no solution on T; when the
/// reference lies on T, w_T is the reference, which solves), or when w_T is distinct from the reference (a second solution),
/// or when A_T has full column rank, w_T ≈ w_ref, and
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
    public static ExhaustiveOutcome Solutions(SensingOperator sensing, SecondSolutions pairs, double[] labels) =>
        Search(sensing.Columns, Math.Min(pairs.Sparsity, sensing.Columns), pairs, support => UnsettledByLabels(sensing, pairs, labels, support));

    /// <summary>Searches every support of size min(2s, N) for null vectors whose halves share an image.</summary>
    public static ExhaustiveOutcome NullVectors(SensingOperator sensing, ImagePairs pairs) =>
        Search(sensing.Columns, Math.Min(2 * pairs.Sparsity, sensing.Columns), pairs, support => UnsettledByNullVectors(sensing, pairs, support));

    /// <summary>
    /// Examines the supports of <paramref name="size"/> columns in lexicographic order until one yields a verified counterexample;
    /// <paramref name="unsettled"/> gives why a support could not be settled, or null when it was. The first such support is reported.
    /// </summary>
    private static ExhaustiveOutcome Search(int columns, int size, ICounterexamples pairs, Func<int[], string?> unsettled)
    {
        int total = (int)Math.Round(SupportCombinatorics.Binomial(columns, size)), examined = 0;
        int[]? inconclusive = null;
        string? reason = null;
        foreach (int[] support in SupportCombinatorics.Combinations(columns, size, []))
        {
            examined++;
            string? why = unsettled(support);
            if (why is not null && inconclusive is null)
            {
                (inconclusive, reason) = (support, why);
            }

            if (pairs.Found.Count > 0)
            {
                break;
            }
        }

        return new ExhaustiveOutcome(examined, total, size, inconclusive, reason);
    }

    /// <summary>Settles one support T for the question with labels (see the class summary); null when settled or a solution was found on it.</summary>
    private static string? UnsettledByLabels(SensingOperator sensing, SecondSolutions pairs, double[] labels, int[] support)
    {
        string where = IdentifiabilityText.Columns(support);
        SupportDecomposition svd = SupportDecomposition.Of(sensing, support);
        if (!svd.IsFinite)
        {
            return $"A_T on {where} is not finite";
        }

        var fit = SparseCombination.WithoutZeros(new SparseVector(sensing.Columns, support, svd.LeastSquares(labels)));
        double residual = pairs.RelativeResidual(fit);
        if (residual > pairs.Tolerance && pairs.Reference is { } known && Within(known, support))
        {
            // Rounding in an ill-conditioned A_T made the least-squares fit miss, but the reference lies on T and solves.
            (fit, residual) = (known, pairs.RelativeResidual(known));
        }

        if (residual > pairs.Tolerance)
        {
            return null;
        }

        if (double.IsNaN(residual))
        {
            return $"the least-squares fit on {where} is not finite";
        }

        pairs.Reference ??= fit;
        if (pairs.IsDistinct(fit))
        {
            // A distinct fit on at most s columns whose residual is at most 1e−9 is finite and verified: Offer keeps it, and the search stops.
            pairs.Offer(fit, IdentifiabilityMethod.ExhaustiveSearch, $"least squares on the support {where} (exhaustive search)");
            return null;
        }

        if (svd.Rank < support.Length)
        {
            foreach (SparseVector v in svd.NullVectorForms(sensing.Columns))
            {
                pairs.FromNullVector(v, IdentifiabilityMethod.ExhaustiveSearch, $"the null vector of A_T on the support {where} (exhaustive search)");
            }

            return pairs.Found.Count > 0 ? null : $"A_T is rank-deficient on {where} but no solution built from its null vector verified";
        }

        SparseVector reference = pairs.Reference;
        double gap = SecondSolutions.DistinctTolerance * reference.Norm() - fit.DistanceTo(reference);
        return svd.Smallest * gap > pairs.Tolerance * pairs.LabelsNorm
            ? null
            : $"σ_min(A_T) = {IdentifiabilityText.Number(svd.Smallest)} on {where} is too small to rule out other solutions within the tolerance";
    }

    /// <summary>Settles one support T for the question without labels (see the class summary); null when settled or a pair was found on it.</summary>
    private static string? UnsettledByNullVectors(SensingOperator sensing, ImagePairs pairs, int[] support)
    {
        string where = IdentifiabilityText.Columns(support);
        SupportDecomposition svd = SupportDecomposition.Of(sensing, support);
        if (!svd.IsFinite)
        {
            return $"A_T on {where} is not finite";
        }

        if (svd.Smallest > pairs.Tolerance * svd.Singular[0])
        {
            return null;
        }

        foreach (SparseVector v in svd.NullVectorForms(sensing.Columns))
        {
            pairs.FromNullVector(v, IdentifiabilityMethod.ExhaustiveSearch, $"the singular vector of σ_min(A_T) on the support {where} (exhaustive search)");
        }

        return pairs.Found.Count > 0 ? null : $"σ_min(A_T) ≤ 1e-9·σ_max(A_T) on {where} but its singular vector's halves did not verify";
    }

    /// <summary>True when supp <paramref name="w"/> ⊆ <paramref name="support"/> (strictly increasing).</summary>
    private static bool Within(SparseVector w, int[] support)
    {
        foreach (int i in w.Indices)
        {
            if (Array.BinarySearch(support, i) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
