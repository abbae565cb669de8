namespace SparseIhtVerify.Experiments.IO;

/// <summary>Whether the first line of a CSV file is a header.</summary>
public enum CsvHeader
{
    /// <summary>A header when the first line holds a field that is not a number.</summary>
    Auto,

    /// <summary>The first line is a header (skipped, whatever it holds).</summary>
    Yes,

    /// <summary>The first line is data.</summary>
    No,
}

/// <summary>How a CSV data file is read.</summary>
/// <param name="Header">Whether the first line is a header.</param>
/// <param name="Delimiter">The field separator, or null to infer it from the first line (comma, semicolon, tab, pipe).</param>
public sealed record CsvSettings(CsvHeader Header = CsvHeader.Auto, char? Delimiter = null);
