namespace SparseIhtVerify.Theory.Constants;

/// <summary>
/// One bound on α_L or β_L and where it came from: the level and support family of the estimate it was read off
/// (by interlacing a bound at another level can hold at this one, see <see cref="ConstantBook"/>) and its kind.
/// </summary>
/// <param name="Value">The bound (of G = AᵀA/n).</param>
/// <param name="Kind">Exact, witness or certified.</param>
/// <param name="FromLevel">The effective level of the estimate it was read off.</param>
/// <param name="FromFamily">The support family of that estimate.</param>
public sealed record ConstantBound(double Value, ConstantKind Kind, int FromLevel, SupportFamily FromFamily);

/// <summary>
/// Everything known about α_L and β_L for one support family at one effective level L: upper bounds of α and lower
/// bounds of β from witnesses (or exact values), lower bounds of α and upper bounds of β from certificates (or exact values).
/// </summary>
/// <param name="Level">The effective level L (≤ N).</param>
/// <param name="Family">The supports α_L and β_L range over.</param>
/// <param name="AlphaUpper">The smallest witness λ_min(G_S): α_L ≤ this; null when no estimate applies.</param>
/// <param name="BetaLower">The largest witness λ_max(G_S): β_L ≥ this; null when no estimate applies.</param>
/// <param name="AlphaLower">A certified α_L ≥ this, or null.</param>
/// <param name="BetaUpper">A certified β_L ≤ this, or null.</param>
public sealed record LevelBounds(int Level, SupportFamily Family, ConstantBound? AlphaUpper, ConstantBound? BetaLower, ConstantBound? AlphaLower, ConstantBound? BetaUpper)
{
    /// <summary>
    /// δ_L(μ) = max(1 − μ n α_L, μ n β_L − 1) bounded from above with the certified bounds at the step μ (on the
    /// unnormalised A), or null when either is missing.
    /// </summary>
    public double? CertifiedDelta(double step, int samples) =>
        AlphaLower is { } a && BetaUpper is { } b ? Math.Max(1 - step * samples * a.Value, step * samples * b.Value - 1) : null;

    /// <summary>(β − α)/(β + α) from the witnesses: a lower bound of δ_L(μ) at every step μ; NaN when no witness applies.</summary>
    public double WitnessDelta => AlphaUpper is { } a && BetaLower is { } b ? RestrictedConstants.Delta(a.Value, b.Value) : double.NaN;

    /// <summary>β/α from the witnesses: a lower bound of κ_L (∞ when α ≤ 0); NaN when no witness applies.</summary>
    public double WitnessKappa => AlphaUpper is { } a && BetaLower is { } b ? (a.Value > 0 ? b.Value / a.Value : double.PositiveInfinity) : double.NaN;

    /// <summary>β/α from the certified bounds: an upper bound of κ_L, or null.</summary>
    public double? CertifiedKappa => AlphaLower is { } a && BetaUpper is { } b ? (a.Value > 0 ? b.Value / a.Value : double.PositiveInfinity) : null;
}
