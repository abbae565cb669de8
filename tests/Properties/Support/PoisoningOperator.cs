using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Properties.Support;

/// <summary>Which product of a <see cref="PoisoningOperator"/> is poisoned.</summary>
public enum PoisonSite
{
    /// <summary><see cref="SensingOperator.RestrictedForward"/> (residuals, images A_S z).</summary>
    RestrictedForward,

    /// <summary><see cref="SensingOperator.AdjointRange"/> (the streamed gradient).</summary>
    AdjointRange,

    /// <summary><see cref="SensingOperator.RestrictedAdjoint"/> (AIHT's inner gradients, power iteration).</summary>
    RestrictedAdjoint,

    /// <summary><see cref="SensingOperator.CopyColumn"/> (the dense A_T of HTP's least squares).</summary>
    CopyColumn,
}

/// <summary>
/// Delegates every product to an inner operator, and from call number <paramref name="cleanCalls"/> + 1 of the chosen
/// <paramref name="site"/> on writes <paramref name="value"/> (NaN or ±∞) into that product's output: into every
/// entry, or, when <paramref name="entry"/> is set, only into the entry of that row (forward, columns) or column
/// (adjoints), when the output has one.
/// </summary>
public sealed class PoisoningOperator(SensingOperator inner, PoisonSite site, long cleanCalls, double value, int? entry = null) : SensingOperator
{
    /// <summary>Calls of the poisoned site so far.</summary>
    public long Calls { get; private set; }

    /// <summary>Outputs that received <paramref name="value"/> so far.</summary>
    public long PoisonedOutputs { get; private set; }

    /// <inheritdoc />
    public override int Rows => inner.Rows;

    /// <inheritdoc />
    public override int Columns => inner.Columns;

    /// <inheritdoc />
    public override int ChunkColumns => inner.ChunkColumns;

    /// <inheritdoc />
    public override void RestrictedForward(ReadOnlySpan<int> support, ReadOnlySpan<double> z, Span<double> result)
    {
        inner.RestrictedForward(support, z, result);
        if (site == PoisonSite.RestrictedForward && Due())
        {
            Poison(result, entry);
        }
    }

    /// <inheritdoc />
    public override void RestrictedAdjoint(ReadOnlySpan<int> support, ReadOnlySpan<double> r, Span<double> result)
    {
        inner.RestrictedAdjoint(support, r, result);
        if (site == PoisonSite.RestrictedAdjoint && Due())
        {
            Poison(result, entry is int column ? IndexOf(support, column) : null);
        }
    }

    /// <inheritdoc />
    public override void AdjointRange(ReadOnlySpan<double> r, int firstColumn, Span<double> result)
    {
        inner.AdjointRange(r, firstColumn, result);
        if (site == PoisonSite.AdjointRange && Due())
        {
            Poison(result, entry is int column ? (column >= firstColumn && column < firstColumn + result.Length ? column - firstColumn : -1) : null);
        }
    }

    /// <inheritdoc />
    public override void CopyColumn(int column, Span<double> destination)
    {
        inner.CopyColumn(column, destination);
        if (site == PoisonSite.CopyColumn && Due())
        {
            Poison(destination, entry);
        }
    }

    private bool Due() => ++Calls > cleanCalls;

    /// <summary>Writes the value into every entry (position null) or into one (−1: the entry is not in this output).</summary>
    private void Poison(Span<double> result, int? position)
    {
        if (position is null)
        {
            if (result.Length > 0)
            {
                result.Fill(value);
                PoisonedOutputs++;
            }
        }
        else if (position.Value >= 0 && position.Value < result.Length)
        {
            result[position.Value] = value;
            PoisonedOutputs++;
        }
    }

    private static int IndexOf(ReadOnlySpan<int> support, int column)
    {
        int t = support.BinarySearch(column);
        return t >= 0 ? t : -1;
    }
}
