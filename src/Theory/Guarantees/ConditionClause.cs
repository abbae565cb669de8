namespace SparseIhtVerify.Theory.Guarantees;

/// <summary>The quantity a condition bounds.</summary>
public enum ConditionQuantity
{
    /// <summary>δ_L = max(1 − μnα_L, μnβ_L − 1) at the prescribed step μ (the best rescaling gives (β − α)/(β + α)).</summary>
    Delta,

    /// <summary>κ_L = β_L/α_L.</summary>
    Kappa,
}

/// <summary>
/// One clause "quantity at level L &lt; bound", with L = a·s + b·k (s the sparsity, k the projection size) and a
/// bound that may depend on s and k (e.g. JTK's κ ≤ √(k/(32 s)), i.e. k ≥ 32κ²s).
/// </summary>
/// <param name="Quantity">δ or κ.</param>
/// <param name="SparsityMultiple">a in L = a·s + b·k.</param>
/// <param name="ProjectionMultiple">b in L = a·s + b·k.</param>
/// <param name="Bound">The strict upper bound, as a function of (s, k).</param>
/// <param name="Text">The clause as printed, e.g. "δ_3s &lt; 1/√3".</param>
public sealed record ConditionClause(ConditionQuantity Quantity, int SparsityMultiple, int ProjectionMultiple, Func<int, int, double> Bound, string Text)
{
    /// <summary>The level L = a·s + b·k.</summary>
    public int Level(int sparsity, int projection) => SparsityMultiple * sparsity + ProjectionMultiple * projection;
}
