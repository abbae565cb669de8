using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>
/// The sequential-convex generator update after step t: h_j := w_j for every block whose weights changed (at the first
/// update: every block). A block whose weights are all zero gets what <see cref="EmptyGenerator"/> says: h_j := 0
/// (<see cref="EmptyGenerator.Zero"/>); ξ_(j,t) ~ N(0, I_d) when it is emptied (<see cref="EmptyGenerator.Redraw"/>); or
/// D_j := 0, except the lowest empty block j*, which holds ξ_(j*,t) from the step t at which it became the lowest
/// (<see cref="EmptyGenerator.RedrawOne"/>). A block whose weights did not change keeps its pattern.
/// </summary>
internal sealed class GeneratorUpdate(IRegating sensing, EmptyGenerator empty, long seed)
{
    private SparseVector? _previous;

    // RedrawOne: the block holding the re-drawn generator (−1: none yet, or no block is empty).
    private int _drawn = -1;

    /// <summary>Updates the patterns of the operator after step <paramref name="step"/>.</summary>
    public void Apply(SparseVector weights, int step, int parallelism)
    {
        ReadOnlySpan<int> changed = sensing.ChangedBlocks(_previous, weights);
        _previous = weights;
        if (empty == EmptyGenerator.Zero)
        {
            sensing.RecomputePatterns(changed, weights, parallelism);
            return;
        }

        var held = new List<int>(changed.Length);
        var emptied = new List<int>();
        foreach (int j in changed)
        {
            (HasWeights(weights, j) ? held : emptied).Add(j);
        }

        sensing.RecomputePatterns(held.ToArray(), weights, parallelism);
        if (empty == EmptyGenerator.Redraw)
        {
            Draw(emptied.ToArray(), step, parallelism);
            return;
        }

        foreach (int j in emptied)
        {
            sensing.ClosePattern(j);
        }

        int lowest = LowestEmptyBlock(weights);
        if (lowest != _drawn)
        {
            if (_drawn >= 0 && !HasWeights(weights, _drawn))
            {
                sensing.ClosePattern(_drawn);
            }

            if (lowest >= 0)
            {
                Draw([lowest], step, parallelism);
            }

            _drawn = lowest;
        }
    }

    /// <summary>ξ_(j,t) ~ N(0, I_d) of block j at step t: a function of (seed, t, j) only.</summary>
    internal static void Redrawn(long seed, int step, int block, Span<double> destination) =>
        new SeededRandom(seed, RandomStream.RedrawnGenerators).Split(step).Split(block).FillGaussian(destination);

    /// <summary>D_j := diag(1[X ξ_(j,t) ≥ 0]) for the listed blocks (increasing).</summary>
    private void Draw(int[] blocks, int step, int parallelism)
    {
        int d = sensing.BlockSize;
        var indices = new int[blocks.Length * d];
        var values = new double[blocks.Length * d];
        for (int b = 0; b < blocks.Length; b++)
        {
            Redrawn(seed, step, blocks[b], values.AsSpan(b * d, d));
            for (int l = 0; l < d; l++)
            {
                indices[(b * d) + l] = (blocks[b] * d) + l;
            }
        }

        sensing.RecomputePatterns(blocks, SparseVector.FromSortedOwned(sensing.Blocks * d, indices, values), parallelism);
    }

    private bool HasWeights(SparseVector weights, int block)
    {
        int t = SortedIndex.LowerBound(weights.Indices, block * sensing.BlockSize);
        return t < weights.Count && weights.Indices[t] < (block + 1) * sensing.BlockSize;
    }

    /// <summary>The lowest block without weights, or −1 when every block holds some.</summary>
    private int LowestEmptyBlock(SparseVector weights)
    {
        int d = sensing.BlockSize, lowest = 0;
        foreach (int c in weights.Indices)
        {
            if (c / d > lowest)
            {
                break;
            }

            lowest = (c / d) + 1;
        }

        return lowest < sensing.Blocks ? lowest : -1;
    }
}
