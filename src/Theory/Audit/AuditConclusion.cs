namespace SparseIhtVerify.Theory.Audit;

/// <summary>The audit's last line.</summary>
public enum AuditConclusion
{
    /// <summary>Every holds-certified guarantee was honoured by its prescribed solver.</summary>
    Consistent,

    /// <summary>A holds-certified guarantee was not honoured: a bug, or a wrong constant.</summary>
    Violation,

    /// <summary>No guarantee holds-certified on this instance.</summary>
    NoCertifiedGuarantee,

    /// <summary>No planted weights (user data): guarantees were evaluated, not exercised.</summary>
    NotExercised,
}
