using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// The gradient pass of <see cref="GradientGemmKernel"/> in single precision (an optional, faster path; the solvers use
/// the double one): g_j[ℓ] = Σ_i D_j[i]·fl(r_i)·fl(X[i, ℓ]) with fl the rounding to float, accumulated in float and
/// returned as double. 512-bit vectors hold 16 floats, so a register tile is 12 inputs × 32 blocks and the expanded
/// mask panel 256 rows × 32 blocks (32 KB); X is read from a float copy (n·d floats, one per data matrix).
/// Summation order: per entry one float fused multiply–add chain over the rows in order, as
/// <see cref="AccumulateReference"/> (bit-identical to it). Against the double pass the error is bounded by
/// (n + 2)·2⁻²⁴·Σ_i |r_i X[i, ℓ]| (input roundings and sequential accumulation).
/// </summary>
public static class Float32GradientKernel
{
    /// <summary>Blocks per expanded mask panel (two 512-bit vectors of floats).</summary>
    public const int PanelBlocks = 32;

    private const int PanelRows = GradientGemmKernel.PanelRows;
    private const int TileInputs = GradientGemmKernel.TileInputs;
    private static readonly ConditionalWeakTable<DataMatrix, float[]> Copies = new();

    /// <summary>result[b·d + ℓ] ← g_{firstBlock+b}[ℓ] computed in single precision (see the class remarks).</summary>
    public static void Accumulate(DataMatrix data, ActivationPatterns patterns, ReadOnlySpan<double> r, int firstBlock, int blockCount, Span<double> result, GradientWorkspace? workspace = null)
    {
        KernelChecks.Gradient(data, patterns, r, firstBlock, blockCount, result);
        if (blockCount == 0)
        {
            return;
        }

        if (!Vector512.IsHardwareAccelerated)
        {
            AccumulateReference(data, patterns, r, firstBlock, blockCount, result);
            return;
        }

        int n = data.Rows, d = data.Columns;
        float[] x = SingleData(data);
        workspace ??= GradientWorkspace.ForCurrentThread();
        int panels = (blockCount + PanelBlocks - 1) / PanelBlocks, ldc = panels * PanelBlocks;
        workspace.Ensure(((d * ldc) + 1) / 2);
        unsafe
        {
            float* c = (float*)workspace.Product.Pointer;
            float* panel = (float*)workspace.Panel.Pointer;
            new Span<float>(c, d * ldc).Clear();
            fixed (float* xp = x)
            fixed (double* rp = r)
            fixed (ulong* words = patterns.Words)
            {
                for (int kb = 0; kb < n; kb += PanelRows)
                {
                    int rows = Math.Min(PanelRows, n - kb);
                    GradientGemmKernel.Prefetch((double*)(xp + ((long)(kb + rows) * d)), (long)Math.Min(PanelRows, n - kb - rows) * d / 2);
                    float* xk = xp + ((long)kb * d);
                    for (int jp = 0; jp < panels; jp++)
                    {
                        int first = firstBlock + (jp * PanelBlocks);
                        ExpandPanel(words, patterns.WordsPerBlock, first, Math.Min(PanelBlocks, blockCount - (jp * PanelBlocks)), rp, kb, rows, panel);
                        float* cj = c + (jp * PanelBlocks);
                        int l = 0;
                        for (; l + TileInputs <= d; l += TileInputs)
                        {
                            Tile<C12>(xk + l, d, panel, rows, cj + (l * ldc), ldc);
                        }

                        if (l < d)
                        {
                            TileRemainder(d - l, xk + l, d, panel, rows, cj + (l * ldc), ldc);
                        }
                    }
                }
            }

            for (int b = 0; b < blockCount; b++)
            {
                for (int l = 0; l < d; l++)
                {
                    result[(b * d) + l] = c[(l * ldc) + b];
                }
            }
        }
    }

    /// <summary>Plain reference: per entry, sum ← fma(fl(X[i, ℓ]), fl(r_i), sum) in float over the active rows in order.</summary>
    public static void AccumulateReference(DataMatrix data, ActivationPatterns patterns, ReadOnlySpan<double> r, int firstBlock, int blockCount, Span<double> result)
    {
        KernelChecks.Gradient(data, patterns, r, firstBlock, blockCount, result);
        int d = data.Columns;
        for (int b = 0; b < blockCount; b++)
        {
            for (int l = 0; l < d; l++)
            {
                float sum = 0;
                for (int i = 0; i < data.Rows; i++)
                {
                    if (patterns.IsOn(firstBlock + b, i))
                    {
                        sum = MathF.FusedMultiplyAdd((float)data[i, l], (float)r[i], sum);
                    }
                }

                result[(b * d) + l] = sum;
            }
        }
    }

    /// <summary>The float copy of X (row-major), built once per data matrix.</summary>
    public static float[] SingleData(DataMatrix data) => Copies.GetValue(data, static m =>
    {
        ReadOnlySpan<double> values = m.Values;
        var copy = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            copy[i] = (float)values[i];
        }

        return copy;
    });

    // panel[(i − firstRow)·32 + jj] = D_{first+jj}[i] ? fl(r_i) : +0 (jj ≥ count: 0); firstRow a multiple of 64.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ExpandPanel(ulong* words, int wordsPerBlock, int first, int count, double* r, int firstRow, int rows, float* panel)
    {
        Span<uint> low = stackalloc uint[PanelBlocks];
        Span<uint> high = stackalloc uint[PanelBlocks];
        for (int start = firstRow; start < firstRow + rows; start += 64)
        {
            int word = start >> 6;
            for (int jj = 0; jj < PanelBlocks; jj++)
            {
                ulong bits = jj < count ? words[((long)(first + jj) * wordsPerBlock) + word] : 0UL;
                low[jj] = (uint)bits;
                high[jj] = (uint)(bits >> 32);
            }

            Vector512<uint> low0 = Vector512.Create((ReadOnlySpan<uint>)low[..16]), low1 = Vector512.Create((ReadOnlySpan<uint>)low[16..]);
            Vector512<uint> high0 = Vector512.Create((ReadOnlySpan<uint>)high[..16]), high1 = Vector512.Create((ReadOnlySpan<uint>)high[16..]);
            int end = Math.Min(64, firstRow + rows - start);
            float* destination = panel + ((start - firstRow) * PanelBlocks);
            for (int u = 0; u < end; u++, destination += PanelBlocks)
            {
                Vector512<uint> bit = Vector512.Create(1u << (u & 31));
                Vector512<uint> w0 = u < 32 ? low0 : high0, w1 = u < 32 ? low1 : high1;
                Vector512<float> value = Vector512.Create((float)r[start + u]);
                Vector512.ConditionalSelect(Vector512.Equals(w0 & bit, bit).AsSingle(), value, Vector512<float>.Zero).Store(destination);
                Vector512.ConditionalSelect(Vector512.Equals(w1 & bit, bit).AsSingle(), value, Vector512<float>.Zero).Store(destination + 16);
            }
        }
    }

    private static unsafe void TileRemainder(int count, float* x, int ldx, float* p, int rows, float* c, int ldc)
    {
        switch (count)
        {
            case 1: Tile<C1>(x, ldx, p, rows, c, ldc); break;
            case 2: Tile<C2>(x, ldx, p, rows, c, ldc); break;
            case 3: Tile<C3>(x, ldx, p, rows, c, ldc); break;
            case 4: Tile<C4>(x, ldx, p, rows, c, ldc); break;
            case 5: Tile<C5>(x, ldx, p, rows, c, ldc); break;
            case 6: Tile<C6>(x, ldx, p, rows, c, ldc); break;
            case 7: Tile<C7>(x, ldx, p, rows, c, ldc); break;
            case 8: Tile<C8>(x, ldx, p, rows, c, ldc); break;
            case 9: Tile<C9>(x, ldx, p, rows, c, ldc); break;
            case 10: Tile<C10>(x, ldx, p, rows, c, ldc); break;
            case 11: Tile<C11>(x, ldx, p, rows, c, ldc); break;
            default: throw new ArgumentOutOfRangeException(nameof(count));
        }
    }

    // One register tile in single precision: C[a][0..32) += Σ_i X[i, ℓ0 + a] · P[i][0..32) for a < TRows.Value (≤ 12).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Tile<TRows>(float* x, int ldx, float* p, int rows, float* c, int ldc)
        where TRows : struct, IConstant
    {
        int count = TRows.Value;
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default, c90 = default, c91 = default, cA0 = default, cA1 = default, cB0 = default, cB1 = default;
        { c00 = Vector512.Load(c + (0 * ldc)); c01 = Vector512.Load(c + (0 * ldc) + 16); }
        if (count > 1) { c10 = Vector512.Load(c + (1 * ldc)); c11 = Vector512.Load(c + (1 * ldc) + 16); }
        if (count > 2) { c20 = Vector512.Load(c + (2 * ldc)); c21 = Vector512.Load(c + (2 * ldc) + 16); }
        if (count > 3) { c30 = Vector512.Load(c + (3 * ldc)); c31 = Vector512.Load(c + (3 * ldc) + 16); }
        if (count > 4) { c40 = Vector512.Load(c + (4 * ldc)); c41 = Vector512.Load(c + (4 * ldc) + 16); }
        if (count > 5) { c50 = Vector512.Load(c + (5 * ldc)); c51 = Vector512.Load(c + (5 * ldc) + 16); }
        if (count > 6) { c60 = Vector512.Load(c + (6 * ldc)); c61 = Vector512.Load(c + (6 * ldc) + 16); }
        if (count > 7) { c70 = Vector512.Load(c + (7 * ldc)); c71 = Vector512.Load(c + (7 * ldc) + 16); }
        if (count > 8) { c80 = Vector512.Load(c + (8 * ldc)); c81 = Vector512.Load(c + (8 * ldc) + 16); }
        if (count > 9) { c90 = Vector512.Load(c + (9 * ldc)); c91 = Vector512.Load(c + (9 * ldc) + 16); }
        if (count > 10) { cA0 = Vector512.Load(c + (10 * ldc)); cA1 = Vector512.Load(c + (10 * ldc) + 16); }
        if (count > 11) { cB0 = Vector512.Load(c + (11 * ldc)); cB1 = Vector512.Load(c + (11 * ldc) + 16); }

        for (int i = 0; i < rows; i++, x += ldx, p += PanelBlocks)
        {
            Vector512<float> b0 = Vector512.Load(p), b1 = Vector512.Load(p + 16), a;
            { a = Vector512.Create(x[0]); c00 = Vector512.FusedMultiplyAdd(a, b0, c00); c01 = Vector512.FusedMultiplyAdd(a, b1, c01); }
            if (count > 1) { a = Vector512.Create(x[1]); c10 = Vector512.FusedMultiplyAdd(a, b0, c10); c11 = Vector512.FusedMultiplyAdd(a, b1, c11); }
            if (count > 2) { a = Vector512.Create(x[2]); c20 = Vector512.FusedMultiplyAdd(a, b0, c20); c21 = Vector512.FusedMultiplyAdd(a, b1, c21); }
            if (count > 3) { a = Vector512.Create(x[3]); c30 = Vector512.FusedMultiplyAdd(a, b0, c30); c31 = Vector512.FusedMultiplyAdd(a, b1, c31); }
            if (count > 4) { a = Vector512.Create(x[4]); c40 = Vector512.FusedMultiplyAdd(a, b0, c40); c41 = Vector512.FusedMultiplyAdd(a, b1, c41); }
            if (count > 5) { a = Vector512.Create(x[5]); c50 = Vector512.FusedMultiplyAdd(a, b0, c50); c51 = Vector512.FusedMultiplyAdd(a, b1, c51); }
            if (count > 6) { a = Vector512.Create(x[6]); c60 = Vector512.FusedMultiplyAdd(a, b0, c60); c61 = Vector512.FusedMultiplyAdd(a, b1, c61); }
            if (count > 7) { a = Vector512.Create(x[7]); c70 = Vector512.FusedMultiplyAdd(a, b0, c70); c71 = Vector512.FusedMultiplyAdd(a, b1, c71); }
            if (count > 8) { a = Vector512.Create(x[8]); c80 = Vector512.FusedMultiplyAdd(a, b0, c80); c81 = Vector512.FusedMultiplyAdd(a, b1, c81); }
            if (count > 9) { a = Vector512.Create(x[9]); c90 = Vector512.FusedMultiplyAdd(a, b0, c90); c91 = Vector512.FusedMultiplyAdd(a, b1, c91); }
            if (count > 10) { a = Vector512.Create(x[10]); cA0 = Vector512.FusedMultiplyAdd(a, b0, cA0); cA1 = Vector512.FusedMultiplyAdd(a, b1, cA1); }
            if (count > 11) { a = Vector512.Create(x[11]); cB0 = Vector512.FusedMultiplyAdd(a, b0, cB0); cB1 = Vector512.FusedMultiplyAdd(a, b1, cB1); }
        }

        { c00.Store(c + (0 * ldc)); c01.Store(c + (0 * ldc) + 16); }
        if (count > 1) { c10.Store(c + (1 * ldc)); c11.Store(c + (1 * ldc) + 16); }
        if (count > 2) { c20.Store(c + (2 * ldc)); c21.Store(c + (2 * ldc) + 16); }
        if (count > 3) { c30.Store(c + (3 * ldc)); c31.Store(c + (3 * ldc) + 16); }
        if (count > 4) { c40.Store(c + (4 * ldc)); c41.Store(c + (4 * ldc) + 16); }
        if (count > 5) { c50.Store(c + (5 * ldc)); c51.Store(c + (5 * ldc) + 16); }
        if (count > 6) { c60.Store(c + (6 * ldc)); c61.Store(c + (6 * ldc) + 16); }
        if (count > 7) { c70.Store(c + (7 * ldc)); c71.Store(c + (7 * ldc) + 16); }
        if (count > 8) { c80.Store(c + (8 * ldc)); c81.Store(c + (8 * ldc) + 16); }
        if (count > 9) { c90.Store(c + (9 * ldc)); c91.Store(c + (9 * ldc) + 16); }
        if (count > 10) { cA0.Store(c + (10 * ldc)); cA1.Store(c + (10 * ldc) + 16); }
        if (count > 11) { cB0.Store(c + (11 * ldc)); cB1.Store(c + (11 * ldc) + 16); }
    }
}
