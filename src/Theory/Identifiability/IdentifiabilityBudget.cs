namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>Limits and tolerances of <see cref="IdentifiabilityCheck"/>.</summary>
/// <param name="ExhaustiveSupports">
/// The exhaustive search runs only when the number of supports, C(N, s) (C(N, 2s) for <see cref="IdentifiabilityQuestion.EverySparseVector"/>),
/// is at most this, and its work C·n·s² at most <see cref="ExhaustiveWork"/>.
/// </param>
/// <param name="RoundingTolerance">
/// τ: the certified α_2s must exceed it to count as positive. Null derives it from the rounding of G_S = A_SᵀA_S/n:
/// τ = (n·2s + N)·ε·β with ε = 2⁻⁵² and β the certified (else witness) β_2s, a bound on the entrywise error n·ε·max G_ii
/// of the computed Gram summed over the 2s rows, plus the eigen-solver's N·ε·β.
/// </param>
public sealed record IdentifiabilityBudget(int ExhaustiveSupports = 2000, double? RoundingTolerance = null)
{
    /// <summary>Multiply–adds the exhaustive search may spend at most (about a second).</summary>
    public const double ExhaustiveWork = 2e9;

    /// <summary>2000 supports, derived τ.</summary>
    public static IdentifiabilityBudget Default { get; } = new();
}
