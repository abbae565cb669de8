namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>What opening a results folder found.</summary>
/// <param name="Loaded">Rows already done.</param>
/// <param name="Partial">Incomplete last lines removed (0 or 1).</param>
/// <param name="Invalid">Unreadable lines dropped.</param>
/// <param name="Duplicates">Repeated keys dropped (the first kept).</param>
/// <param name="Foreign">Rows of keys outside the grid dropped.</param>
/// <param name="ReplacedSuffix">When a different sweep was replaced: the suffix its files were renamed with.</param>
public sealed record SweepOpenReport(int Loaded, int Partial, int Invalid, int Duplicates, int Foreign, string? ReplacedSuffix);
