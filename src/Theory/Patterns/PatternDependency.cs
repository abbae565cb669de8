namespace SparseIhtVerify.Theory.Patterns;

/// <summary>
/// One exact linear dependency among activation patterns: Σ_t Coefficients[t] · D_{Blocks[t]} = 0 sample by sample,
/// so for every input coordinate ℓ the vector v = Σ_t Coefficients[t] · e_{Blocks[t]·d + ℓ} satisfies Av = 0 and
/// α_{|Blocks|} = 0 (theory.md §3). Canonical form: <see cref="Blocks"/> strictly increasing, every coefficient
/// nonzero, the first coefficient positive. Minimal: no proper subset of the blocks carries a dependency.
/// </summary>
public sealed record PatternDependency(PatternDependencyKind Kind, IReadOnlyList<int> Blocks, IReadOnlyList<int> Coefficients)
{
    /// <summary>The kind in words: "all-off", "duplicate", "pair sum equals single", "two pairs with equal sums".</summary>
    public string Word => Kind switch
    {
        PatternDependencyKind.AllOff => "all-off",
        PatternDependencyKind.Duplicate => "duplicate",
        PatternDependencyKind.PairSumEqualsSingle => "pair sum equals single",
        PatternDependencyKind.TwoPairsEqualSums => "two pairs with equal sums",
        _ => throw new InvalidOperationException($"unknown kind {Kind}"),
    };

    /// <summary>The null vector v of A for input coordinate ℓ: column indices Blocks[t]·d + ℓ with values Coefficients[t].</summary>
    public (int[] Columns, double[] Values) NullVector(int blockSize, int coordinate)
    {
        if ((uint)coordinate >= (uint)blockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(coordinate), $"coordinate {coordinate} outside 0..{blockSize - 1}");
        }

        return (Blocks.Select(j => j * blockSize + coordinate).ToArray(), Coefficients.Select(c => (double)c).ToArray());
    }

    /// <summary>For example "two pairs with equal sums: D_3 + D_7 − D_10 − D_12 = 0".</summary>
    public override string ToString()
    {
        var terms = new System.Text.StringBuilder();
        for (int t = 0; t < Blocks.Count; t++)
        {
            int c = Coefficients[t];
            string sign = t == 0 ? (c < 0 ? "−" : "") : (c < 0 ? " − " : " + ");
            string magnitude = Math.Abs(c) == 1 ? "" : Math.Abs(c).ToString(System.Globalization.CultureInfo.InvariantCulture);
            terms.Append(sign).Append(magnitude).Append("D_").Append(Blocks[t].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return $"{Word}: {terms} = 0";
    }
}
