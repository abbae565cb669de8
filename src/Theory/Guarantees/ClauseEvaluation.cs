using SparseIhtVerify.Theory.Constants;

namespace SparseIhtVerify.Theory.Guarantees;

/// <summary>One clause of a condition, evaluated, with every number paired with what it holds for.</summary>
/// <param name="Text">The clause as printed.</param>
/// <param name="Level">Its level L (before capping at N).</param>
/// <param name="EffectiveLevel">min(L, N).</param>
/// <param name="Bound">The strict upper bound the quantity must stay under.</param>
/// <param name="ProofFamily">The support family the clause's proof needs.</param>
/// <param name="ProofSupports">Why, with the source.</param>
/// <param name="JudgedFamily">The support family of the constants it was judged with (uniform unless the audit restricts to S* and the proof allows it).</param>
/// <param name="CertifiedValue">A proven upper bound of the quantity at <paramref name="CertifiedStep"/> (δ) or of κ; null when none exists.</param>
/// <param name="CertifiedStep">The step μ (on the unnormalised A) at which the certified δ holds; null for κ or when no certified step exists.</param>
/// <param name="CertifiedFrom">Where the certified value came from when not from the estimate at this level itself (an implication, another level), else null.</param>
/// <param name="WitnessValue">A proven lower bound of the quantity at every step (from witnesses); also the point estimate; NaN when no witness applies.</param>
/// <param name="WitnessFrom">Where the witness value came from when not from the estimate at this level itself, else null.</param>
/// <param name="Verdict">The clause's verdict.</param>
public sealed record ClauseEvaluation(
    string Text,
    int Level,
    int EffectiveLevel,
    double Bound,
    SupportFamily ProofFamily,
    string ProofSupports,
    SupportFamily JudgedFamily,
    double? CertifiedValue,
    double? CertifiedStep,
    string? CertifiedFrom,
    double WitnessValue,
    string? WitnessFrom,
    Verdict Verdict);
