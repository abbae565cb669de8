
namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// The hot loops of the activation-pattern operator A = [D_1 X | … | D_p X] behind one interface, as Math.NET's
/// linear-algebra providers are: the masks D_j = diag(1[X h_j ≥ 0]) (or &gt; 0) for dense and sparse generators, the
/// block gradients g_j = (D_j X)ᵀ r, and the restricted products A_S z and A_Sᵀ r. Every backend performs the same
/// roundings in the same order as the plain twins (<see cref="ReferenceMasks"/>, <see cref="ReferenceGradient"/>,
/// <see cref="ReferenceProducts"/>), so results are bit-identical across backends, machines and thread counts; the kernel
/// properties check that for every backend of <see cref="KernelBackendCatalogue"/>. A backend is a folder plus one
/// catalogue row.
/// </summary>
public interface IKernelBackend
{
    /// <summary>The one word for the backend (settings, command line, JSON), e.g. <c>avx512</c>.</summary>
    string Word { get; }

    /// <summary>One line: what it runs on.</summary>
    string Summary { get; }

    /// <summary>Whether this machine can run it.</summary>
    bool IsSupported { get; }

    /// <summary>Bits of samples [firstRow, firstRow + rowCount) (firstRow a multiple of 64) of every block of the block-major dense <paramref name="generators"/>.</summary>
    void DenseMasks(DataMatrix data, ReadOnlySpan<double> generators, PatternRule rule, Span<ulong> words, int wordsPerBlock, int firstRow, int rowCount);

    /// <summary>Bits of the samples of tiles [firstTile, firstTile + tileCount) of every group of sparse <paramref name="generators"/> (an empty group: the all-zero generator).</summary>
    void SparseMasks(RowTiles tiles, BlockGroups generators, PatternRule rule, Span<ulong> words, int wordsPerBlock, int firstTile, int tileCount);

    /// <summary>result[b·d + ℓ] ← g_{firstBlock+b}[ℓ] = Σ_i D_{firstBlock+b}[i]·r_i·X[i, ℓ] for b &lt; blockCount; <paramref name="workspace"/> is per-thread scratch.</summary>
    void Gradient(DataMatrix data, ActivationPatterns patterns, ReadOnlySpan<double> r, int firstBlock, int blockCount, Span<double> result, GradientWorkspace workspace);

    /// <summary>result ← (A_S z) on the samples of tiles [firstTile, firstTile + tileCount), z aligned with the positions of <paramref name="support"/>.</summary>
    void Forward(RowTiles tiles, ActivationPatterns patterns, BlockGroups support, ReadOnlySpan<double> z, Span<double> result, int firstTile, int tileCount);

    /// <summary>result[t − Starts[firstGroup]] ← (A_Sᵀ r)_t for the positions t of groups [firstGroup, groupEnd).</summary>
    void Adjoint(RowTiles tiles, ActivationPatterns patterns, BlockGroups support, int firstGroup, int groupEnd, ReadOnlySpan<double> r, Span<double> result);
}
