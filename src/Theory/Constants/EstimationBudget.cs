namespace SparseIhtVerify.Theory.Constants;

/// <summary>Limits on the work of <see cref="RestrictedConstantEstimator"/>, per level.</summary>
/// <param name="Supports">Supports to evaluate at most (enumeration is exact only when all of them fit).</param>
/// <param name="Seconds">Wall-clock seconds at most (checked between supports).</param>
/// <param name="Directions">Random sparse directions sampled for the directional constants.</param>
/// <param name="Seed">Seed of the random supports and directions.</param>
/// <param name="Enumerate">Allow the exact paths (full Gram at level ≥ N, enumeration); false forces the search alone.</param>
public sealed record EstimationBudget(int Supports = 2000, double Seconds = 20, int Directions = 50, long Seed = 0, bool Enumerate = true)
{
    /// <summary>Full Grams are formed (certified bounds, enumeration) only up to this many unknowns N.</summary>
    public const int FullGramLimit = 1200;

    /// <summary>... and only while n·N² stays below this many multiply–adds.</summary>
    public const double FullGramWork = 2e10;
}
