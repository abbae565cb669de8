namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// A set of support positions grouped by network block, the input format of the support kernels: group g is block
/// <see cref="Blocks"/>[g] (strictly increasing) and owns positions [<see cref="Starts"/>[g], <see cref="Starts"/>[g+1]);
/// position t has in-block coordinate <see cref="Coordinates"/>[t] (strictly increasing within a group) and, when
/// built with values, value <see cref="Values"/>[t]. Groups may be empty (a block with an all-zero generator).
/// The arrays grow and are reused, so building allocates nothing in steady state.
/// </summary>
public sealed class BlockGroups
{
    [ThreadStatic]
    private static BlockGroups? t_current;

    private int[] _blocks = [];
    private int[] _starts = [0];
    private int[] _coordinates = [];
    private double[] _values = [];

    /// <summary>Number of groups.</summary>
    public int Count { get; private set; }

    /// <summary>Number of positions (the support size).</summary>
    public int Positions => _starts[Count];

    /// <summary>Block of each group.</summary>
    public ReadOnlySpan<int> Blocks => _blocks.AsSpan(0, Count);

    /// <summary>Group g owns positions [Starts[g], Starts[g+1]); length Count + 1.</summary>
    public ReadOnlySpan<int> Starts => _starts.AsSpan(0, Count + 1);

    /// <summary>In-block coordinate of each position.</summary>
    public ReadOnlySpan<int> Coordinates => _coordinates.AsSpan(0, Positions);

    /// <summary>Value of each position (only after <see cref="BuildBlocks"/>).</summary>
    public ReadOnlySpan<double> Values => _values.AsSpan(0, Positions);

    internal int[] BlockArray => _blocks;

    internal int[] StartArray => _starts;

    internal int[] CoordinateArray => _coordinates;

    internal double[] ValueArray => _values;

    /// <summary>A reusable instance for the calling thread.</summary>
    public static BlockGroups ForCurrentThread() => t_current ??= new BlockGroups();

    /// <summary>Groups a support S (strictly increasing column indices of a block-major layout with block size d).</summary>
    public BlockGroups Build(ReadOnlySpan<int> support, int d)
    {
        Reserve(support.Length, support.Length);
        int groups = 0;
        for (int t = 0; t < support.Length; t++)
        {
            int block = support[t] / d;
            if (groups == 0 || _blocks[groups - 1] != block)
            {
                _blocks[groups] = block;
                _starts[groups] = t;
                groups++;
            }

            _coordinates[t] = support[t] - (block * d);
        }

        _starts[groups] = support.Length;
        Count = groups;
        return this;
    }

    /// <summary>
    /// Groups the entries of sparse vector <paramref name="w"/> (block size d) that lie in the listed
    /// <paramref name="blocks"/> (strictly increasing), one group per listed block, empty when w has no entry there.
    /// </summary>
    public BlockGroups BuildBlocks(SparseVector w, ReadOnlySpan<int> blocks, int d)
    {
        ReadOnlySpan<int> indices = w.Indices;
        ReadOnlySpan<double> values = w.Values;
        Reserve(blocks.Length, indices.Length);
        int t = 0, position = 0;
        for (int g = 0; g < blocks.Length; g++)
        {
            int block = blocks[g];
            _blocks[g] = block;
            _starts[g] = position;
            t = SortedIndex.LowerBound(indices, block * d);
            for (; t < indices.Length && indices[t] < (block + 1) * d; t++)
            {
                _coordinates[position] = indices[t] - (block * d);
                _values[position] = values[t];
                position++;
            }
        }

        _starts[blocks.Length] = position;
        Count = blocks.Length;
        return this;
    }

    private void Reserve(int groups, int positions)
    {
        if (_blocks.Length < groups)
        {
            _blocks = new int[Math.Max(groups, 2 * _blocks.Length)];
        }

        if (_starts.Length < groups + 1)
        {
            _starts = new int[Math.Max(groups + 1, 2 * _starts.Length)];
        }

        if (_coordinates.Length < positions)
        {
            int size = Math.Max(positions, 2 * _coordinates.Length);
            _coordinates = new int[size];
            _values = new double[size];
        }
    }
}
