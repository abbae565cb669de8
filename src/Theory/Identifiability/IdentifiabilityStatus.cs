namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>Whether the s-sparse solution of Aw = y is unique (theory.md §4: RSC at level 2s &gt; 0 ⇒ unique).</summary>
public enum IdentifiabilityStatus
{
    /// <summary>The certified α_2s is positive: no other s-sparse w has Aw = y.</summary>
    Certified,

    /// <summary>The witness α_2s is positive but no certificate exists.</summary>
    Estimated,

    /// <summary>α_2s is (numerically) zero: some 2s columns are dependent.</summary>
    NotIdentifiable,
}
