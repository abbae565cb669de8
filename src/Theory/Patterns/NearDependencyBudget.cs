namespace SparseIhtVerify.Theory.Patterns;

/// <summary>
/// The work bound of <see cref="NearDependencySearch"/> (no clock: the same budget always does the same work).
/// Seeds are the <see cref="ClosePairs"/> pairs of smallest Hamming distance and the <see cref="FarPairs"/> pairs of
/// largest (the most complementary). From each seed the search keeps a beam of <see cref="Beam"/> subsets per size
/// 2 … <see cref="MaxSize"/>; each subset B is grown by its <see cref="Candidates"/> best single blocks (screened by the
/// Schur complement, then evaluated exactly) and by every seed pair disjoint from B. Work: about
/// seeds·(MaxSize − 2)·Beam·(p·MaxSize² + (Candidates + seeds)·MaxSize³) flops.
/// </summary>
/// <param name="ClosePairs">Seeds with the smallest Hamming(D_a, D_b) (nearly duplicate patterns).</param>
/// <param name="FarPairs">Seeds with the largest Hamming(D_a, D_b) (nearly complementary patterns: D_a + D_b ≈ I).</param>
/// <param name="Beam">Subsets kept per size and seed.</param>
/// <param name="Candidates">Single blocks evaluated exactly per subset grown.</param>
/// <param name="MaxSize">Largest |B| (2 … <see cref="NearDependencySearch.MaxSizeLimit"/>).</param>
/// <param name="Results">Most subsets returned.</param>
public sealed record NearDependencyBudget(
    int ClosePairs = 32,
    int FarPairs = 32,
    int Beam = 4,
    int Candidates = 16,
    int MaxSize = 6,
    int Results = 32);
