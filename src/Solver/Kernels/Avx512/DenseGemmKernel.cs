using System.Runtime.Intrinsics;

namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// A plain dense product C = Xᵀ B (X: K×d, B: K×m, both row-major; C: d×m row-major), C[ℓ, j] = Σ_i X[i, ℓ]·B[i, j],
/// with the register tiles of <see cref="GradientGemmKernel"/>: for each panel of 256 rows, B is packed into 16-column
/// panels (as a BLAS packs its operand; the gradient pass expands masks instead) and C (d×m) accumulates across panels. It exists to measure the machine's dense matrix-multiply rate on the
/// gradient pass's shape; every entry is one fused multiply–add chain in row order, like <see cref="MultiplyReference"/>.
/// </summary>
public static class DenseGemmKernel
{

    /// <summary>c ← Xᵀ B for x (K×d) and b (K×m).</summary>
    public static void Multiply(ReadOnlySpan<double> x, int d, ReadOnlySpan<double> b, int m, Span<double> c, GradientWorkspace? workspace = null)
    {
        int k = Check(x, d, b, m, c);
        if (!Vector512.IsHardwareAccelerated)
        {
            MultiplyReference(x, d, b, m, c);
            return;
        }

        workspace ??= GradientWorkspace.ForCurrentThread();
        const int PanelBlocks = GradientGemmKernel.PanelBlocks, PanelRows = GradientGemmKernel.PanelRows;
        int panels = (m + PanelBlocks - 1) / PanelBlocks, ldc = panels * PanelBlocks;
        workspace.Ensure(d * ldc);
        workspace.Packed.Ensure(PanelRows * ldc);
        Span<double> product = workspace.Product.Span[..(d * ldc)];
        product.Clear();
        unsafe
        {
            double* cp = workspace.Product.Pointer, packed = workspace.Packed.Pointer;
            fixed (double* xp = x)
            fixed (double* bp = b)
            {
                for (int kb = 0; kb < k; kb += PanelRows)
                {
                    // Pack rows [kb, kb + 256) of B into 16-column panels (BLIS-style), read row by row.
                    int rows = Math.Min(PanelRows, k - kb);
                    for (int jp = 0; jp < panels; jp++)
                    {
                        int j0 = jp * PanelBlocks;
                        Pack(bp + ((long)kb * m) + j0, m, rows, Math.Min(PanelBlocks, m - j0), packed + ((long)jp * PanelRows * PanelBlocks));
                    }

                    GradientGemmKernel.Prefetch(xp + ((long)(kb + rows) * d), (long)Math.Min(PanelRows, k - kb - rows) * d);
                    double* xk = xp + ((long)kb * d);
                    for (int jp = 0; jp < panels; jp++)
                    {
                        double* panel = packed + ((long)jp * PanelRows * PanelBlocks), cj = cp + (jp * PanelBlocks);
                        int l = 0;
                        for (; l + GradientGemmKernel.TileInputs <= d; l += GradientGemmKernel.TileInputs)
                        {
                            GradientGemmKernel.Tile<C12>(xk + l, d, panel, rows, cj + (l * ldc), ldc);
                        }

                        if (l < d)
                        {
                            GradientGemmKernel.TileRemainder(d - l, xk + l, d, panel, rows, cj + (l * ldc), ldc);
                        }
                    }
                }
            }
        }

        for (int l = 0; l < d; l++)
        {
            product.Slice(l * ldc, m).CopyTo(c.Slice(l * m, m));
        }
    }

    /// <summary>Plain reference: C[ℓ, j] = Σ_i X[i, ℓ]·B[i, j], one fused multiply–add chain in row order from +0.</summary>
    public static void MultiplyReference(ReadOnlySpan<double> x, int d, ReadOnlySpan<double> b, int m, Span<double> c)
    {
        int k = Check(x, d, b, m, c);
        for (int l = 0; l < d; l++)
        {
            for (int j = 0; j < m; j++)
            {
                double sum = 0;
                for (int i = 0; i < k; i++)
                {
                    sum = Math.FusedMultiplyAdd(x[(i * d) + l], b[(i * m) + j], sum);
                }

                c[(l * m) + j] = sum;
            }
        }
    }

    // panel[i·16 + jj] = B[i, jj] for i < rows, jj < columns (0 for jj ≥ columns); source points at B[0, 0] of the panel.
    private static unsafe void Pack(double* source, int ldb, int rows, int columns, double* panel)
    {
        for (int i = 0; i < rows; i++, source += ldb, panel += GradientGemmKernel.PanelBlocks)
        {
            if (columns == GradientGemmKernel.PanelBlocks)
            {
                Vector512.Load(source).Store(panel);
                Vector512.Load(source + 8).Store(panel + 8);
                continue;
            }

            for (int jj = 0; jj < GradientGemmKernel.PanelBlocks; jj++)
            {
                panel[jj] = jj < columns ? source[jj] : 0.0;
            }
        }
    }

    private static int Check(ReadOnlySpan<double> x, int d, ReadOnlySpan<double> b, int m, Span<double> c)
    {
        if (d <= 0 || m <= 0 || x.Length % d != 0 || b.Length != x.Length / d * m || c.Length != d * m)
        {
            throw new ArgumentException($"shapes do not match: x {x.Length} values with d = {d}, b {b.Length} with m = {m}, c {c.Length}");
        }

        return x.Length / d;
    }
}
