using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Solver.Operators;

/// <summary>
/// The compressed-sensing sanity case: A ∈ ℝ^{n×N} with i.i.d. N(0, 1) entries, stored column by column
/// (it is random, so it has no structure to exploit; keep n·N small). With G = AᵀA/n the extreme eigenvalues
/// of G_S for |S| = k approach the Marchenko–Pastur edges (1 ± √(k/n))².
/// </summary>
public sealed class GaussianSensingOperator : SensingOperator
{
    private readonly double[] _columns;

    /// <summary>Draws the n×N matrix from the given seed (its <see cref="RandomStream.Data"/> stream), column by column.</summary>
    public GaussianSensingOperator(int rows, int columns, long seed)
    {
        InvalidSettingException.RequireAtLeast("samples", rows, 1);
        InvalidSettingException.RequireAtLeast("columns", columns, 1);
        Rows = rows;
        Columns = columns;
        _columns = new double[checked(rows * columns)];
        new SeededRandom(seed, RandomStream.Data).FillGaussian(_columns);
    }

    /// <inheritdoc />
    public override int Rows { get; }

    /// <inheritdoc />
    public override int Columns { get; }

    /// <inheritdoc />
    public override int ChunkColumns => 64;

    private ReadOnlySpan<double> Column(int c) => new(_columns, c * Rows, Rows);

    /// <inheritdoc />
    public override void RestrictedForward(ReadOnlySpan<int> support, ReadOnlySpan<double> z, Span<double> result)
    {
        CheckSupport(support, z.Length);
        result.Clear();
        for (int t = 0; t < support.Length; t++)
        {
            VectorKernels.Axpy(z[t], Column(support[t]), result);
        }
    }

    /// <inheritdoc />
    public override void RestrictedAdjoint(ReadOnlySpan<int> support, ReadOnlySpan<double> r, Span<double> result)
    {
        CheckSupport(support, result.Length);
        for (int t = 0; t < support.Length; t++)
        {
            result[t] = VectorKernels.Dot(Column(support[t]), r);
        }
    }

    /// <inheritdoc />
    public override void AdjointRange(ReadOnlySpan<double> r, int firstColumn, Span<double> result)
    {
        for (int t = 0; t < result.Length; t++)
        {
            result[t] = VectorKernels.Dot(Column(firstColumn + t), r);
        }
    }

    /// <inheritdoc />
    public override void CopyColumn(int column, Span<double> destination) => Column(column).CopyTo(destination);
}
