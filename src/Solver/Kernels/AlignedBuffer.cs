using System.Runtime.CompilerServices;

namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// A growable scratch buffer of doubles on the pinned object heap whose usable part starts on a 64-byte boundary
/// (one cache line, one 512-bit vector), so kernels can take a stable pointer without <c>fixed</c>.
/// </summary>
internal sealed unsafe class AlignedBuffer
{
    private const int AlignmentDoubles = 8;
    private double[] _array = [];
    private double* _start;

    /// <summary>Usable length in doubles.</summary>
    public int Length { get; private set; }

    /// <summary>The 64-byte aligned start (valid until the next <see cref="Ensure"/> that grows the buffer).</summary>
    public double* Pointer => _start;

    /// <summary>The usable part as a span.</summary>
    public Span<double> Span => new(_start, Length);

    /// <summary>Makes at least <paramref name="length"/> doubles available (contents are not preserved on growth).</summary>
    public void Ensure(int length)
    {
        if (length <= Length)
        {
            return;
        }

        _array = GC.AllocateUninitializedArray<double>(length + AlignmentDoubles, pinned: true);
        nuint address = (nuint)Unsafe.AsPointer(ref _array[0]);
        nuint aligned = (address + 63) & ~(nuint)63;
        _start = (double*)aligned;
        Length = length;
    }
}
