namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>How an <see cref="IdentifiabilityStatus"/> was shown: the certificate, the search, or the dependency a second solution was built from.</summary>
public enum IdentifiabilityMethod
{
    /// <summary>Nothing was shown (<see cref="IdentifiabilityStatus.NotCertified"/>).</summary>
    None,

    /// <summary>The certified lower bound of α_2s exceeds the rounding tolerance τ, so no 2s-sparse null vector exists.</summary>
    CertifiedRsc,

    /// <summary>Least squares on every support T of size s: each T has no solution of A_T w = y, or only the reference one (or the second solution was found there).</summary>
    ExhaustiveSearch,

    /// <summary>The second solution was built from a null-vector candidate the caller supplied (e.g. an exact pattern dependency Σ c_j D_j = 0).</summary>
    NullVectorCandidate,

    /// <summary>The second solution was built from the right singular vector of σ_min(A_S) on a witness support S of α_2s.</summary>
    WitnessNullVector,

    /// <summary>The second solution was built from two blocks with identical activation patterns (or an all-off block).</summary>
    IdenticalPatterns,
}
