namespace SparseIhtVerify.Theory.Guarantees;

/// <summary>What the constants say about a guarantee's condition (theory.md §5).</summary>
public enum Verdict
{
    /// <summary>The certified bounds satisfy the condition: the conclusion is a theorem for this instance.</summary>
    HoldsCertified,

    /// <summary>The witness values satisfy it, the certified bounds do not (or none exist).</summary>
    HoldsEstimated,

    /// <summary>A witness already violates it, so no rescaling can satisfy it.</summary>
    FailsCertified,

    /// <summary>Nothing decides it.</summary>
    Unknown,
}
