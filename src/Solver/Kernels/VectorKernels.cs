using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// Dense vector kernels with a machine-independent summation order: every reduction keeps eight partial sums
/// (lane l accumulates the elements i ≡ l mod 8 with fused multiply–add), combines them pairwise as
/// ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)), then adds the tail in index order. The AVX-512, AVX2 and scalar
/// paths perform exactly the same roundings, so results agree to the last bit on every machine.
/// The <c>…Reference</c> methods are plain scalar versions of the same order, used by the tests.
/// </summary>
public static class VectorKernels
{
    private const int Lanes = 8;

    /// <summary>⟨a, b⟩ = Σ_i a_i b_i.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("vectors differ in length");
        }

        int blocks = a.Length / Lanes;
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        double total;
        if (Vector512.IsHardwareAccelerated)
        {
            var acc = Vector512<double>.Zero;
            for (int t = 0; t < blocks; t++)
            {
                acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, (nuint)(t * Lanes)), Vector512.LoadUnsafe(ref rb, (nuint)(t * Lanes)), acc);
            }

            total = Combine(acc.GetLower(), acc.GetUpper());
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var lo = Vector256<double>.Zero;
            var hi = Vector256<double>.Zero;
            for (int t = 0; t < blocks; t++)
            {
                nuint o = (nuint)(t * Lanes);
                lo = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, o), Vector256.LoadUnsafe(ref rb, o), lo);
                hi = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, o + 4), Vector256.LoadUnsafe(ref rb, o + 4), hi);
            }

            total = Combine(lo, hi);
        }
        else
        {
            return DotReference(a, b);
        }

        for (int i = blocks * Lanes; i < a.Length; i++)
        {
            total = Math.FusedMultiplyAdd(a[i], b[i], total);
        }

        return total;
    }

    /// <summary>Scalar version of <see cref="Dot"/> with the identical summation order (bit-identical result).</summary>
    public static double DotReference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Span<double> s = stackalloc double[Lanes];
        s.Clear();
        int blocks = a.Length / Lanes;
        for (int t = 0; t < blocks; t++)
        {
            for (int l = 0; l < Lanes; l++)
            {
                s[l] = Math.FusedMultiplyAdd(a[t * Lanes + l], b[t * Lanes + l], s[l]);
            }
        }

        double total = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
        for (int i = blocks * Lanes; i < a.Length; i++)
        {
            total = Math.FusedMultiplyAdd(a[i], b[i], total);
        }

        return total;
    }

    /// <summary>Σ_i a_i².</summary>
    public static double SumOfSquares(ReadOnlySpan<double> a) => Dot(a, a);

    /// <summary>‖a‖₂.</summary>
    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    /// <summary>y ← y + α·x, elementwise fused multiply–add (no reduction, hence order-free).</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y) => TensorPrimitives.FusedMultiplyAdd(x, alpha, y, y);

    /// <summary>True when every entry is finite.</summary>
    public static bool AllFinite(ReadOnlySpan<double> a)
    {
        // x − x is 0 for finite x and NaN for ±∞ and NaN, so the sum is finite exactly when every entry is.
        double probe = 0;
        foreach (double v in a)
        {
            probe += v - v;
        }

        return probe == 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Combine(Vector256<double> lo, Vector256<double> hi) =>
        ((lo[0] + lo[1]) + (lo[2] + lo[3])) + ((hi[0] + hi[1]) + (hi[2] + hi[3]));
}
