using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Properties.Support;

/// <summary>
/// Delegates every product to an inner operator and counts the calls of <see cref="RestrictedForward"/> (each one
/// is an image A_S z of length n, e.g. a residual). Allocation-free itself.
/// </summary>
public sealed class CountingOperator(SensingOperator inner) : SensingOperator
{
    /// <summary>Calls of <see cref="RestrictedForward"/> so far.</summary>
    public long ForwardCalls { get; private set; }

    /// <inheritdoc />
    public override int Rows => inner.Rows;

    /// <inheritdoc />
    public override int Columns => inner.Columns;

    /// <inheritdoc />
    public override int ChunkColumns => inner.ChunkColumns;

    /// <inheritdoc />
    public override void RestrictedForward(ReadOnlySpan<int> support, ReadOnlySpan<double> z, Span<double> result)
    {
        ForwardCalls++;
        inner.RestrictedForward(support, z, result);
    }

    /// <inheritdoc />
    public override void RestrictedAdjoint(ReadOnlySpan<int> support, ReadOnlySpan<double> r, Span<double> result) =>
        inner.RestrictedAdjoint(support, r, result);

    /// <inheritdoc />
    public override void AdjointRange(ReadOnlySpan<double> r, int firstColumn, Span<double> result) =>
        inner.AdjointRange(r, firstColumn, result);

    /// <inheritdoc />
    public override void CopyColumn(int column, Span<double> destination) => inner.CopyColumn(column, destination);
}
