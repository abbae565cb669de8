namespace SparseIhtVerify.Theory.Constants;

/// <summary>How a restricted constant was obtained (theory.md §3). Each reported number says which it is.</summary>
public enum ConstantKind
{
    /// <summary>The true value: the full Gram (level ≥ N) or every support of the level enumerated.</summary>
    Exact,

    /// <summary>From supports found by sampling or search: an upper bound for α, a lower bound for β.</summary>
    Witness,

    /// <summary>A proven bound from the Gram entries (Gershgorin-type, full-Gram spectrum): a lower bound for α, an upper bound for β.</summary>
    Certified,

    /// <summary>Rayleigh quotients ‖AΔ‖²/(n‖Δ‖²) along particular sparse directions Δ: witnesses along those directions.</summary>
    Directional,
}
