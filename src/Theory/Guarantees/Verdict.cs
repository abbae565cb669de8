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

/// <summary>The one spelling of each <see cref="Verdict"/> (audit text and JSON, the sweep's results and summary).</summary>
public static class Verdicts
{
    /// <summary>holds-certified | holds-estimated | fails-certified | unknown.</summary>
    public static string Word(Verdict verdict) => verdict switch
    {
        Verdict.HoldsCertified => "holds-certified",
        Verdict.HoldsEstimated => "holds-estimated",
        Verdict.FailsCertified => "fails-certified",
        _ => "unknown",
    };
}
