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

    /// <summary>A guarantee holds-certified but there is no planted solution of Aw = y to recover (user data, or a dictionary that cannot express w*): not exercised.</summary>
    NotExercised,
}
