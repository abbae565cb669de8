using System.Runtime.CompilerServices;

namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// A second layout of the data X ∈ ℝ^{n×d} for the support kernels: ⌈n/8⌉ tiles of eight consecutive samples,
/// column-major inside a tile, so that the eight samples of one input coordinate form one 64-byte vector:
/// X[8q + u, ℓ] is stored at <c>q·8d + 8ℓ + u</c> (u &lt; 8); rows past n are zero. Memory n·d doubles (as X).
/// One copy per <see cref="DataMatrix"/>, built on first use and shared by every operator on that matrix.
/// </summary>
public sealed class RowTiles
{
    /// <summary>Samples per tile (the number of doubles in a 512-bit vector).</summary>
    public const int Height = 8;

    private static readonly ConditionalWeakTable<DataMatrix, RowTiles> Cache = new();

    // Pinned, with the tiles starting on a 64-byte boundary so that every vector load is one cache line.
    private readonly double[] _storage;
    private readonly int _offset;
    private readonly int _length;

    private RowTiles(DataMatrix data)
    {
        Rows = data.Rows;
        Columns = data.Columns;
        Count = (data.Rows + Height - 1) / Height;
        _length = checked(Count * Height * Columns);
        _storage = GC.AllocateArray<double>(_length + Height, pinned: true);
        unsafe
        {
            nuint address = (nuint)Unsafe.AsPointer(ref _storage[0]);
            _offset = (int)((((address + 63) & ~(nuint)63) - address) / sizeof(double));
        }

        Span<double> values = _storage.AsSpan(_offset, _length);
        ReadOnlySpan<double> x = data.Values;
        int d = Columns;
        for (int i = 0; i < Rows; i++)
        {
            int q = i / Height, u = i % Height;
            Span<double> tile = values.Slice(q * Height * d, Height * d);
            ReadOnlySpan<double> row = x.Slice(i * d, d);
            for (int l = 0; l < d; l++)
            {
                tile[l * Height + u] = row[l];
            }
        }
    }

    /// <summary>Number of samples n.</summary>
    public int Rows { get; }

    /// <summary>Input dimension d.</summary>
    public int Columns { get; }

    /// <summary>Number of tiles ⌈n/8⌉.</summary>
    public int Count { get; }

    /// <summary>Bytes held.</summary>
    public long Bytes => (long)_storage.Length * sizeof(double);

    /// <summary>All tiles, tile-major.</summary>
    public ReadOnlySpan<double> Values => new(_storage, _offset, _length);

    /// <summary>Tile q: d vectors of eight samples (8·d doubles).</summary>
    public ReadOnlySpan<double> Tile(int q) => new(_storage, _offset + (q * Height * Columns), Height * Columns);

    /// <summary>The tiled copy of <paramref name="data"/> (built once per matrix, thread-safe).</summary>
    public static RowTiles Of(DataMatrix data) => Cache.GetValue(data, static d => new RowTiles(d));

    /// <summary>X[i, c] read from the tiles.</summary>
    public double Entry(int i, int c) =>
        Values[((i / Height) * Columns * Height) + (c * Height) + (i % Height)];
}
