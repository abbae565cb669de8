using SparseIhtVerify.Solver;

namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>
/// The grid of a sweep: the values of each instance size (every combination is a cell), the seeds and the methods.
/// Values are kept sorted and distinct, methods in the canonical order of <see cref="SweepMethod.All"/>, so the same
/// grid typed in another order is the same grid. Cells with s &gt; d·m cannot be planted and are left out.
/// </summary>
public sealed record SweepGrid
{
    /// <summary>Creates a grid; throws <see cref="InvalidSettingException"/> for an empty or out-of-range axis.</summary>
    public SweepGrid(IEnumerable<int> inputs, IEnumerable<int> widths, IEnumerable<int> nonzeros, IEnumerable<int> samples, IEnumerable<long> seeds, IEnumerable<SweepMethod> methods, bool audit)
    {
        Inputs = Axis("inputs", inputs);
        Widths = Axis("width", widths);
        Nonzeros = Axis("nonzeros", nonzeros);
        Samples = Axis("samples", samples);
        Seeds = seeds.Distinct().Order().ToArray();
        if (Seeds.Count == 0)
        {
            throw new InvalidSettingException("seeds", "must list at least one seed (integers, comma-separated)");
        }

        var chosen = methods.ToHashSet();
        Methods = SweepMethod.All.Where(chosen.Contains).ToArray();
        if (Methods.Count == 0)
        {
            throw new InvalidSettingException("methods", $"must list at least one of {string.Join(", ", SweepMethod.All.Select(m => m.Word))}");
        }

        Audit = audit;
        if (!Cells.Any(c => c.IsFeasible))
        {
            throw new InvalidSettingException("nonzeros", "every cell has s > d·m (more nonzeros than weights); give smaller nonzeros or a larger width or inputs");
        }
    }

    /// <summary>Input dimensions d.</summary>
    public IReadOnlyList<int> Inputs { get; }

    /// <summary>Hidden widths m.</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>Total nonzeros s.</summary>
    public IReadOnlyList<int> Nonzeros { get; }

    /// <summary>Sample counts n.</summary>
    public IReadOnlyList<int> Samples { get; }

    /// <summary>Seeds; every cell runs every seed.</summary>
    public IReadOnlyList<long> Seeds { get; }

    /// <summary>Methods, in canonical order.</summary>
    public IReadOnlyList<SweepMethod> Methods { get; }

    /// <summary>Whether each cell and seed also gets an audit row.</summary>
    public bool Audit { get; }

    /// <summary>The values of <paramref name="axis"/>.</summary>
    public IReadOnlyList<int> Values(SweepAxis axis) => axis switch
    {
        SweepAxis.Inputs => Inputs,
        SweepAxis.Width => Widths,
        SweepAxis.Nonzeros => Nonzeros,
        SweepAxis.Samples => Samples,
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "unknown axis"),
    };

    /// <summary>The axes with more than one value.</summary>
    public IReadOnlyList<SweepAxis> VaryingAxes => Enum.GetValues<SweepAxis>().Where(a => Values(a).Count > 1).ToArray();

    /// <summary>Every combination of the axes (d, n, m, s nested in that order), feasible or not.</summary>
    public IEnumerable<SweepCell> Cells =>
        from d in Inputs
        from n in Samples
        from m in Widths
        from s in Nonzeros
        select new SweepCell(d, m, s, n);

    /// <summary>The cells with s ≤ d·m.</summary>
    public IEnumerable<SweepCell> FeasibleCells => Cells.Where(c => c.IsFeasible);

    /// <summary>The method words of the rows each cell and seed gets: the methods, then <c>audit</c> when auditing.</summary>
    public IReadOnlyList<string> RowMethods => Methods.Select(m => m.Word).Concat(Audit ? [SweepMethod.AuditWord] : []).ToArray();

    /// <summary>Work units: every feasible cell with every seed, in grid order.</summary>
    public IEnumerable<(SweepCell Cell, long Seed)> Units => from cell in FeasibleCells from seed in Seeds select (cell, seed);

    /// <summary>The key of every row a complete sweep holds.</summary>
    public IEnumerable<string> Keys => from unit in Units from method in RowMethods select unit.Cell.Key(unit.Seed, method);

    /// <summary>Rows of a complete sweep.</summary>
    public int RowCount => Units.Count() * RowMethods.Count;

    private static int[] Axis(string option, IEnumerable<int> values)
    {
        int[] sorted = values.Distinct().Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new InvalidSettingException(option, "must list at least one value (integers ≥ 1, comma-separated)");
        }

        if (sorted[0] < 1)
        {
            throw new InvalidSettingException(option, $"values must be integers ≥ 1, got {sorted[0]}");
        }

        return sorted;
    }
}
