namespace SparseIhtVerify.Theory.Patterns;

/// <summary>
/// The forms of exact linear dependency Σ_{j∈B} c_j D_j = 0 among activation patterns that
/// <see cref="PatternDependencies"/> searches for (|B| ≤ 4, integer coefficients). Each makes
/// v = Σ_{j∈B} c_j e_{(j,ℓ)} an exact null vector of A for every input coordinate ℓ, so α_|B| = 0 (theory.md §3).
/// </summary>
public enum PatternDependencyKind
{
    /// <summary>D_a = 0 (an all-off block; coefficients (1)). Word: "all-off".</summary>
    AllOff,

    /// <summary>D_a = D_b (a duplicate pattern; coefficients (1, −1)). Word: "duplicate".</summary>
    Duplicate,

    /// <summary>
    /// D_a + D_b = D_c with D_a, D_b disjoint and D_a ∪ D_b = D_c (coefficients ±(1, 1, −1) on a, b, c); covers a
    /// complementary pair and an all-on block (D_h + D_−h = I = D_on under ≥). Word: "pair sum equals single".
    /// </summary>
    PairSumEqualsSingle,

    /// <summary>
    /// D_a + D_b = D_c + D_d with {a, b} ∩ {c, d} = ∅ (coefficients ±(1, 1, −1, −1) on a, b, c, d); covers two
    /// complementary pairs (D_h + D_−h = I = D_g + D_−g). Word: "two pairs with equal sums".
    /// </summary>
    TwoPairsEqualSums,
}
