namespace SparseIhtVerify.Theory.Guarantees;

/// <summary>A catalogue row evaluated on one instance.</summary>
/// <param name="Guarantee">The row.</param>
/// <param name="Verdict">holds-certified, holds-estimated, fails-certified or unknown.</param>
/// <param name="Projection">The projection size k the guarantee prescribes.</param>
/// <param name="Step">The step μ it prescribes on the unnormalised A (from the certified bounds when certified, else from the witnesses); null when α is not positive.</param>
/// <param name="PredictedRate">ρ at that step (an upper bound when certified), or null when the source states none.</param>
/// <param name="Clauses">The condition's clauses with their numbers.</param>
public sealed record GuaranteeEvaluation(
    Guarantee Guarantee,
    Verdict Verdict,
    int Projection,
    double? Step,
    double? PredictedRate,
    IReadOnlyList<ClauseEvaluation> Clauses);
