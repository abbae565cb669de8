namespace SparseIhtVerify.Theory.Audit;

/// <summary>The audit's last line.</summary>
public enum AuditConclusion
{
    /// <summary>Every holds-certified guarantee was honoured by its prescribed solver.</summary>
    Consistent,

    /// <summary>A holds-certified guarantee was contradicted: a contraction its rate forbids, or divergence (a bug, or a wrong constant).</summary>
    Violation,

    /// <summary>No violation, but a holds-certified guarantee's run ended its budget before converging without contradicting the rate.</summary>
    Inconclusive,

    /// <summary>No guarantee holds-certified on this instance.</summary>
    NoCertifiedGuarantee,

    /// <summary>A guarantee holds-certified but there is no planted solution of Aw = y to recover (user data, or a dictionary that cannot express w*): not exercised.</summary>
    NotExercised,
}
