namespace SparseIhtVerify.Theory.Constants;

/// <summary>The supports a restricted constant ranges over (theory.md §3), and so the supports a proof needs it over.</summary>
public enum SupportFamily
{
    /// <summary>All supports of the level: α_L = min_{|S| = L} λ_min(G_S), β_L = max_{|S| = L} λ_max(G_S).</summary>
    Uniform,

    /// <summary>Only the supports of the level that contain the planted support S*.</summary>
    ContainingTruth,
}
