using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Properties.Support;

/// <summary>
/// An inconsistent operator for AIHT's backtracking: products are the inner operator's, except that every second call
/// of <see cref="RestrictedAdjoint"/> (the 2nd, 4th, …) returns −A_Sᵀr. AIHT's inner steps are its only callers, so
/// they alternate between the descent direction and the ascent direction, along which every Armijo trial must fail
/// and the step must revert to x̃ after a successful inner step.
/// </summary>
public sealed class FlippingAdjointOperator(SensingOperator inner) : SensingOperator
{
    /// <summary>Calls of <see cref="RestrictedAdjoint"/> so far.</summary>
    public long AdjointCalls { get; private set; }

    /// <inheritdoc />
    public override int Rows => inner.Rows;

    /// <inheritdoc />
    public override int Columns => inner.Columns;

    /// <inheritdoc />
    public override int ChunkColumns => inner.ChunkColumns;

    /// <inheritdoc />
    public override void RestrictedForward(ReadOnlySpan<int> support, ReadOnlySpan<double> z, Span<double> result) =>
        inner.RestrictedForward(support, z, result);

    /// <inheritdoc />
    public override void RestrictedAdjoint(ReadOnlySpan<int> support, ReadOnlySpan<double> r, Span<double> result)
    {
        inner.RestrictedAdjoint(support, r, result);
        if (++AdjointCalls % 2 == 0)
        {
            for (int t = 0; t < result.Length; t++)
            {
                result[t] = -result[t];
            }
        }
    }

    /// <inheritdoc />
    public override void AdjointRange(ReadOnlySpan<double> r, int firstColumn, Span<double> result) =>
        inner.AdjointRange(r, firstColumn, result);

    /// <inheritdoc />
    public override void CopyColumn(int column, Span<double> destination) => inner.CopyColumn(column, destination);
}
