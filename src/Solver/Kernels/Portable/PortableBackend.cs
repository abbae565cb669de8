
namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// The portable backend, for machines without AVX-512 (ARM, older x86): masks by <see cref="VectorKernels.Dot"/>
/// (<see cref="System.Numerics.Tensors.TensorPrimitives"/> and 256-bit vectors where present), the row-outer gradient
/// pass (<see cref="RowOuterGradientKernel"/>, vectorised by <see cref="VectorKernels.Axpy"/>), and the plain restricted
/// products and sparse masks of <see cref="ReferenceProducts"/> and <see cref="ReferenceMasks"/>.
/// </summary>
public sealed class PortableBackend : IKernelBackend
{
    /// <inheritdoc/>
    public string Word => "portable";

    /// <inheritdoc/>
    public string Summary => "portable vector kernels (any CPU .NET runs on)";

    /// <inheritdoc/>
    public bool IsSupported => true;

    /// <inheritdoc/>
    public void DenseMasks(DataMatrix data, ReadOnlySpan<double> generators, PatternRule rule, Span<ulong> words, int wordsPerBlock, int firstRow, int rowCount) =>
        DotMasks.Dense(data, generators, rule, words, wordsPerBlock, firstRow, rowCount, VectorKernels.Dot);

    /// <inheritdoc/>
    public void SparseMasks(RowTiles tiles, BlockGroups generators, PatternRule rule, Span<ulong> words, int wordsPerBlock, int firstTile, int tileCount) =>
        ReferenceMasks.Sparse(tiles, generators, rule, words, wordsPerBlock, firstTile, tileCount);

    /// <inheritdoc/>
    public void Gradient(DataMatrix data, ActivationPatterns patterns, ReadOnlySpan<double> r, int firstBlock, int blockCount, Span<double> result, GradientWorkspace workspace) =>
        RowOuterGradientKernel.Accumulate(data, patterns, r, firstBlock, blockCount, result);

    /// <inheritdoc/>
    public void Forward(RowTiles tiles, ActivationPatterns patterns, BlockGroups support, ReadOnlySpan<double> z, Span<double> result, int firstTile, int tileCount) =>
        ReferenceProducts.Forward(tiles, patterns, support, z, result, firstTile, tileCount);

    /// <inheritdoc/>
    public void Adjoint(RowTiles tiles, ActivationPatterns patterns, BlockGroups support, int firstGroup, int groupEnd, ReadOnlySpan<double> r, Span<double> result) =>
        ReferenceProducts.Adjoint(tiles, patterns, support, firstGroup, groupEnd, r, result);
}
