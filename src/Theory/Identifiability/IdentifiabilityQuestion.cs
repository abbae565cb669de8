namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>The question the identifiability check answers.</summary>
public enum IdentifiabilityQuestion
{
    /// <summary>With planted w* (or labels y): is the s-sparse solution of Aw = y unique? A second solution is an s-sparse w₂ ≠ w* with ‖Aw₂ − y‖/‖y‖ ≤ 1e−9.</summary>
    SolutionOfLabels,

    /// <summary>
    /// Without w* (a user's data and dictionary): is every s-sparse vector determined by its image? A counterexample is a pair of
    /// distinct s-sparse u, u′ with ‖Au − Au′‖ ≤ 1e−9·max(‖Au‖, ‖Au′‖), the two halves of a null vector v = u − u′ with ‖v‖₀ ≤ 2s.
    /// </summary>
    EverySparseVector,
}
