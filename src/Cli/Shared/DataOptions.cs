using System.CommandLine;
using SparseIhtVerify.Experiments.Fitting;
using SparseIhtVerify.Experiments.IO;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;

namespace SparseIhtVerify.Cli;

/// <summary>How the commands that read a user's files (audit, fit, predict) read them: the CSV flags, and one-line errors naming the flag.</summary>
public sealed class DataOptions
{
    public Option<string> Header { get; } = new("--header") { Description = "CSV files: auto (a first line with a field that is not a number is a header) | yes | no", DefaultValueFactory = _ => "auto" };

    public Option<string?> Delimiter { get; } = new("--delimiter") { Description = "CSV field separator, one character or 'tab' (default: inferred from the first line: , ; tab |)" };

    public IEnumerable<Option> All => [Header, Delimiter];

    /// <summary>The CSV settings of <c>--header</c> and <c>--delimiter</c>.</summary>
    public CsvSettings Csv(ParseResult parse)
    {
        string header = parse.GetValue(Header)!, delimiter = parse.GetValue(Delimiter)!;
        CsvHeader mode = header switch
        {
            "auto" => CsvHeader.Auto,
            "yes" => CsvHeader.Yes,
            "no" => CsvHeader.No,
            _ => throw new InvalidSettingException("header", $"must be one of auto, yes, no; got '{header}'"),
        };
        char? separator = delimiter switch
        {
            null => null,
            "tab" or "\\t" => '\t',
            { Length: 1 } one when one[0] is not ('"' or '\r' or '\n') && !char.IsLetterOrDigit(one[0]) && one[0] != '.' && one[0] != '-' && one[0] != '+' => one[0],
            _ => throw new InvalidSettingException("delimiter", $"must be one character that cannot be part of a number (such as , ; | or tab), got '{delimiter}'"),
        };
        return new CsvSettings(mode, separator);
    }

    /// <summary>The matrix at <paramref name="source"/> for flag <paramref name="option"/>, without the CSV column <paramref name="withoutColumn"/>.</summary>
    public static DataMatrix Matrix(string option, string source, CsvSettings csv, string? withoutColumn = null) =>
        Reading(option, source, () => DataFile.ReadMatrix(source, csv, withoutColumn));

    /// <summary>The vector at <paramref name="source"/> for flag <paramref name="option"/>.</summary>
    public static double[] Vector(string option, string source, CsvSettings csv) => Reading(option, source, () => DataFile.ReadVector(source, csv));

    /// <summary><paramref name="values"/>, which must hold one value per row of --data's <paramref name="rows"/> (flag <paramref name="option"/>).</summary>
    public static double[] OnePerRow(string option, double[] values, int rows) =>
        values.Length == rows ? values : throw new CliFailure($"--{option}: holds {values.Length} values but --data has {rows} rows");

    /// <summary>The model file at <paramref name="path"/> for flag <paramref name="option"/>.</summary>
    public static FittedNetwork Model(string option, string path) => Reading(option, path, () => ModelFile.Load(path));

    /// <summary>
    /// The labels' column when the labels (already read) are a column of the CSV file that --data names, so X is its other
    /// columns; null otherwise.
    /// </summary>
    public static string? LabelColumn(string dataSource, string labelSource) =>
        File.Exists(dataSource) && !dataSource.EndsWith(".npz", StringComparison.OrdinalIgnoreCase)
            && DataFile.Locate(labelSource) is (string path, string column) && Path.GetFullPath(path) == Path.GetFullPath(dataSource)
            ? column
            : null;

    /// <summary>The generators h_j at <paramref name="source"/> (p rows of d = <paramref name="inputs"/> entries), for flag --generators.</summary>
    public static GeneratorDictionary Generators(string source, CsvSettings csv, int inputs)
    {
        DataMatrix given = Matrix("generators", source, csv);
        return given.Columns == inputs
            ? new GeneratorDictionary(DictionaryKind.Random, inputs, given.Values, 0)
            : throw new InvalidSettingException("generators", $"rows must have d = {inputs} entries like the data's rows, got {given.Columns}");
    }

    private static T Reading<T>(string option, string source, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            throw new CliFailure(e.Message.StartsWith('\'') ? $"--{option}: {e.Message}" : $"--{option}: {source}: {e.Message}");
        }
    }
}
