namespace SparseIhtVerify.Theory.Constants;

/// <summary>
/// The restricted constants estimated in one audit, uniform and over supports ⊇ S*, combined into the strongest bounds
/// they imply for a support family at a level (theory.md §3, "implications"):
/// <list type="bullet">
/// <item>monotone in the level: every support of size L lies in one of size L′ ≥ L (≤ N), so α_L ≥ α_L′ and β_L ≤ β_L′; a
/// witness at L′ ≤ L is a witness at L, a certificate at L′ ≥ L a certificate at L (both families; for ⊇ S*, L′ ≥ |S*|);</item>
/// <item>across families: a support ⊇ S* is a support, so its witnesses are uniform witnesses, and uniform certificates
/// bound the constants over supports ⊇ S* (never the other way round).</item>
/// </list>
/// Every bound keeps the level and family it came from, so a report can say when one was implied.
/// </summary>
public sealed class ConstantBook
{
    /// <summary>Builds the book; <paramref name="restricted"/> may be empty (then only uniform bounds exist).</summary>
    public ConstantBook(IReadOnlyList<RestrictedConstants> uniform, IReadOnlyList<RestrictedConstants> restricted, int unknowns)
    {
        Uniform = uniform;
        Restricted = restricted;
        Unknowns = unknowns;
    }

    /// <summary>The uniform estimates.</summary>
    public IReadOnlyList<RestrictedConstants> Uniform { get; }

    /// <summary>The estimates over supports ⊇ S* (empty when none were made).</summary>
    public IReadOnlyList<RestrictedConstants> Restricted { get; }

    /// <summary>N, at which levels are capped.</summary>
    public int Unknowns { get; }

    /// <summary>Whether constants over supports ⊇ S* were estimated.</summary>
    public bool HasRestricted => Restricted.Count > 0;

    /// <summary>The strongest bounds on α_L, β_L over <paramref name="family"/> implied by the estimates (L capped at N).</summary>
    public LevelBounds At(int level, SupportFamily family)
    {
        int effective = Math.Min(level, Unknowns);
        var all = Uniform.Select(c => (c, SupportFamily.Uniform)).Concat(Restricted.Select(c => (c, SupportFamily.ContainingTruth))).ToArray();

        // Witnesses: from estimates at levels ≤ L of the family, or (uniform) of either family.
        var witnesses = all.Where(e => e.c.EffectiveLevel <= effective && (family == SupportFamily.Uniform || e.Item2 == SupportFamily.ContainingTruth)).ToArray();
        // Certificates: from estimates at levels ≥ L of the family, or (⊇ S*) of either family.
        var certificates = all.Where(e => e.c.EffectiveLevel >= effective && e.c.AlphaCertified is not null && e.c.BetaCertified is not null
            && (family == SupportFamily.ContainingTruth || e.Item2 == SupportFamily.Uniform)).ToArray();

        // A bound is exact only when read off an exact estimate of this very level and family.
        bool Same((RestrictedConstants c, SupportFamily Family) e) => e.c.IsExact && e.c.EffectiveLevel == effective && e.Family == family;
        ConstantBound? alphaUpper = Best(witnesses, effective, family, e => e.c.AlphaWitness, e => Same(e) ? ConstantKind.Exact : ConstantKind.Witness, lowest: true);
        ConstantBound? betaLower = Best(witnesses, effective, family, e => e.c.BetaWitness, e => Same(e) ? ConstantKind.Exact : ConstantKind.Witness, lowest: false);
        ConstantBound? alphaLower = Best(certificates, effective, family, e => e.c.AlphaCertified!.Value, e => Same(e) ? ConstantKind.Exact : ConstantKind.Certified, lowest: false);
        ConstantBound? betaUpper = Best(certificates, effective, family, e => e.c.BetaCertified!.Value, e => Same(e) ? ConstantKind.Exact : ConstantKind.Certified, lowest: true);
        return new LevelBounds(effective, family, alphaUpper, betaLower, alphaLower, betaUpper);
    }

    private static ConstantBound? Best((RestrictedConstants c, SupportFamily Family)[] estimates, int level, SupportFamily family, Func<(RestrictedConstants c, SupportFamily Family), double> value,
        Func<(RestrictedConstants c, SupportFamily Family), ConstantKind> kind, bool lowest)
    {
        ConstantBound? best = null;
        // Deterministic preference on ties: the estimate nearest the level first, then the family asked for.
        foreach (var e in estimates.OrderBy(e => Math.Abs(e.c.EffectiveLevel - level)).ThenBy(e => e.Family != family))
        {
            double v = value(e);
            if (!double.IsFinite(v))
            {
                continue;
            }

            if (best is null || (lowest ? v < best.Value : v > best.Value))
            {
                best = new ConstantBound(v, kind(e), e.c.EffectiveLevel, e.Family);
            }
        }

        return best;
    }
}
