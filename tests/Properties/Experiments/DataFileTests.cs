using System.Globalization;
using System.IO.Compression;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Experiments.IO;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Randomness;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>A user's data files: CSV through the CSV package with header and delimiter settings, .npy, and the refusals.</summary>
public sealed class DataFileTests
{
    private static readonly char[] Delimiters = [',', ';', '\t', '|'];

    /// <summary>A matrix written as CSV text: its delimiter, whether it has a header line, and padding around fields.</summary>
    public sealed record CsvCase(int Rows, int Columns, char Delimiter, bool Header, bool Padded, bool Given, long Seed)
    {
        public override string ToString() => $"CsvCase(n={Rows}, d={Columns}, delimiter={(Delimiter == '\t' ? "tab" : Delimiter.ToString())}, header={Header}, padded={Padded}, delimiter given={Given}, seed={Seed})";
    }

    private static Gen<CsvCase> CsvGen =>
        from rows in Gen.Choose(1, 40)
        from columns in Gen.Choose(1, 8)
        from delimiter in Gen.Elements(Delimiters)
        from header in Gen.Elements(true, false)
        from padded in Gen.Elements(true, false)
        from given in Gen.Elements(true, false)
        from seed in InstanceGenerators.Seed
        select new CsvCase(rows, columns, delimiter, header, padded, given, seed);

    // A matrix written with round-trip digits reads back bit for bit, whatever the delimiter (given or inferred), the
    // padding, and a header line that the default setting detects and that --header yes/no state.
    [Property(MaxTest = 150)]
    public Property CsvReadsBackTheMatrixBitForBit() =>
        Prop.ForAll(CsvGen.ToArbitrary(), c =>
        {
            var values = new double[c.Rows * c.Columns];
            new SeededRandom(c.Seed).FillGaussian(values);
            string pad = c.Padded ? " " : string.Empty;
            var lines = new List<string>();
            if (c.Header)
            {
                lines.Add(string.Join(c.Delimiter, Enumerable.Range(0, c.Columns).Select(j => $"x{j}")));
            }

            for (int i = 0; i < c.Rows; i++)
            {
                lines.Add(string.Join(c.Delimiter, Enumerable.Range(0, c.Columns).Select(j => pad + values[(i * c.Columns) + j].ToString("R", CultureInfo.InvariantCulture) + pad)));
            }

            using var folder = new TemporaryDirectory();
            string path = folder.File("x.csv");
            File.WriteAllText(path, string.Join('\n', lines) + "\n");
            char? delimiter = c.Given ? c.Delimiter : null;
            DataMatrix auto = DataFile.ReadMatrix(path, new CsvSettings(CsvHeader.Auto, delimiter));
            DataMatrix stated = DataFile.ReadMatrix(path, new CsvSettings(c.Header ? CsvHeader.Yes : CsvHeader.No, delimiter));
            bool shape = auto.Rows == c.Rows && auto.Columns == c.Columns && stated.Rows == c.Rows && stated.Columns == c.Columns;
            return shape.Label($"read {auto.Rows}×{auto.Columns} (auto) and {stated.Rows}×{stated.Columns} (stated), wrote {c.Rows}×{c.Columns}; {c}")
                .And((shape && Closeness.BitIdentical(auto.Values, values) && Closeness.BitIdentical(stated.Values, values)).Label($"values differ; {c}"))
                .Classify(c.Columns == 1, "one column (nothing to infer a delimiter from)")
                .Classify(!c.Given, "delimiter inferred")
                .Classify(c.Header, "header line");
        });

    [Theory]
    [InlineData("1,2,3\n4,5\n", "line 2 has 2 fields but earlier lines have 3 (ragged CSV")]
    [InlineData("a,b\n1,2\nx,3\n", "line 3, field 1: 'x' is not a number")]
    [InlineData("1,2\n3,NaN\n", "must be finite")]
    [InlineData("\n\n", "holds no data rows")]
    public void BadCsvIsRefusedSayingWhatAndWhere(string text, string expected)
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("bad.csv");
        File.WriteAllText(path, text);
        var e = Assert.Throws<InvalidDataException>(() => DataFile.ReadMatrix(path));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    // A header line read as data under --header no is refused with a hint; under --header yes a numeric first line is skipped.
    [Fact]
    public void TheHeaderSettingIsObeyed()
    {
        using var folder = new TemporaryDirectory();
        string named = folder.File("named.csv"), numeric = folder.File("numeric.csv");
        File.WriteAllText(named, "a,b\n1,2\n");
        File.WriteAllText(numeric, "1,2\n3,4\n");
        var e = Assert.Throws<InvalidDataException>(() => DataFile.ReadMatrix(named, new CsvSettings(CsvHeader.No)));
        Assert.Contains("the header setting says the first line is data", e.Message, StringComparison.Ordinal);
        DataMatrix skipped = DataFile.ReadMatrix(numeric, new CsvSettings(CsvHeader.Yes));
        Assert.Equal((1, 2), (skipped.Rows, skipped.Columns));
        Assert.Equal([3.0, 4.0], skipped.Values.ToArray());
    }

    // A zip archive (an .npz) and a .npy array passed as CSV are named for what they are, not parsed as text; an .npz is read by member.
    [Fact]
    public void BinaryFilesPassedAsCsvAreNamed()
    {
        using var folder = new TemporaryDirectory();
        string npy = folder.File("x.npy"), npz = folder.File("x.npz"), disguised = folder.File("x.csv");
        NpyFile.Write(npy, new double[] { 1, 2, 3, 4 }, 2, 2);
        using (ZipArchive archive = ZipFile.Open(npz, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(npy, "x.npy");
        }

        string zipAsCsv = folder.File("x.dat");
        File.Copy(npz, zipAsCsv);
        Assert.Contains("zip archive", Assert.Throws<InvalidDataException>(() => DataFile.ReadMatrix(zipAsCsv)).Message, StringComparison.Ordinal);
        Assert.Contains("name the member", Assert.Throws<InvalidDataException>(() => DataFile.ReadMatrix(npz)).Message, StringComparison.Ordinal);
        Assert.Contains("has no member 'y'", Assert.Throws<InvalidDataException>(() => DataFile.ReadMatrix(npz + ":y")).Message, StringComparison.Ordinal);
        Assert.Equal([1.0, 2.0, 3.0, 4.0], DataFile.ReadMatrix(npz + ":x").Values.ToArray());
        File.Copy(npy, disguised);
        Assert.Contains("NumPy .npy array", Assert.Throws<InvalidDataException>(() => DataFile.ReadMatrix(disguised)).Message, StringComparison.Ordinal);
        Assert.Equal([1.0, 2.0, 3.0, 4.0], DataFile.ReadMatrix(npy).Values.ToArray());
    }
}
