using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// The AVX-512 backend: register-tiled masks (<see cref="PatternKernels"/>), the gradient pass as a masked GEMM
/// (<see cref="GradientGemmKernel"/>) and the tile-layout restricted products (<see cref="SupportKernels"/>).
/// </summary>
public sealed class Avx512Backend : IKernelBackend
{
    /// <summary>Whether this machine has 512-bit vectors with AVX-512F.</summary>
    public static bool Supported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <inheritdoc/>
    public string Word => "avx512";

    /// <inheritdoc/>
    public string Summary => "AVX-512 register-tiled kernels (x86-64 with AVX-512F)";

    /// <inheritdoc/>
    public bool IsSupported => Supported;

    /// <summary>Throws unless <see cref="Supported"/>: the kernels of this folder have no silent fallback.</summary>
    internal static void RequireSupport()
    {
        if (!Supported)
        {
            throw new PlatformNotSupportedException("the avx512 kernel backend needs AVX-512F and 512-bit vectors, which this machine lacks; use the portable backend");
        }
    }

    /// <inheritdoc/>
    public void DenseMasks(DataMatrix data, ReadOnlySpan<double> generators, PatternRule rule, Span<ulong> words, int wordsPerBlock, int firstRow, int rowCount) =>
        PatternKernels.Dense(data, generators, rule, words, wordsPerBlock, firstRow, rowCount);

    /// <inheritdoc/>
    public void SparseMasks(RowTiles tiles, BlockGroups generators, PatternRule rule, Span<ulong> words, int wordsPerBlock, int firstTile, int tileCount) =>
        PatternKernels.Sparse(tiles, generators, rule, words, wordsPerBlock, firstTile, tileCount);

    /// <inheritdoc/>
    public void Gradient(DataMatrix data, ActivationPatterns patterns, ReadOnlySpan<double> r, int firstBlock, int blockCount, Span<double> result, GradientWorkspace workspace) =>
        GradientGemmKernel.Accumulate(data, patterns, r, firstBlock, blockCount, result, workspace);

    /// <inheritdoc/>
    public void Forward(RowTiles tiles, ActivationPatterns patterns, BlockGroups support, ReadOnlySpan<double> z, Span<double> result, int firstTile, int tileCount) =>
        SupportKernels.Forward(tiles, patterns, support, z, result, firstTile, tileCount);

    /// <inheritdoc/>
    public void Adjoint(RowTiles tiles, ActivationPatterns patterns, BlockGroups support, int firstGroup, int groupEnd, ReadOnlySpan<double> r, Span<double> result) =>
        SupportKernels.Adjoint(tiles, patterns, support, firstGroup, groupEnd, r, result);
}
