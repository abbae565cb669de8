namespace SparseIhtVerify.Solver.Operators;

/// <summary>
/// Capability of a gated operator whose gates can be reset from the weights, D_j := diag(1[X g_j ≥ 0]): the
/// sequential-convex step h := w (theory.md §1). Solvers ask for it in SCP mode; an operator without it cannot run SCP.
/// </summary>
public interface IRegating : IGatedBlocks
{
    /// <summary>A copy of this operator with its own gates, which the copy's updates rewrite without touching these.</summary>
    SensingOperator WithOwnPatterns();

    /// <summary>
    /// The blocks j, increasing, whose entries differ between <paramref name="previous"/> and <paramref name="current"/>
    /// (every block when <paramref name="previous"/> is null). The span is valid until the next call.
    /// </summary>
    ReadOnlySpan<int> ChangedBlocks(SparseVector? previous, SparseVector current);

    /// <summary>D_j := diag(1[X g_j ≥ 0]) (or &gt; 0) for the listed blocks, g_j the block-j entries of <paramref name="generators"/> (0 where it has none); returns their number.</summary>
    int RecomputePatterns(ReadOnlySpan<int> blocks, SparseVector generators, int parallelism);

    /// <summary>D_j := 0, the all-off gate of block j.</summary>
    void ClosePattern(int block);
}
