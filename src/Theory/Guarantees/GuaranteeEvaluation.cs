using SparseIhtVerify.Theory.Constants;

namespace SparseIhtVerify.Theory.Guarantees;

/// <summary>A catalogue row evaluated on one instance.</summary>
/// <param name="Guarantee">The row.</param>
/// <param name="Verdict">holds-certified, holds-estimated, fails-certified or unknown.</param>
/// <param name="Projection">The projection size k the guarantee prescribes.</param>
/// <param name="StepFamily">The support family of the constants the step was computed from.</param>
/// <param name="CertifiedStep">The prescribed step μ (on the unnormalised A) from the certified bounds: every certified δ of the row holds at it; null when none exists.</param>
/// <param name="WitnessStep">The step the witnesses suggest (not certified); null when α is not positive.</param>
/// <param name="Step">The step a prescribed run uses: <paramref name="CertifiedStep"/> when the row holds-certified, else <paramref name="WitnessStep"/>.</param>
/// <param name="PredictedRate">ρ at <paramref name="Step"/> (a proven upper bound when certified, an estimate otherwise), or null when the source states none.</param>
/// <param name="Clauses">The condition's clauses with their numbers.</param>
public sealed record GuaranteeEvaluation(
    Guarantee Guarantee,
    Verdict Verdict,
    int Projection,
    SupportFamily StepFamily,
    double? CertifiedStep,
    double? WitnessStep,
    double? Step,
    double? PredictedRate,
    IReadOnlyList<ClauseEvaluation> Clauses);
