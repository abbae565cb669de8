namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>
/// What the identifiability check showed (theory.md §3 end, §4). Uniqueness of the s-sparse solution of Aw = y follows
/// from α_2s = min_{|S|=2s} λ_min(A_SᵀA_S/n) &gt; 0, or from an exhaustive search over every support of size s; α_2s = 0
/// alone shows nothing: non-uniqueness is claimed only with a second s-sparse solution in hand, verified by a forward
/// product. <see cref="IdentifiabilityReport.Method"/> says how the status was shown.
/// </summary>
public enum IdentifiabilityStatus
{
    /// <summary>Uniqueness was shown: certified α_2s &gt; τ, or every support of size s was searched.</summary>
    Unique,

    /// <summary>Neither uniqueness nor a second solution was shown.</summary>
    NotCertified,

    /// <summary>A second s-sparse solution w₂ ≠ w* with ‖Aw₂ − y‖/‖y‖ ≤ 1e−9 was constructed and verified.</summary>
    NotUnique,
}
