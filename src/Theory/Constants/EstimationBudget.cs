namespace SparseIhtVerify.Theory.Constants;

/// <summary>
/// Limits on the work of <see cref="RestrictedConstantEstimator"/>, per level, in work units so that the same
/// inputs give the same numbers on every machine: supports evaluated and multiply–adds spent evaluating them.
/// A wall-clock cap exists only when asked for (<see cref="SecondsCap"/>); when it ends a search the constants say so.
/// </summary>
/// <param name="Supports">Supports to evaluate at most (enumeration is exact only when all of them fit), ≥ 1.</param>
/// <param name="Work">
/// Multiply–adds to spend on evaluating supports at most (a support's cost is counted from its size before it is
/// evaluated: |S|³ from the full Gram, n·|S|² + |S|³ densely, 2·n·|S| per Lanczos step), &gt; 0.
/// </param>
/// <param name="SecondsCap">An explicit wall-clock cap in seconds (checked between supports), or null for none (the default).</param>
/// <param name="Directions">Random sparse directions sampled for the directional constants, ≥ 0.</param>
/// <param name="Seed">Seed of the random supports and directions.</param>
/// <param name="Enumerate">Allow the exact paths (full Gram at level ≥ N, enumeration); false forces the search alone.</param>
public sealed record EstimationBudget(int Supports = 2000, double Work = EstimationBudget.DefaultWork, double? SecondsCap = null, int Directions = 50, long Seed = 0, bool Enumerate = true)
{
    /// <summary>Default <see cref="Work"/>: 4·10¹⁰ multiply–adds per level (a few seconds on one core).</summary>
    public const double DefaultWork = 4e10;

    /// <summary>Full Grams are formed (certified bounds, enumeration) only up to this many unknowns N.</summary>
    public const int FullGramLimit = 1200;

    /// <summary>... and only while n·N² stays below this many multiply–adds.</summary>
    public const double FullGramWork = 2e10;

    /// <summary>True when the full Gram of an n×N operator is formed: N ≤ <see cref="FullGramLimit"/> and n·N² ≤ <see cref="FullGramWork"/>.</summary>
    public static bool AffordsFullGram(int rows, int columns) =>
        columns <= FullGramLimit && (double)rows * columns * columns <= FullGramWork;
}
