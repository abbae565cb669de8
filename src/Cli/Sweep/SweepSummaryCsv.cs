using SparseIhtVerify.Experiments.IO;
using System.Globalization;
using System.Text;
using SparseIhtVerify.Experiments.Sweep;
using SparseIhtVerify.Theory.Guarantees;

namespace SparseIhtVerify.Cli;

/// <summary>The aggregated grid as CSV: one line per cell and method, invariant culture, a header line.</summary>
public static class SweepSummaryCsv
{
    /// <summary>The header: camelCase, the names of the same quantities in the JSON documents (the fields of <see cref="SweepCellSummary"/> and its cell).</summary>
    public static readonly string[] Columns =
    [
        "inputs", "width", "nonzeros", "samples", "method", "seeds", "meanPsnrDb", "successRate", "meanWeightError", "medianWeightError",
        "meanSupportRecall", "exactSupportRate", "meanSeconds", "meanIterations", "stateBytes", "patternBytes",
        "theory", "auditedSeeds", "certifiedSeeds", "holdingSeeds",
    ];

    /// <summary>Writes <paramref name="cells"/> to <paramref name="path"/> (through <see cref="AtomicFile"/>) and returns the path.</summary>
    public static string Write(string path, IReadOnlyList<SweepCellSummary> cells)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Columns)).Append('\n');
        foreach (SweepCellSummary c in cells)
        {
            text.Append(string.Join(',',
                I(c.Cell.Inputs), I(c.Cell.Width), I(c.Cell.Nonzeros), I(c.Cell.Samples), c.Method, I(c.Seeds),
                D(c.MeanPsnrDb), D(c.SuccessRate), D(c.MeanWeightError), D(c.MedianWeightError), D(c.MeanSupportRecall), D(c.ExactSupportRate),
                D(c.MeanSeconds), D(c.MeanIterations), c.StateBytes.ToString(CultureInfo.InvariantCulture), c.PatternBytes.ToString(CultureInfo.InvariantCulture),
                TheoryWord(c.Theory), I(c.AuditedSeeds), I(c.CertifiedSeeds), I(c.HoldingSeeds))).Append('\n');
        }

        AtomicFile.WriteText(path, text.ToString());
        return path;
    }

    /// <summary>not-audited | none | holds-estimated | holds-certified.</summary>
    public static string TheoryWord(SweepTheory theory) => theory switch
    {
        SweepTheory.HoldsCertified => Verdicts.Word(Verdict.HoldsCertified),
        SweepTheory.HoldsEstimated => Verdicts.Word(Verdict.HoldsEstimated),
        SweepTheory.None => "none",
        _ => "not-audited",
    };

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
