namespace SparseIhtVerify.Theory.Constants;

/// <summary>
/// Restricted constants of G = AᵀA/n at one level k (theory.md §3), with their kinds:
/// α_k = min_{|S|=k} λ_min(G_S) (RSC), β_k = max_{|S|=k} λ_max(G_S) (RSS), κ_k = β_k/α_k and the restricted
/// isometry constant after the best rescaling δ_k = (β_k − α_k)/(β_k + α_k).
/// Uniform constants range over all supports of size k; support-restricted ones (<see cref="RestrictedToSupport"/>)
/// only over supports containing the planted support S*, which is what the convergence proofs for one fixed w* use.
/// When <see cref="IsExact"/>, the witness values are the true values and equal the certified ones.
/// </summary>
/// <param name="Level">The requested level k.</param>
/// <param name="EffectiveLevel">min(k, N): supports larger than the number of unknowns N do not exist.</param>
/// <param name="RestrictedToSupport">Only supports ⊇ S* were considered.</param>
/// <param name="IsExact">Computed from every support of the level (or the full Gram).</param>
/// <param name="AlphaWitness">Smallest λ_min(G_S) found: an upper bound for α_k (the value itself when exact).</param>
/// <param name="AlphaWitnessSupport">The support that gave <paramref name="AlphaWitness"/> (a subset of a level-k support).</param>
/// <param name="BetaWitness">Largest λ_max(G_S) found: a lower bound for β_k.</param>
/// <param name="BetaWitnessSupport">The support that gave <paramref name="BetaWitness"/>.</param>
/// <param name="AlphaCertified">A proven lower bound for α_k, when the Gram entries could be formed.</param>
/// <param name="BetaCertified">A proven upper bound for β_k, when the Gram entries could be formed.</param>
/// <param name="AlphaDirectional">Smallest ‖AΔ‖²/(n‖Δ‖²) over sampled k-sparse directions Δ (also an upper bound for α_k).</param>
/// <param name="BetaDirectional">Largest ‖AΔ‖²/(n‖Δ‖²) over the same directions (also a lower bound for β_k).</param>
/// <param name="SupportsExamined">Supports whose spectrum was evaluated.</param>
/// <param name="DirectionsSampled">Sparse directions sampled.</param>
/// <param name="Seconds">Time spent (reported, never used to decide anything unless <see cref="End"/> is <see cref="SearchEnd.TimeCap"/>).</param>
/// <param name="Methods">What was done, e.g. "full Gram", "enumeration", "random", "adversarial pairs", "greedy swaps".</param>
public sealed record RestrictedConstants(
    int Level,
    int EffectiveLevel,
    bool RestrictedToSupport,
    bool IsExact,
    double AlphaWitness,
    IReadOnlyList<int> AlphaWitnessSupport,
    double BetaWitness,
    IReadOnlyList<int> BetaWitnessSupport,
    double? AlphaCertified,
    double? BetaCertified,
    double? AlphaDirectional,
    double? BetaDirectional,
    int SupportsExamined,
    int DirectionsSampled,
    double Seconds,
    IReadOnlyList<string> Methods)
{
    /// <summary>The normalisation every number here uses.</summary>
    public const string Normalisation = "G = AᵀA/n";

    /// <summary>τ = N·ε·‖G‖: the rounding of the eigenvalue routine; α below τ is not distinguished from 0.</summary>
    public double RoundingTolerance { get; init; }

    /// <summary>What ended the search (exact, budget, or the explicit time cap).</summary>
    public SearchEnd End { get; init; } = SearchEnd.Complete;

    /// <summary>The supports budget the search had.</summary>
    public int SupportsPlanned { get; init; }

    /// <summary>One phrase on how far the search got, e.g. "stopped by the time cap after 12 of 2000 supports".</summary>
    public string EndText => End switch
    {
        SearchEnd.Exact => "every support",
        SearchEnd.Complete => $"search complete after {SupportsExamined} supports",
        SearchEnd.SupportBudget => $"supports budget reached ({SupportsExamined} supports, budget {SupportsPlanned})",
        SearchEnd.WorkBudget => $"stopped by the work budget after {SupportsExamined} supports (supports budget {SupportsPlanned})",
        _ => $"stopped by the time cap after {SupportsExamined} supports (supports budget {SupportsPlanned})",
    };

    /// <summary>Kind of <see cref="AlphaWitness"/> and <see cref="BetaWitness"/>.</summary>
    public ConstantKind WitnessKind => IsExact ? ConstantKind.Exact : ConstantKind.Witness;

    /// <summary>β/α from the witnesses: a lower bound for κ_k (∞ when the witness α ≤ 0).</summary>
    public double KappaWitness => AlphaWitness > 0 ? BetaWitness / AlphaWitness : double.PositiveInfinity;

    /// <summary>δ from the witnesses: a lower bound for δ_k (δ grows with β and falls with α).</summary>
    public double DeltaWitness => Delta(AlphaWitness, BetaWitness);

    /// <summary>β/α from the certified bounds: an upper bound for κ_k, or null when none is available.</summary>
    public double? KappaCertified => AlphaCertified is double a && BetaCertified is double b ? (a > 0 ? b / a : double.PositiveInfinity) : null;

    /// <summary>δ from the certified bounds: an upper bound for δ_k, or null when none is available.</summary>
    public double? DeltaCertified => AlphaCertified is double a && BetaCertified is double b ? Delta(a, b) : null;

    /// <summary>δ = (β − α)/(β + α), 1 when α ≤ 0 (no isometry after any rescaling), NaN when either is not finite.</summary>
    public static double Delta(double alpha, double beta) =>
        !double.IsFinite(alpha) || !double.IsFinite(beta) ? double.NaN
        : alpha > 0 && beta > 0 ? (beta - alpha) / (beta + alpha) : 1.0;
}
