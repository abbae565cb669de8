namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>What an exhaustive search over every support of one size did.</summary>
/// <param name="Examined">Supports examined (it stops at the first verified counterexample).</param>
/// <param name="Total">C(N, k): supports of the size searched.</param>
/// <param name="Size">k: s for the question with w*, 2s without.</param>
/// <param name="Inconclusive">The first support that was neither settled nor gave a verified counterexample, or null.</param>
/// <param name="Reason">Why that support was inconclusive.</param>
internal sealed record ExhaustiveOutcome(int Examined, int Total, int Size, int[]? Inconclusive, string? Reason)
{
    /// <summary>Every support was examined and settled.</summary>
    public bool Settled => Examined == Total && Inconclusive is null;
}
