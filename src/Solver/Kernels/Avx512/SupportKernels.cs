using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// The restricted products of the network operator on a support S grouped by block (<see cref="BlockGroups"/>),
/// reading X from its 8-row tiles (<see cref="RowTiles"/>), cost O(n·|S|) and no O(n·|S|) memory: A_S is never formed.
/// Lanes of a 512-bit vector are eight consecutive samples of one tile.
/// </summary>
/// <remarks>
/// Summation orders (all independent of the split of rows or positions over threads):
/// <list type="bullet">
/// <item><see cref="Forward"/>: (A_S z)_i = Σ over the blocks b of S in increasing order of D_b[i]·s_b(i), where
/// s_b(i) = Σ_{t ∈ S_b} X[i, c_t]·z_t is one fused multiply–add chain in position order from +0, and the outer sum
/// adds s_b(i) to the running total when D_b[i] = 1 (the historical order of the operator).</item>
/// <item><see cref="Adjoint"/>: (A_Sᵀ r)_t = ⟨D_b r, X[:, c_t]⟩ in the order of <see cref="VectorKernels.Dot"/>: eight
/// partial sums (lane l takes the samples i ≡ l mod 8 of the full tiles, fused multiply–add in increasing i),
/// combined as ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)), then the n mod 8 remaining samples in order.</item>
/// </list>
/// The <c>…Reference</c> methods are the plain scalar loops of the same orders; the fast kernels are bit-identical to them.
/// </remarks>
public static class SupportKernels
{
    // Software prefetch of the tiles of the word PfDistance words ahead, PfLines cache lines per block visited,
    // into L2 (one word's eight tiles, 8·8d doubles, do not fit L1 next to the current word's). Measured effect at
    // n = 50 000, d = 100, |S| = 1000: about 15% (the products stay memory-bound at about 6 GB/s of tile data).
    private const int PfLines = 4;
    private const int PfDistance = 1;

    /// <summary>Tiles per 64-bit mask word.</summary>
    private const int WordTiles = 64 / RowTiles.Height;

    /// <summary>
    /// result[8q .. 8q+8) ← (A_S z) on the samples of tiles [firstTile, firstTile + tileCount) (clipped to n), with
    /// z aligned with the positions of <paramref name="support"/>.
    /// </summary>
    public static void Forward(RowTiles tiles, ActivationPatterns patterns, BlockGroups support, ReadOnlySpan<double> z, Span<double> result, int firstTile, int tileCount)
    {
        KernelChecks.Tiles(tiles, patterns, firstTile, tileCount);
        if (z.Length < support.Positions || result.Length != tiles.Rows)
        {
            throw new ArgumentException($"z must cover {support.Positions} positions and result {tiles.Rows} samples");
        }

        Avx512Backend.RequireSupport();
        unsafe
        {
            fixed (double* xt = tiles.Values)
            fixed (double* zp = z)
            fixed (double* rp = result)
            fixed (ulong* words = patterns.Words)
            fixed (int* blocks = support.BlockArray)
            fixed (int* starts = support.StartArray)
            fixed (int* coordinates = support.CoordinateArray)
            {
                var context = new Context(xt, tiles.Columns * RowTiles.Height, (byte*)words, patterns.WordsPerBlock * sizeof(ulong), blocks, starts, coordinates, support.Count);
                int q = firstTile, end = firstTile + tileCount, n = tiles.Rows;
                while (q < end)
                {
                    if (q % WordTiles == 0 && q + WordTiles <= end && (q + WordTiles) * RowTiles.Height <= n)
                    {
                        ForwardWord(context, zp, rp, q, end);
                        q += WordTiles;
                    }
                    else
                    {
                        ForwardTile(context, zp, rp, q, n);
                        q++;
                    }
                }
            }
        }
    }

    /// <summary>
    /// result[t − Starts[firstGroup]] ← (A_Sᵀ r)_t for the positions t of groups [firstGroup, groupEnd).
    /// <paramref name="scratch"/> holds eight partial sums per position.
    /// </summary>
    public static void Adjoint(RowTiles tiles, ActivationPatterns patterns, BlockGroups support, int firstGroup, int groupEnd, ReadOnlySpan<double> r, Span<double> result, SupportScratch? scratch = null)
    {
        KernelChecks.Tiles(tiles, patterns, 0, tiles.Count);
        int t0 = support.Starts[firstGroup], count = support.Starts[groupEnd] - t0;
        if (r.Length != tiles.Rows || result.Length != count)
        {
            throw new ArgumentException($"r must have {tiles.Rows} entries and result {count}");
        }

        Avx512Backend.RequireSupport();
        scratch ??= SupportScratch.ForCurrentThread();
        scratch.Partials.Ensure(count * RowTiles.Height);
        Span<double> partials = scratch.Partials.Span[..(count * RowTiles.Height)];
        partials.Clear();
        int n = tiles.Rows, full = n / RowTiles.Height, stride = tiles.Columns * RowTiles.Height;
        int bytesPerBlock = patterns.WordsPerBlock * sizeof(ulong);
        unsafe
        {
            fixed (double* xt = tiles.Values)
            fixed (double* rp = r)
            fixed (ulong* words = patterns.Words)
            fixed (int* blocks = support.BlockArray)
            fixed (int* starts = support.StartArray)
            fixed (int* coordinates = support.CoordinateArray)
            {
                double* acc = scratch.Partials.Pointer - ((long)t0 * RowTiles.Height);
                var context = new Context(xt, stride, (byte*)words, bytesPerBlock, blocks, starts, coordinates, groupEnd);
                int q = 0;
                for (; q + WordTiles <= full; q += WordTiles)
                {
                    AdjointWord(context, firstGroup, rp, acc, q, full);
                }

                byte* masks = (byte*)words;
                for (; q < full; q++)
                {
                    double* tile0 = xt + ((long)q * stride);
                    Vector512<double> r0 = Vector512.Load(rp + (q * RowTiles.Height));
                    for (int g = firstGroup; g < groupEnd; g++)
                    {
                        uint bits = masks[((long)blocks[g] * bytesPerBlock) + q];
                        if (bits == 0)
                        {
                            continue;
                        }

                        Vector512<double> m0 = r0 & LaneMask(bits);
                        for (int t = starts[g]; t < starts[g + 1]; t++)
                        {
                            double* a = acc + ((long)t * RowTiles.Height);
                            Vector512.FusedMultiplyAdd(Vector512.Load(tile0 + (coordinates[t] * RowTiles.Height)), m0, Vector512.Load(a)).Store(a);
                        }
                    }
                }
            }
        }

        for (int g = firstGroup; g < groupEnd; g++)
        {
            int block = support.Blocks[g];
            for (int t = support.Starts[g]; t < support.Starts[g + 1]; t++)
            {
                ReadOnlySpan<double> s = partials.Slice((t - t0) * RowTiles.Height, RowTiles.Height);
                double total = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
                for (int i = full * RowTiles.Height; i < n; i++)
                {
                    if (patterns.IsOn(block, i))
                    {
                        total = Math.FusedMultiplyAdd(r[i], tiles.Entry(i, support.Coordinates[t]), total);
                    }
                }

                result[t - t0] = total;
            }
        }
    }

    /// <summary>All-ones lanes where bit l of <paramref name="bits"/> (l &lt; 8) is set, zero lanes elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> LaneMask(uint bits)
    {
        Vector512<long> lanes = Vector512.Create(1L, 2, 4, 8, 16, 32, 64, 128);
        return Vector512.Equals(Vector512.Create((long)bits) & lanes, lanes).AsDouble();
    }

    // One tile q of the forward product (a tile outside a full mask word): one running sum over the groups in order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ForwardTile(in Context context, double* z, double* result, int q, int n)
    {
        double* tile = context.Tiles + ((long)q * context.TileStride);
        Vector512<double> acc = default;
        for (int g = 0; g < context.Groups; g++)
        {
            uint bits = context.Masks[((long)context.Blocks[g] * context.BytesPerBlock) + q];
            if (bits == 0)
            {
                continue;
            }

            Vector512<double> sum = default;
            for (int t = context.Starts[g]; t < context.Starts[g + 1]; t++)
            {
                sum = Vector512.FusedMultiplyAdd(Vector512.Load(tile + (context.Coordinates[t] * RowTiles.Height)), Vector512.Create(z[t]), sum);
            }

            acc = Vector512.ConditionalSelect(LaneMask(bits), acc + sum, acc);
        }

        int first = q * RowTiles.Height;
        if (first + RowTiles.Height <= n)
        {
            acc.Store(result + first);
            return;
        }

        for (int u = 0; first + u < n; u++)
        {
            result[first + u] = acc[u];
        }
    }

    // The eight tiles q .. q+7 of one mask word (all rows < n): eight running sums; per block one 64-bit mask word,
    // per tile u the lanes whose bit 8u + l is set take the block's sum. Tiles PfDistance words ahead are prefetched.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ForwardWord(in Context context, double* z, double* result, int q, int endTile)
    {
        long s1 = context.TileStride, s2 = 2 * s1, s3 = 3 * s1, s4 = 4 * s1;
        double* x0 = context.Tiles + (q * s1);
        double* prefetch = x0 + (PfDistance * WordTiles * s1), prefetchEnd = q + ((PfDistance + 1) * WordTiles) <= endTile ? prefetch + (WordTiles * s1) : prefetch;
        byte* masks = context.Masks + q;
        long bytesPerBlock = context.BytesPerBlock;
        int* blocks = context.Blocks, starts = context.Starts, coordinates = context.Coordinates;
        int groups = context.Groups;
        Vector512<double> acc0 = default, acc1 = default, acc2 = default, acc3 = default, acc4 = default, acc5 = default, acc6 = default, acc7 = default;
        for (int g = 0; g < groups; g++)
        {
            for (int pf = 0; pf < PfLines && prefetch < prefetchEnd; pf++)
            {
                Prefetch(prefetch);
                prefetch += 8;
            }

            ulong bits = *(ulong*)(masks + (blocks[g] * bytesPerBlock));
            if (bits == 0)
            {
                continue;
            }

            // The first position starts each chain: fma(x, z, +0) = x·z rounded once, the same as a product.
            int t = starts[g], end = starts[g + 1];
            double* x = x0 + (coordinates[t] * RowTiles.Height), y = x + s4;
            Vector512<double> zt = Vector512.Create(z[t]);
            Vector512<double> p0 = Vector512.Load(x) * zt, p1 = Vector512.Load(x + s1) * zt, p2 = Vector512.Load(x + s2) * zt, p3 = Vector512.Load(x + s3) * zt;
            Vector512<double> p4 = Vector512.Load(y) * zt, p5 = Vector512.Load(y + s1) * zt, p6 = Vector512.Load(y + s2) * zt, p7 = Vector512.Load(y + s3) * zt;
            for (t++; t < end; t++)
            {
                x = x0 + (coordinates[t] * RowTiles.Height);
                y = x + s4;
                zt = Vector512.Create(z[t]);
                p0 = Vector512.FusedMultiplyAdd(Vector512.Load(x), zt, p0);
                p1 = Vector512.FusedMultiplyAdd(Vector512.Load(x + s1), zt, p1);
                p2 = Vector512.FusedMultiplyAdd(Vector512.Load(x + s2), zt, p2);
                p3 = Vector512.FusedMultiplyAdd(Vector512.Load(x + s3), zt, p3);
                p4 = Vector512.FusedMultiplyAdd(Vector512.Load(y), zt, p4);
                p5 = Vector512.FusedMultiplyAdd(Vector512.Load(y + s1), zt, p5);
                p6 = Vector512.FusedMultiplyAdd(Vector512.Load(y + s2), zt, p6);
                p7 = Vector512.FusedMultiplyAdd(Vector512.Load(y + s3), zt, p7);
            }

            Vector512<ulong> word = Vector512.Create(bits);
            acc0 = Vector512.ConditionalSelect(On(word, 0), acc0 + p0, acc0);
            acc1 = Vector512.ConditionalSelect(On(word, 1), acc1 + p1, acc1);
            acc2 = Vector512.ConditionalSelect(On(word, 2), acc2 + p2, acc2);
            acc3 = Vector512.ConditionalSelect(On(word, 3), acc3 + p3, acc3);
            acc4 = Vector512.ConditionalSelect(On(word, 4), acc4 + p4, acc4);
            acc5 = Vector512.ConditionalSelect(On(word, 5), acc5 + p5, acc5);
            acc6 = Vector512.ConditionalSelect(On(word, 6), acc6 + p6, acc6);
            acc7 = Vector512.ConditionalSelect(On(word, 7), acc7 + p7, acc7);
        }

        double* r = result + (q * RowTiles.Height);
        acc0.Store(r);
        acc1.Store(r + 8);
        acc2.Store(r + 16);
        acc3.Store(r + 24);
        acc4.Store(r + 32);
        acc5.Store(r + 40);
        acc6.Store(r + 48);
        acc7.Store(r + 56);
    }

    // Adjoint partial sums over the eight tiles q .. q+7 of one mask word: per block the eight masked residual
    // vectors, then per position one load and store of its partial sums and eight fused multiply–adds in tile order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void AdjointWord(in Context context, int firstGroup, double* r, double* acc, int q, int fullTiles)
    {
        long s1 = context.TileStride, s2 = 2 * s1, s3 = 3 * s1, s4 = 4 * s1;
        double* x0 = context.Tiles + (q * s1);
        double* prefetch = x0 + (PfDistance * WordTiles * s1), prefetchEnd = q + ((PfDistance + 1) * WordTiles) <= fullTiles ? prefetch + (WordTiles * s1) : prefetch;
        byte* masks = context.Masks + q;
        long bytesPerBlock = context.BytesPerBlock;
        int* blocks = context.Blocks, starts = context.Starts, coordinates = context.Coordinates;
        int groups = context.Groups;
        double* rq = r + (q * RowTiles.Height);
        Vector512<double> r0 = Vector512.Load(rq), r1 = Vector512.Load(rq + 8), r2 = Vector512.Load(rq + 16), r3 = Vector512.Load(rq + 24);
        Vector512<double> r4 = Vector512.Load(rq + 32), r5 = Vector512.Load(rq + 40), r6 = Vector512.Load(rq + 48), r7 = Vector512.Load(rq + 56);
        for (int g = firstGroup; g < groups; g++)
        {
            for (int pf = 0; pf < PfLines && prefetch < prefetchEnd; pf++)
            {
                Prefetch(prefetch);
                prefetch += 8;
            }

            ulong bits = *(ulong*)(masks + (blocks[g] * bytesPerBlock));
            if (bits == 0)
            {
                continue;
            }

            Vector512<ulong> word = Vector512.Create(bits);
            Vector512<double> m0 = Vector512.ConditionalSelect(On(word, 0), r0, default), m1 = Vector512.ConditionalSelect(On(word, 1), r1, default);
            Vector512<double> m2 = Vector512.ConditionalSelect(On(word, 2), r2, default), m3 = Vector512.ConditionalSelect(On(word, 3), r3, default);
            Vector512<double> m4 = Vector512.ConditionalSelect(On(word, 4), r4, default), m5 = Vector512.ConditionalSelect(On(word, 5), r5, default);
            Vector512<double> m6 = Vector512.ConditionalSelect(On(word, 6), r6, default), m7 = Vector512.ConditionalSelect(On(word, 7), r7, default);
            int end = starts[g + 1];
            for (int t = starts[g]; t < end; t++)
            {
                double* x = x0 + (coordinates[t] * RowTiles.Height), y = x + s4;
                double* a = acc + ((long)t * RowTiles.Height);
                Vector512<double> v = Vector512.FusedMultiplyAdd(Vector512.Load(x), m0, Vector512.Load(a));
                v = Vector512.FusedMultiplyAdd(Vector512.Load(x + s1), m1, v);
                v = Vector512.FusedMultiplyAdd(Vector512.Load(x + s2), m2, v);
                v = Vector512.FusedMultiplyAdd(Vector512.Load(x + s3), m3, v);
                v = Vector512.FusedMultiplyAdd(Vector512.Load(y), m4, v);
                v = Vector512.FusedMultiplyAdd(Vector512.Load(y + s1), m5, v);
                v = Vector512.FusedMultiplyAdd(Vector512.Load(y + s2), m6, v);
                Vector512.FusedMultiplyAdd(Vector512.Load(y + s3), m7, v).Store(a);
            }
        }
    }

    /// <summary>All-ones lanes where bit 8u + l of the broadcast mask word is set (lane l of tile u of the word).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> On(Vector512<ulong> word, int tile)
    {
        Vector512<ulong> lanes = Vector512.Create(1UL, 2, 4, 8, 16, 32, 64, 128) << (8 * tile);
        return (~Vector512.Equals(word & lanes, Vector512<ulong>.Zero)).AsDouble();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void Prefetch(double* address)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            System.Runtime.Intrinsics.X86.Sse.Prefetch1(address);
        }
    }

    private readonly unsafe struct Context(double* tiles, int tileStride, byte* masks, int bytesPerBlock, int* blocks, int* starts, int* coordinates, int groups)
    {
        public readonly double* Tiles = tiles;
        public readonly int TileStride = tileStride;
        public readonly byte* Masks = masks;
        public readonly int BytesPerBlock = bytesPerBlock;
        public readonly int* Blocks = blocks;
        public readonly int* Starts = starts;
        public readonly int* Coordinates = coordinates;
        public readonly int Groups = groups;
    }
}
