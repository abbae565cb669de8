using System.Globalization;

namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>One point of a sweep's grid: the instance sizes every seed and method of the cell share.</summary>
/// <param name="Inputs">Input dimension d.</param>
/// <param name="Width">Hidden width m.</param>
/// <param name="Nonzeros">Total nonzeros s.</param>
/// <param name="Samples">Samples n.</param>
public readonly record struct SweepCell(int Inputs, int Width, int Nonzeros, int Samples)
{
    /// <summary>A stable name, e.g. <c>d20_m5_s10_n5000</c>.</summary>
    public string Id => string.Create(CultureInfo.InvariantCulture, $"d{Inputs}_m{Width}_s{Nonzeros}_n{Samples}");

    /// <summary>s ≤ d·m: the planted network can hold s nonzeros.</summary>
    public bool IsFeasible => Nonzeros <= (long)Inputs * Width;

    /// <summary>The value of <paramref name="axis"/> at this cell.</summary>
    public int Value(SweepAxis axis) => axis switch
    {
        SweepAxis.Inputs => Inputs,
        SweepAxis.Width => Width,
        SweepAxis.Nonzeros => Nonzeros,
        SweepAxis.Samples => Samples,
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "unknown axis"),
    };

    /// <summary>The key of one row: this cell, <paramref name="seed"/> and a method word (or <c>audit</c>).</summary>
    public string Key(long seed, string method) => string.Create(CultureInfo.InvariantCulture, $"{Id}_seed{seed}_{method}");
}
