using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// The gradient pass of the network operator over a chunk of blocks as one matrix product. For blocks
/// j = first … first+B−1 the block gradients are g_j = (D_j X)ᵀ r = Xᵀ (D_j r), i.e. the d×B product
/// G = Xᵀ P with P[i, j] = D_j[i]·r_i (the masked residual, 0 or exactly r_i), so G[ℓ, j] = Σ_i X[i, ℓ]·P[i, j].
/// </summary>
/// <remarks>
/// <para>Cache blocking: rows in panels of <see cref="PanelRows"/>; blocks in panels of <see cref="PanelBlocks"/>
/// whose P is expanded from the bit masks into a 32 KB buffer (L1); inputs in register tiles of
/// <see cref="TileInputs"/>. Each register tile keeps 12×2 vectors of accumulators (24 zmm registers) and per row
/// does 2 vector loads of P, 12 broadcasts of X and 24 fused multiply–adds. X is read in place (row-major) and the
/// next row panel is prefetched.</para>
/// <para>Summation order: every entry G[ℓ, j] is one chain of fused multiply–adds over the rows in increasing
/// order, g ← fma(X[i, ℓ], P[i, j], g) from g = +0 (the accumulators of a tile are stored after one row panel and
/// reloaded for the next). This is exactly <see cref="ReferenceGradient.Accumulate"/>, so the result is bit-identical to it,
/// on every machine, for any chunking of the blocks and any number of threads. A zero P[i, j] adds ±0 and leaves
/// g unchanged, so masked-off rows (and a non-finite r_i on a masked-off row) do not contribute.</para>
/// <para>Part of <see cref="Avx512Backend"/>; <see cref="PortableBackend"/> has the row-outer <see cref="RowOuterGradientKernel"/> (same order).</para>
/// </remarks>
public static class GradientGemmKernel
{
    /// <summary>Rows per panel (a multiple of 64, so a panel starts on a mask word).</summary>
    public const int PanelRows = 256;

    /// <summary>Blocks per expanded mask panel (two 512-bit vectors).</summary>
    public const int PanelBlocks = 16;

    /// <summary>Input coordinates per register tile.</summary>
    public const int TileInputs = 12;

    /// <summary>
    /// result[b·d + ℓ] ← g_{firstBlock+b}[ℓ] = Σ_i D_{firstBlock+b}[i]·r_i·X[i, ℓ] for b &lt; blockCount (block-major,
    /// like the columns of A). <paramref name="workspace"/> holds the scratch (one per thread; null: a per-thread one).
    /// </summary>
    public static void Accumulate(DataMatrix data, ActivationPatterns patterns, ReadOnlySpan<double> r, int firstBlock, int blockCount, Span<double> result, GradientWorkspace? workspace = null)
    {
        int n = data.Rows, d = data.Columns;
        KernelChecks.Gradient(data, patterns, r, firstBlock, blockCount, result);
        if (blockCount == 0)
        {
            return;
        }

        Avx512Backend.RequireSupport();
        workspace ??= GradientWorkspace.ForCurrentThread();
        int panels = (blockCount + PanelBlocks - 1) / PanelBlocks;
        int ldc = panels * PanelBlocks;
        workspace.Ensure(d * ldc);
        Span<double> product = workspace.Product.Span[..(d * ldc)];
        product.Clear();
        unsafe
        {
            double* c = workspace.Product.Pointer;
            double* panel = workspace.Panel.Pointer;
            fixed (double* x = data.Values)
            fixed (double* rp = r)
            fixed (ulong* words = patterns.Words)
            {
                for (int kb = 0; kb < n; kb += PanelRows)
                {
                    int rows = Math.Min(PanelRows, n - kb);
                    Prefetch(x + ((long)(kb + rows) * d), (long)Math.Min(PanelRows, n - kb - rows) * d);
                    double* xk = x + ((long)kb * d);
                    for (int jp = 0; jp < panels; jp++)
                    {
                        int first = firstBlock + (jp * PanelBlocks);
                        ExpandPanel(words, patterns.WordsPerBlock, first, Math.Min(PanelBlocks, blockCount - (jp * PanelBlocks)), rp, kb, rows, panel);
                        double* cj = c + (jp * PanelBlocks);
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
        }

        for (int b = 0; b < blockCount; b++)
        {
            Span<double> g = result.Slice(b * d, d);
            for (int l = 0; l < d; l++)
            {
                g[l] = product[(l * ldc) + b];
            }
        }
    }

    // panel[(i − firstRow)·16 + jj] = D_{first+jj}[i] ? r_i : +0 for i in [firstRow, firstRow + rows), jj < 16
    // (jj ≥ count: 0). firstRow is a multiple of 64, so each group of 64 rows is one mask word per block.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ExpandPanel(ulong* words, int wordsPerBlock, int first, int count, double* r, int firstRow, int rows, double* panel)
    {
        Span<ulong> gathered = stackalloc ulong[PanelBlocks];
        for (int start = firstRow; start < firstRow + rows; start += 64)
        {
            int word = start >> 6;
            for (int jj = 0; jj < PanelBlocks; jj++)
            {
                gathered[jj] = jj < count ? words[((long)(first + jj) * wordsPerBlock) + word] : 0UL;
            }

            Vector512<ulong> lo = Vector512.Create((ReadOnlySpan<ulong>)gathered[..8]);
            Vector512<ulong> hi = Vector512.Create((ReadOnlySpan<ulong>)gathered[8..]);
            int end = Math.Min(64, firstRow + rows - start);
            double* destination = panel + ((start - firstRow) * PanelBlocks);
            for (int u = 0; u < end; u++, destination += PanelBlocks)
            {
                Vector512<ulong> bit = Vector512.Create(1UL << u);
                Vector512<double> value = Vector512.Create(r[start + u]);
                Vector512.ConditionalSelect(Vector512.Equals(lo & bit, bit).AsDouble(), value, Vector512<double>.Zero).Store(destination);
                Vector512.ConditionalSelect(Vector512.Equals(hi & bit, bit).AsDouble(), value, Vector512<double>.Zero).Store(destination + 8);
            }
        }
    }

    internal static unsafe void Prefetch(double* start, long length)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        for (long o = 0; o < length; o += 8)
        {
            Sse.Prefetch0(start + o);
        }
    }

    internal static unsafe void TileRemainder(int count, double* x, int ldx, double* p, int rows, double* c, int ldc)
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

    // One register tile: C[a][0..16) += Σ_i X[i, ℓ0 + a] · P[i][0..16) for a < TRows.Value (≤ 12), i < rows.
    // Accumulators are loaded from C and stored back, so every entry continues one FMA chain in row order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Tile<TRows>(double* x, int ldx, double* p, int rows, double* c, int ldc)
        where TRows : struct, IConstant
    {
        int count = TRows.Value;
        Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default, c90 = default, c91 = default, cA0 = default, cA1 = default, cB0 = default, cB1 = default;
        { c00 = Vector512.Load(c + (0 * ldc)); c01 = Vector512.Load(c + (0 * ldc) + 8); }
        if (count > 1) { c10 = Vector512.Load(c + (1 * ldc)); c11 = Vector512.Load(c + (1 * ldc) + 8); }
        if (count > 2) { c20 = Vector512.Load(c + (2 * ldc)); c21 = Vector512.Load(c + (2 * ldc) + 8); }
        if (count > 3) { c30 = Vector512.Load(c + (3 * ldc)); c31 = Vector512.Load(c + (3 * ldc) + 8); }
        if (count > 4) { c40 = Vector512.Load(c + (4 * ldc)); c41 = Vector512.Load(c + (4 * ldc) + 8); }
        if (count > 5) { c50 = Vector512.Load(c + (5 * ldc)); c51 = Vector512.Load(c + (5 * ldc) + 8); }
        if (count > 6) { c60 = Vector512.Load(c + (6 * ldc)); c61 = Vector512.Load(c + (6 * ldc) + 8); }
        if (count > 7) { c70 = Vector512.Load(c + (7 * ldc)); c71 = Vector512.Load(c + (7 * ldc) + 8); }
        if (count > 8) { c80 = Vector512.Load(c + (8 * ldc)); c81 = Vector512.Load(c + (8 * ldc) + 8); }
        if (count > 9) { c90 = Vector512.Load(c + (9 * ldc)); c91 = Vector512.Load(c + (9 * ldc) + 8); }
        if (count > 10) { cA0 = Vector512.Load(c + (10 * ldc)); cA1 = Vector512.Load(c + (10 * ldc) + 8); }
        if (count > 11) { cB0 = Vector512.Load(c + (11 * ldc)); cB1 = Vector512.Load(c + (11 * ldc) + 8); }

        for (int i = 0; i < rows; i++, x += ldx, p += PanelBlocks)
        {
            Vector512<double> b0 = Vector512.Load(p), b1 = Vector512.Load(p + 8), a;
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

        { c00.Store(c + (0 * ldc)); c01.Store(c + (0 * ldc) + 8); }
        if (count > 1) { c10.Store(c + (1 * ldc)); c11.Store(c + (1 * ldc) + 8); }
        if (count > 2) { c20.Store(c + (2 * ldc)); c21.Store(c + (2 * ldc) + 8); }
        if (count > 3) { c30.Store(c + (3 * ldc)); c31.Store(c + (3 * ldc) + 8); }
        if (count > 4) { c40.Store(c + (4 * ldc)); c41.Store(c + (4 * ldc) + 8); }
        if (count > 5) { c50.Store(c + (5 * ldc)); c51.Store(c + (5 * ldc) + 8); }
        if (count > 6) { c60.Store(c + (6 * ldc)); c61.Store(c + (6 * ldc) + 8); }
        if (count > 7) { c70.Store(c + (7 * ldc)); c71.Store(c + (7 * ldc) + 8); }
        if (count > 8) { c80.Store(c + (8 * ldc)); c81.Store(c + (8 * ldc) + 8); }
        if (count > 9) { c90.Store(c + (9 * ldc)); c91.Store(c + (9 * ldc) + 8); }
        if (count > 10) { cA0.Store(c + (10 * ldc)); cA1.Store(c + (10 * ldc) + 8); }
        if (count > 11) { cB0.Store(c + (11 * ldc)); cB1.Store(c + (11 * ldc) + 8); }
    }
}

/// <summary>
/// Scratch of <see cref="GradientGemmKernel"/> for one thread: the expanded mask panel (256×16 doubles) and the
/// d×B product of a chunk. Grows to the largest chunk seen and is then reused, so a pass allocates nothing.
/// </summary>
public sealed class GradientWorkspace
{
    [ThreadStatic]
    private static GradientWorkspace? t_current;

    /// <summary>An empty workspace.</summary>
    public GradientWorkspace()
    {
        Panel.Ensure(GradientGemmKernel.PanelRows * GradientGemmKernel.PanelBlocks);
    }

    /// <summary>Bytes held.</summary>
    public long Bytes => ((long)Panel.Length + Product.Length + Packed.Length) * sizeof(double);

    internal AlignedBuffer Panel { get; } = new();

    internal AlignedBuffer Product { get; } = new();

    /// <summary>Packed panels of a dense operand (only <see cref="DenseGemmKernel"/> uses it).</summary>
    internal AlignedBuffer Packed { get; } = new();

    /// <summary>The calling thread's own workspace.</summary>
    public static GradientWorkspace ForCurrentThread() => t_current ??= new GradientWorkspace();

    internal void Ensure(int productLength) => Product.Ensure(productLength);
}
