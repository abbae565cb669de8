using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// The mask computation D_j = diag(1[X h_j ≥ 0]) (or &gt; 0) written straight into the bit masks of
/// <see cref="ActivationPatterns"/> (bit i of word i/64 of block j), in two forms:
/// <list type="bullet">
/// <item><see cref="Dense"/>: dense generators h_j ∈ ℝ^d (the dictionary). x_iᵀh_j is computed in the order of
/// <see cref="VectorKernels.Dot"/>(x_i, h_j) (eight lanes over ℓ ≡ l mod 8, pairwise combine, tail in order), so the bits
/// equal <see cref="ActivationPatterns.SetDense"/>'s. A register tile holds two samples × eight blocks
/// (16 accumulators); the eight lane sums of eight blocks are combined by one butterfly of unpack/permute/add in
/// exactly Dot's order.</item>
/// <item><see cref="Sparse"/>: sparse generators (the sequential-convex update h_j := w_j, cost n·nnz(w_j)). x_iᵀh_j
/// is one fused multiply–add chain over the nonzeros in order from +0, as <see cref="ActivationPatterns.SetSparse"/>,
/// computed for eight samples at a time from <see cref="RowTiles"/>.</item>
/// </list>
/// Both only touch the words (dense) or bytes (sparse) of their row range, so row ranges may run on different threads.
/// </summary>
public static class PatternKernels
{
    /// <summary>
    /// Sets the bits of samples [firstRow, firstRow + rowCount) (firstRow a multiple of 64; rowCount a multiple of 64
    /// unless the range ends at n) for every block j of the block-major <paramref name="generators"/>.
    /// </summary>
    public static void Dense(DataMatrix data, ReadOnlySpan<double> generators, PatternRule rule, Span<ulong> words, int wordsPerBlock, int firstRow, int rowCount)
    {
        int n = data.Rows, d = data.Columns, blocks = generators.Length / d;
        CheckRows(n, firstRow, rowCount);
        if (words.Length < (long)blocks * wordsPerBlock)
        {
            throw new ArgumentException("the mask words are too short for the generators");
        }

        Avx512Backend.RequireSupport();
        if (d < 8)
        {
            DotMasks.Dense(data, generators, rule, words, wordsPerBlock, firstRow, rowCount, VectorKernels.Dot);
            return;
        }

        int fullGroups = blocks / 8;
        Span<byte> rowBits = stackalloc byte[64];
        Span<double> tail = stackalloc double[8 * 8];
        unsafe
        {
            fixed (double* x = data.Values)
            fixed (double* h = generators)
            fixed (byte* bytes = rowBits)
            fixed (double* tailValues = tail)
            {
                for (int group = 0; group < fullGroups; group++)
                {
                    double* hg = h + ((long)group * 8 * d);
                    int tailLength = d % 8, body = d - tailLength;
                    for (int u = 0; u < tailLength; u++)
                    {
                        for (int jj = 0; jj < 8; jj++)
                        {
                            tailValues[(u * 8) + jj] = hg[(jj * d) + body + u];
                        }
                    }

                    for (int start = firstRow; start < firstRow + rowCount; start += 64)
                    {
                        int rows = Math.Min(64, firstRow + rowCount - start);
                        int i = 0;
                        for (; i + 2 <= rows; i += 2)
                        {
                            DenseRows(x + ((long)(start + i) * d), d, hg, tailValues, rule, bytes + i);
                        }

                        if (i < rows)
                        {
                            DenseRows(x + ((long)(start + i) * d), 0, hg, tailValues, rule, bytes + i, d);
                            bytes[i + 1] = 0;
                            i += 2;
                        }

                        for (; i < 64; i++)
                        {
                            bytes[i] = 0;
                        }

                        Vector512<byte> all = Vector512.Load(bytes);
                        int word = start >> 6;
                        for (int jj = 0; jj < 8; jj++)
                        {
                            words[((group * 8) + jj) * wordsPerBlock + word] = Vector512.ExtractMostSignificantBits(Vector512.ShiftLeft(all, 7 - jj));
                        }
                    }
                }
            }
        }

        if (fullGroups * 8 < blocks)
        {
            DotMasks.Dense(data, generators, rule, words, wordsPerBlock, firstRow, rowCount, VectorKernels.Dot, fullGroups * 8);
        }
    }

    /// <summary>
    /// Sets the bits of the samples of tiles [firstTile, firstTile + tileCount) for every group of
    /// <paramref name="generators"/> (built with values): bit (b, i) = 1[Σ_t X[i, c_t]·v_t ≥ 0] (or &gt; 0), the sum one
    /// fused multiply–add chain in position order from +0. An empty group gives the all-on (≥) or all-off (&gt;) pattern.
    /// Bits of samples ≥ n stay 0.
    /// </summary>
    public static void Sparse(RowTiles tiles, BlockGroups generators, PatternRule rule, Span<ulong> words, int wordsPerBlock, int firstTile, int tileCount)
    {
        if (firstTile < 0 || tileCount < 0 || firstTile + tileCount > tiles.Count || wordsPerBlock * 8 < tiles.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(firstTile), $"tiles [{firstTile}, {firstTile + tileCount}) exceed [0, {tiles.Count})");
        }

        Avx512Backend.RequireSupport();

        int n = tiles.Rows, stride = tiles.Columns * RowTiles.Height, bytesPerBlock = wordsPerBlock * sizeof(ulong);
        bool orEqual = rule == PatternRule.GreaterOrEqual;
        unsafe
        {
            fixed (double* xt = tiles.Values)
            fixed (ulong* w = words)
            fixed (int* blocks = generators.BlockArray)
            fixed (int* starts = generators.StartArray)
            fixed (int* coordinates = generators.CoordinateArray)
            fixed (double* values = generators.ValueArray)
            {
                byte* masks = (byte*)w;
                int q = firstTile, end = firstTile + tileCount;
                for (; q + 4 <= end; q += 4)
                {
                    double* tile0 = xt + ((long)q * stride), tile1 = tile0 + stride, tile2 = tile1 + stride, tile3 = tile2 + stride;
                    uint valid = ValidBits(q, n) | (ValidBits(q + 1, n) << 8) | (ValidBits(q + 2, n) << 16) | (ValidBits(q + 3, n) << 24);
                    for (int g = 0; g < generators.Count; g++)
                    {
                        Vector512<double> s0 = default, s1 = default, s2 = default, s3 = default;
                        for (int t = starts[g]; t < starts[g + 1]; t++)
                        {
                            int offset = coordinates[t] * RowTiles.Height;
                            Vector512<double> v = Vector512.Create(values[t]);
                            s0 = Vector512.FusedMultiplyAdd(Vector512.Load(tile0 + offset), v, s0);
                            s1 = Vector512.FusedMultiplyAdd(Vector512.Load(tile1 + offset), v, s1);
                            s2 = Vector512.FusedMultiplyAdd(Vector512.Load(tile2 + offset), v, s2);
                            s3 = Vector512.FusedMultiplyAdd(Vector512.Load(tile3 + offset), v, s3);
                        }

                        uint bits = Active(s0, orEqual) | (Active(s1, orEqual) << 8) | (Active(s2, orEqual) << 16) | (Active(s3, orEqual) << 24);
                        *(uint*)(masks + ((long)blocks[g] * bytesPerBlock) + q) = bits & valid;
                    }
                }

                for (; q < end; q++)
                {
                    double* tile0 = xt + ((long)q * stride);
                    uint valid = ValidBits(q, n);
                    for (int g = 0; g < generators.Count; g++)
                    {
                        Vector512<double> s0 = default;
                        for (int t = starts[g]; t < starts[g + 1]; t++)
                        {
                            s0 = Vector512.FusedMultiplyAdd(Vector512.Load(tile0 + (coordinates[t] * RowTiles.Height)), Vector512.Create(values[t]), s0);
                        }

                        masks[((long)blocks[g] * bytesPerBlock) + q] = (byte)(Active(s0, orEqual) & valid);
                    }
                }
            }
        }
    }

    private static void CheckRows(int n, int firstRow, int rowCount)
    {
        if (firstRow < 0 || rowCount < 0 || firstRow + rowCount > n || firstRow % 64 != 0 || (rowCount % 64 != 0 && firstRow + rowCount != n))
        {
            throw new ArgumentOutOfRangeException(nameof(firstRow), $"rows [{firstRow}, {firstRow + rowCount}) must lie in [0, {n}) on 64-row boundaries");
        }
    }

    private static uint ValidBits(int q, int n)
    {
        int rows = n - (q * RowTiles.Height);
        return rows >= RowTiles.Height ? 0xFFu : rows <= 0 ? 0u : (1u << rows) - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Active(Vector512<double> pre, bool orEqual) =>
        (uint)(orEqual
            ? Vector512.GreaterThanOrEqual(pre, Vector512<double>.Zero).ExtractMostSignificantBits()
            : Vector512.GreaterThan(pre, Vector512<double>.Zero).ExtractMostSignificantBits());

    // Pattern bits of one or two consecutive samples (x points at the first row; rowStride = 0 repeats it) for the
    // eight blocks at h (block-major, d each): bits[u] bit jj = 1[x_{i+u}ᵀ h_jj ≥ 0] (or > 0), in Dot's order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void DenseRows(double* x, int rowStride, double* h, double* tail, PatternRule rule, byte* bits, int d = -1)
    {
        if (d < 0)
        {
            d = rowStride;
        }

        double* x1 = x + rowStride;
        int body = d - (d % 8);
        Vector512<double> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        Vector512<double> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default, b6 = default, b7 = default;
        for (int l = 0; l < body; l += 8)
        {
            Vector512<double> u = Vector512.Load(x + l), v = Vector512.Load(x1 + l), hv;
            hv = Vector512.Load(h + l); a0 = Vector512.FusedMultiplyAdd(u, hv, a0); b0 = Vector512.FusedMultiplyAdd(v, hv, b0);
            hv = Vector512.Load(h + d + l); a1 = Vector512.FusedMultiplyAdd(u, hv, a1); b1 = Vector512.FusedMultiplyAdd(v, hv, b1);
            hv = Vector512.Load(h + (2 * d) + l); a2 = Vector512.FusedMultiplyAdd(u, hv, a2); b2 = Vector512.FusedMultiplyAdd(v, hv, b2);
            hv = Vector512.Load(h + (3 * d) + l); a3 = Vector512.FusedMultiplyAdd(u, hv, a3); b3 = Vector512.FusedMultiplyAdd(v, hv, b3);
            hv = Vector512.Load(h + (4 * d) + l); a4 = Vector512.FusedMultiplyAdd(u, hv, a4); b4 = Vector512.FusedMultiplyAdd(v, hv, b4);
            hv = Vector512.Load(h + (5 * d) + l); a5 = Vector512.FusedMultiplyAdd(u, hv, a5); b5 = Vector512.FusedMultiplyAdd(v, hv, b5);
            hv = Vector512.Load(h + (6 * d) + l); a6 = Vector512.FusedMultiplyAdd(u, hv, a6); b6 = Vector512.FusedMultiplyAdd(v, hv, b6);
            hv = Vector512.Load(h + (7 * d) + l); a7 = Vector512.FusedMultiplyAdd(u, hv, a7); b7 = Vector512.FusedMultiplyAdd(v, hv, b7);
        }

        Vector512<double> totalA = Combine(a0, a1, a2, a3, a4, a5, a6, a7);
        Vector512<double> totalB = Combine(b0, b1, b2, b3, b4, b5, b6, b7);
        for (int u = 0; u < d - body; u++)
        {
            Vector512<double> hv = Vector512.Load(tail + (u * 8));
            totalA = Vector512.FusedMultiplyAdd(Vector512.Create(x[body + u]), hv, totalA);
            totalB = Vector512.FusedMultiplyAdd(Vector512.Create(x1[body + u]), hv, totalB);
        }

        bool orEqual = rule == PatternRule.GreaterOrEqual;
        bits[0] = (byte)Active(totalA, orEqual);
        bits[1] = (byte)Active(totalB, orEqual);
    }

    // lane jj of the result = ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)) of vector jj, the combine of VectorKernels.Dot.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Combine(
        Vector512<double> v0, Vector512<double> v1, Vector512<double> v2, Vector512<double> v3,
        Vector512<double> v4, Vector512<double> v5, Vector512<double> v6, Vector512<double> v7)
    {
        // Level 1: adjacent lanes. s01 = [v0₀+v0₁, v1₀+v1₁, v0₂+v0₃, v1₂+v1₃, v0₄+v0₅, v1₄+v1₅, v0₆+v0₇, v1₆+v1₇].
        Vector512<double> s01 = Avx512F.UnpackLow(v0, v1) + Avx512F.UnpackHigh(v0, v1);
        Vector512<double> s23 = Avx512F.UnpackLow(v2, v3) + Avx512F.UnpackHigh(v2, v3);
        Vector512<double> s45 = Avx512F.UnpackLow(v4, v5) + Avx512F.UnpackHigh(v4, v5);
        Vector512<double> s67 = Avx512F.UnpackLow(v6, v7) + Avx512F.UnpackHigh(v6, v7);

        // Level 2: pairs at distance 2. q0123 = [v0₀₋₃, v1₀₋₃, v2₀₋₃, v3₀₋₃, v0₄₋₇, v1₄₋₇, v2₄₋₇, v3₄₋₇].
        Vector512<long> even = Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13), odd = Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15);
        Vector512<double> q0123 = Avx512F.PermuteVar8x64x2(s01, even, s23) + Avx512F.PermuteVar8x64x2(s01, odd, s23);
        Vector512<double> q4567 = Avx512F.PermuteVar8x64x2(s45, even, s67) + Avx512F.PermuteVar8x64x2(s45, odd, s67);

        // Level 3: the two halves.
        Vector512<long> low = Vector512.Create(0L, 1, 2, 3, 8, 9, 10, 11), high = Vector512.Create(4L, 5, 6, 7, 12, 13, 14, 15);
        return Avx512F.PermuteVar8x64x2(q0123, low, q4567) + Avx512F.PermuteVar8x64x2(q0123, high, q4567);
    }
}
