using SparseIhtVerify.Theory.Constants;

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
/// One clause "quantity at level L &lt; bound", with L = a·s + b·k (s the sparsity, k the projection size), a
/// bound that may depend on s and k (e.g. JTK's κ ≤ √(k/(32 s)), i.e. k ≥ 32κ²s), and the family of supports its
/// proof needs the constants over: <see cref="SupportFamily.ContainingTruth"/> when the proof only uses sets that
/// contain S* (such as S* ∪ S_t ∪ S_{t+1}), <see cref="SupportFamily.Uniform"/> when it bounds ⟨Au, Av⟩ for
/// vectors supported off S* (theory.md §3: the A = [[1,0,0],[0,1,1]] counterexample).
/// </summary>
/// <param name="Quantity">δ or κ.</param>
/// <param name="SparsityMultiple">a in L = a·s + b·k.</param>
/// <param name="ProjectionMultiple">b in L = a·s + b·k.</param>
/// <param name="Bound">The strict upper bound, as a function of (s, k).</param>
/// <param name="Text">The clause as printed, e.g. "δ_3s &lt; 1/√3".</param>
/// <param name="ProofFamily">The weakest support family the proof's constants may range over.</param>
/// <param name="ProofSupports">Why, in a few words, with the source.</param>
public sealed record ConditionClause(
    ConditionQuantity Quantity,
    int SparsityMultiple,
    int ProjectionMultiple,
    Func<int, int, double> Bound,
    string Text,
    SupportFamily ProofFamily,
    string ProofSupports)
{
    /// <summary>The level L = a·s + b·k.</summary>
    public int Level(int sparsity, int projection) => SparsityMultiple * sparsity + ProjectionMultiple * projection;

    /// <summary>The level as printed, e.g. "3s" or "2k+s".</summary>
    public string LevelText => (SparsityMultiple, ProjectionMultiple) switch
    {
        (var a, 0) => $"{a}s",
        (0, var b) => $"{b}k",
        (1, var b) => $"{b}k+s",
        (var a, var b) => $"{b}k+{a}s",
    };
}
