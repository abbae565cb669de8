using SparseIhtVerify.Solver;

namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>A collector of verified counterexamples to uniqueness, fed with null vectors v (Av ≈ 0) of A.</summary>
internal interface ICounterexamples
{
    /// <summary>The verified counterexamples, in the order found.</summary>
    List<SecondSolutionCandidate> Found { get; }

    /// <summary>Builds counterexamples from <paramref name="v"/>, verifies them by forward products, and keeps those that pass.</summary>
    void FromNullVector(SparseVector v, IdentifiabilityMethod method, string origin);
}
