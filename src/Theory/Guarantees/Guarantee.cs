using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Solvers;

namespace SparseIhtVerify.Theory.Guarantees;

/// <summary>How a guarantee prescribes the step μ (on the unnormalised A), from α and β at the step level.</summary>
public enum StepRule
{
    /// <summary>μ = 2/(n(α + β)): the unit step on the best-rescaled A.</summary>
    BestRescaling,

    /// <summary>μ = 2/(3nβ) (Jain, Tewari &amp; Kar 2014).</summary>
    TwoThirdsOverBeta,
}

/// <summary>How a guarantee prescribes the projection size k.</summary>
public enum ProjectionRule
{
    /// <summary>k = s.</summary>
    Sparsity,

    /// <summary>k = max(the user's k, 32·s), at most N (JTK needs k ≥ 32κ²s).</summary>
    ThirtyTwoSparsity,
}

/// <summary>What the predicted rate bounds.</summary>
public enum RateKind
{
    /// <summary>No rate constant is stated: only convergence to w* is predicted.</summary>
    ConvergenceOnly,

    /// <summary>‖w_{t+1} − w*‖ ≤ ρ‖w_t − w*‖ for every t.</summary>
    PerStep,

    /// <summary>‖w_t − w*‖ ≤ ρ^t ‖w*‖ (from w_0 = 0).</summary>
    Cumulative,
}

/// <summary>
/// One row of the guarantee catalogue (theory.md §5): an algorithm with its prescribed step and projection, a
/// condition (any one of its clauses suffices), a conclusion, and a predicted rate as a function of the δ values
/// at the clause levels (null when the source states none). Rows are data; <see cref="GuaranteeCatalogue"/> lists them.
/// </summary>
/// <param name="Id">Short name, e.g. "FR13-IHT".</param>
/// <param name="Algorithm">The solver the guarantee is about.</param>
/// <param name="Step">Step rule.</param>
/// <param name="StepSparsityMultiple">The step uses α, β at level StepSparsityMultiple·s + StepProjectionMultiple·k.</param>
/// <param name="StepProjectionMultiple">See <paramref name="StepSparsityMultiple"/>.</param>
/// <param name="Projection">Projection rule.</param>
/// <param name="AnyOf">The condition: it holds when any clause holds.</param>
/// <param name="RateKind">What the rate bounds.</param>
/// <param name="Rate">ρ from the δ values (δ at each level, keyed by level), or null.</param>
/// <param name="RateText">The rate as printed.</param>
/// <param name="Conclusion">The conclusion in words.</param>
/// <param name="Source">Where it comes from.</param>
public sealed record Guarantee(
    string Id,
    SolverKind Algorithm,
    StepRule Step,
    int StepSparsityMultiple,
    int StepProjectionMultiple,
    ProjectionRule Projection,
    IReadOnlyList<ConditionClause> AnyOf,
    RateKind RateKind,
    Func<IReadOnlyDictionary<int, double>, int, int, double>? Rate,
    string RateText,
    string Conclusion,
    string Source)
{
    /// <summary>The condition as printed.</summary>
    public string ConditionText => string.Join(" or ", AnyOf.Select(c => c.Text));
}
