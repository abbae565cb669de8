namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>
/// What the audits of a cell's seeds say, by majority: the theory overlay of the heatmaps outlines the cells where a
/// guarantee holds for more than half of the audited seeds.
/// </summary>
public enum SweepTheory
{
    /// <summary>The sweep did not audit (or no audit row of this cell is stored yet).</summary>
    NotAudited,

    /// <summary>For at most half of the seeds does any guarantee hold.</summary>
    None,

    /// <summary>For more than half of the seeds some guarantee holds-certified or holds-estimated, but not certified for more than half.</summary>
    HoldsEstimated,

    /// <summary>For more than half of the seeds some guarantee holds-certified.</summary>
    HoldsCertified,
}
