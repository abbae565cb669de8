using SparseIhtVerify.Solver;

namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>
/// Null vectors of A = [D_1X | … | D_pX] from an exact linear dependency of the activation patterns, Σ_j c_j D_j = 0
/// (e.g. D_a − D_b = 0 for a duplicate, D_a + D_b − D_on = 0 for a complementary pair with an all-on block):
/// then A v_ℓ = Σ_j c_j D_j X e_ℓ = 0 for v_ℓ = Σ_j c_j e_{j·d+ℓ}, one for each input coordinate ℓ (theory.md §3).
/// The candidates to pass to <see cref="IdentifiabilityCheck.Check"/>, which verifies whatever it builds from them.
/// </summary>
public static class PatternDependency
{
    /// <summary>v_ℓ = Σ_j c_j e_{j·d+ℓ} for ℓ = 0 … d−1, of length p·d (coefficients of a repeated block are summed).</summary>
    public static IReadOnlyList<SparseVector> NullVectors(int blocks, int blockSize, IReadOnlyList<(int Block, double Coefficient)> dependency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blocks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        var combined = new SortedDictionary<int, double>();
        foreach ((int block, double coefficient) in dependency)
        {
            if (block < 0 || block >= blocks)
            {
                throw new ArgumentException($"block {block} is outside [0, {blocks})", nameof(dependency));
            }

            combined[block] = combined.GetValueOrDefault(block) + coefficient;
        }

        int[] used = combined.Where(e => e.Value != 0).Select(e => e.Key).ToArray();
        double[] values = used.Select(b => combined[b]).ToArray();
        var vectors = new List<SparseVector>(blockSize);
        for (int l = 0; l < blockSize; l++)
        {
            vectors.Add(new SparseVector(blocks * blockSize, used.Select(b => b * blockSize + l).ToArray(), values));
        }

        return vectors;
    }
}
