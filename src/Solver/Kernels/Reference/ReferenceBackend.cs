
namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// The reference backend: the plain scalar twins (<see cref="ReferenceMasks"/>, <see cref="ReferenceGradient"/>,
/// <see cref="ReferenceProducts"/>) that define each kernel's result. Slow; for checking a result or a new backend.
/// </summary>
public sealed class ReferenceBackend : IKernelBackend
{
    /// <inheritdoc/>
    public string Word => "reference";

    /// <inheritdoc/>
    public string Summary => "plain scalar reference loops (slow; for checking)";

    /// <inheritdoc/>
    public bool IsSupported => true;

    /// <inheritdoc/>
    public void DenseMasks(DataMatrix data, ReadOnlySpan<double> generators, PatternRule rule, Span<ulong> words, int wordsPerBlock, int firstRow, int rowCount) =>
        ReferenceMasks.Dense(data, generators, rule, words, wordsPerBlock, firstRow, rowCount);

    /// <inheritdoc/>
    public void SparseMasks(RowTiles tiles, BlockGroups generators, PatternRule rule, Span<ulong> words, int wordsPerBlock, int firstTile, int tileCount) =>
        ReferenceMasks.Sparse(tiles, generators, rule, words, wordsPerBlock, firstTile, tileCount);

    /// <inheritdoc/>
    public void Gradient(DataMatrix data, ActivationPatterns patterns, ReadOnlySpan<double> r, int firstBlock, int blockCount, Span<double> result, GradientWorkspace workspace) =>
        ReferenceGradient.Accumulate(data, patterns, r, firstBlock, blockCount, result);

    /// <inheritdoc/>
    public void Forward(RowTiles tiles, ActivationPatterns patterns, BlockGroups support, ReadOnlySpan<double> z, Span<double> result, int firstTile, int tileCount) =>
        ReferenceProducts.Forward(tiles, patterns, support, z, result, firstTile, tileCount);

    /// <inheritdoc/>
    public void Adjoint(RowTiles tiles, ActivationPatterns patterns, BlockGroups support, int firstGroup, int groupEnd, ReadOnlySpan<double> r, Span<double> result) =>
        ReferenceProducts.Adjoint(tiles, patterns, support, firstGroup, groupEnd, r, result);
}
