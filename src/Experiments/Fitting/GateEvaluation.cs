namespace SparseIhtVerify.Experiments.Fitting;

/// <summary>
/// How a fitted network evaluates its gates D_j[i] = 1[x_iᵀh_j ≥ 0] (or &gt; 0): by the same products as the solve that
/// produced it, so that a prediction on the training rows equals the fitted values bit for bit.
/// </summary>
public enum GateEvaluation
{
    /// <summary>x_iᵀh_j as the dense dot product over all d inputs (the dictionary's patterns of a convex solve).</summary>
    Dense,

    /// <summary>
    /// x_iᵀh_j as a fused multiply–add chain over the nonzero entries of h_j in increasing input order (the sequential-convex
    /// update h_j := w_j). Mathematically the same number; the roundings differ only for x_iᵀh_j within a few ulps of 0.
    /// </summary>
    Sparse,
}

/// <summary>The words of <see cref="GateEvaluation"/> values, as the model file's header spells them.</summary>
public static class GateEvaluations
{
    /// <summary>Word → value.</summary>
    public static IReadOnlyDictionary<string, GateEvaluation> Words { get; } = new Dictionary<string, GateEvaluation>
    {
        ["dense"] = GateEvaluation.Dense, ["sparse"] = GateEvaluation.Sparse,
    };

    /// <summary>The word of <paramref name="value"/>: dense or sparse.</summary>
    public static string Word(GateEvaluation value) => Words.First(pair => pair.Value == value).Key;
}
