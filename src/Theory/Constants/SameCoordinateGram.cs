using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Theory.Constants;

/// <summary>
/// For a block set B and every input coordinate ℓ, the exact Gram G_S = A_SᵀA_S/n of the columns S_ℓ = {j·d + ℓ : j ∈ B}:
/// (G_ℓ)_{st} = (1/n) Σ_i D_{B_s}(i)·D_{B_t}(i)·x_iℓ² (theory.md §3), and its extreme eigenvalues. These are the true
/// eigenvalues of G_{S_ℓ} (up to rounding), so they are witnesses: α_|B| ≤ λ_min(G_ℓ) and β_|B| ≥ λ_max(G_ℓ).
/// <para>
/// One pass over the samples: sample i has the membership word m_i = Σ_t D_{B_t}(i)·2ᵗ, and the pass accumulates
/// P[m][ℓ] = Σ_{i : m_i = m} x_iℓ²; then (G_ℓ)_{st} = (1/n) Σ_{m ∋ s, t} P[m][ℓ]. Cost n·d additions plus
/// 2^|B|·|B|²·d/2; memory 2^|B|·d doubles (hence |B| ≤ <see cref="MaxBlocks"/>). Generalises
/// AdversarialSupports.SameCoordinatePairExtremes (|B| = 2).
/// </para>
/// </summary>
public sealed class SameCoordinateGram
{
    /// <summary>Most blocks in B.</summary>
    public const int MaxBlocks = 12;

    private readonly Matrix<double>[] _grams;
    private readonly (double Min, double Max)[] _extremes;

    private SameCoordinateGram(int[] blocks, int blockSize, Matrix<double>[] grams, (double Min, double Max)[] extremes)
    {
        Blocks = blocks;
        BlockSize = blockSize;
        _grams = grams;
        _extremes = extremes;
    }

    /// <summary>B, strictly increasing: row and column t of every Gram belongs to block Blocks[t].</summary>
    public IReadOnlyList<int> Blocks { get; }

    /// <summary>Input dimension d: the coordinates are ℓ = 0 … d − 1.</summary>
    public int BlockSize { get; }

    /// <summary>
    /// The Grams of <paramref name="blocks"/> (distinct, any order; sorted in the result) for every coordinate, and their
    /// extreme eigenvalues (MathNet symmetric eigendecomposition; closed form for |B| ≤ 2).
    /// </summary>
    public static SameCoordinateGram Compute(IGatedBlocks structure, ReadOnlySpan<int> blocks)
    {
        ArgumentNullException.ThrowIfNull(structure);
        int[] sorted = blocks.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0 || sorted.Length > MaxBlocks)
        {
            throw new ArgumentException($"{sorted.Length} blocks: expected 1..{MaxBlocks}", nameof(blocks));
        }

        for (int t = 0; t < sorted.Length; t++)
        {
            if (sorted[t] < 0 || sorted[t] >= structure.Blocks || (t > 0 && sorted[t] == sorted[t - 1]))
            {
                throw new ArgumentException($"blocks must be distinct and in 0..{structure.Blocks - 1}; got {string.Join(", ", sorted)}", nameof(blocks));
            }
        }

        int b = sorted.Length, d = structure.BlockSize, n = structure.Rows, masks = 1 << b;
        ActivationPatterns patterns = structure.Patterns;
        ReadOnlySpan<ulong> words = patterns.Words;
        int[] offsets = sorted.Select(j => j * patterns.WordsPerBlock).ToArray();
        var partial = new double[masks * d];
        ReadOnlySpan<double> x = structure.Data.Values;
        for (int i = 0; i < n; i++)
        {
            int word = i >> 6, bit = i & 63, m = 0;
            for (int t = 0; t < b; t++)
            {
                m |= (int)((words[offsets[t] + word] >> bit) & 1UL) << t;
            }

            if (m == 0)
            {
                continue;
            }

            ReadOnlySpan<double> row = x.Slice(i * d, d);
            Span<double> target = partial.AsSpan(m * d, d);
            for (int l = 0; l < d; l++)
            {
                target[l] += row[l] * row[l];
            }
        }

        var grams = new Matrix<double>[d];
        var extremes = new (double Min, double Max)[d];
        for (int l = 0; l < d; l++)
        {
            var gram = Matrix<double>.Build.Dense(b, b);
            for (int s = 0; s < b; s++)
            {
                for (int t = s; t < b; t++)
                {
                    int both = (1 << s) | (1 << t);
                    double sum = 0;
                    for (int m = both; m < masks; m++)
                    {
                        if ((m & both) == both)
                        {
                            sum += partial[m * d + l];
                        }
                    }

                    gram[s, t] = gram[t, s] = sum / n;
                }
            }

            grams[l] = gram;
            extremes[l] = SymmetricEigenvalues.Extremes(gram);
        }

        return new SameCoordinateGram(sorted, d, grams, extremes);
    }

    /// <summary>The support S_ℓ = {j·d + ℓ : j ∈ B}, increasing.</summary>
    public int[] Support(int coordinate)
    {
        CheckCoordinate(coordinate);
        return Blocks.Select(j => j * BlockSize + coordinate).ToArray();
    }

    /// <summary>G_{S_ℓ} = A_SᵀA_S/n for S = <see cref="Support"/>(ℓ) (a copy).</summary>
    public Matrix<double> Gram(int coordinate)
    {
        CheckCoordinate(coordinate);
        return _grams[coordinate].Clone();
    }

    /// <summary>(λ_min, λ_max) of G_{S_ℓ}.</summary>
    public (double Min, double Max) Extremes(int coordinate)
    {
        CheckCoordinate(coordinate);
        return _extremes[coordinate];
    }

    /// <summary>The coordinate ℓ of smallest λ_min(G_{S_ℓ}) (ties: lowest ℓ), and that eigenvalue: the best α_|B| witness of B.</summary>
    public (int Coordinate, double Min) SmallestMinimum()
    {
        int best = 0;
        for (int l = 1; l < BlockSize; l++)
        {
            if (_extremes[l].Min < _extremes[best].Min)
            {
                best = l;
            }
        }

        return (best, _extremes[best].Min);
    }

    /// <summary>The coordinate ℓ of largest λ_max(G_{S_ℓ}) (ties: lowest ℓ), and that eigenvalue: the best β_|B| witness of B.</summary>
    public (int Coordinate, double Max) LargestMaximum()
    {
        int best = 0;
        for (int l = 1; l < BlockSize; l++)
        {
            if (_extremes[l].Max > _extremes[best].Max)
            {
                best = l;
            }
        }

        return (best, _extremes[best].Max);
    }

    /// <summary>
    /// A unit eigenvector v of λ_min(G_{S_ℓ}) (entry t for block Blocks[t]; its largest-magnitude entry positive, ties by
    /// lower index): vᵀG v = λ_min, so ‖A_S v‖²/n = λ_min, and for λ_min ≈ 0 it is a null-vector candidate of A.
    /// </summary>
    public double[] MinEigenvector(int coordinate)
    {
        CheckCoordinate(coordinate);
        Evd<double> evd = _grams[coordinate].Evd(Symmetricity.Symmetric);
        int smallest = 0;
        for (int t = 1; t < evd.EigenValues.Count; t++)
        {
            if (evd.EigenValues[t].Real < evd.EigenValues[smallest].Real)
            {
                smallest = t;
            }
        }

        double[] v = evd.EigenVectors.Column(smallest).ToArray();
        double norm = Math.Sqrt(v.Sum(e => e * e));
        int largest = 0;
        for (int t = 1; t < v.Length; t++)
        {
            if (Math.Abs(v[t]) > Math.Abs(v[largest]))
            {
                largest = t;
            }
        }

        double scale = v[largest] < 0 ? -1 / norm : 1 / norm;
        for (int t = 0; t < v.Length; t++)
        {
            v[t] *= scale;
        }

        return v;
    }

    private void CheckCoordinate(int coordinate)
    {
        if ((uint)coordinate >= (uint)BlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(coordinate), $"coordinate {coordinate} outside 0..{BlockSize - 1}");
        }
    }
}
