using System.Globalization;
using nietras.SeparatedValues;
using SparseIhtVerify.Solver.Kernels;

namespace SparseIhtVerify.Experiments.IO;

/// <summary>
/// Reads a user's data matrix (rows = samples) and label vector from NumPy <c>.npy</c> (float64, float32, int64 or uint8), a
/// member of an <c>.npz</c> archive (<c>file.npz:member</c>), or CSV (<see cref="CsvSettings"/>: numbers separated by a
/// delimiter given or inferred, every row the same length, the first line a header when asked or, by default, when it holds
/// a field that is not a number; <c>file.csv:column</c> names a column by its header or its number from 1).
/// Every failure is an <see cref="InvalidDataException"/> whose message is one line saying what is wrong and where.
/// </summary>
public static class DataFile
{
    /// <summary>
    /// Reads the matrix at <paramref name="source"/> (a path, or <c>archive.npz:member</c>), choosing the format by extension
    /// (.npy, .npz, else CSV read by <paramref name="csv"/>); <paramref name="withoutColumn"/> drops one CSV column (the labels).
    /// </summary>
    public static DataMatrix ReadMatrix(string source, CsvSettings? csv = null, string? withoutColumn = null)
    {
        (string path, string? member) = Locate(source);
        Table table = Read(path, member, csv);
        if (table.Shape.Length != 2)
        {
            throw new InvalidDataException($"the array must be 2-D (samples × inputs), got shape ({string.Join(", ", table.Shape)})");
        }

        int rows = table.Shape[0], columns = table.Shape[1];
        double[] values = table.Values;
        if (withoutColumn is not null)
        {
            int drop = table.Column(withoutColumn);
            values = Enumerable.Range(0, rows * columns).Where(t => t % columns != drop).Select(t => values[t]).ToArray();
            columns--;
        }

        if (rows < 1 || columns < 1)
        {
            throw new InvalidDataException($"the array is empty (shape {rows} × {columns})");
        }

        RequireFinite(values, columns);
        return new DataMatrix(rows, columns, values);
    }

    /// <summary>
    /// Reads a vector (the labels y): a 1-D array or a one-column 2-D array, a member of an archive, or a CSV column
    /// (<c>file.csv:column</c>; without a column the file must have exactly one).
    /// </summary>
    public static double[] ReadVector(string source, CsvSettings? csv = null)
    {
        (string path, string? member) = Locate(source);
        Table table = Read(path, member, csv);
        if (table.Names is not null && member is not null)
        {
            int column = table.Column(member);
            int columns = table.Shape[1];
            return RequireFinite(Enumerable.Range(0, table.Shape[0]).Select(i => table.Values[i * columns + column]).ToArray(), 1);
        }

        if (table.Shape.Length == 2 && table.Shape[1] != 1)
        {
            throw new InvalidDataException(table.Names is not null
                ? $"has {table.Shape[1]} columns: name the labels column as '{path}:NAME' or '{path}:NUMBER'"
                : $"the array must be 1-D (or one column), got shape ({string.Join(", ", table.Shape)})");
        }

        if (table.Values.Length == 0)
        {
            throw new InvalidDataException("holds no values");
        }

        return RequireFinite(table.Values, 1);
    }

    /// <summary>The file and the member or column of <paramref name="source"/>: <c>path:name</c> when path exists and the whole does not.</summary>
    public static (string Path, string? Member) Locate(string source)
    {
        int colon = source.LastIndexOf(':');
        if (!File.Exists(source) && colon > 0 && File.Exists(source[..colon]))
        {
            return (source[..colon], source[(colon + 1)..]);
        }

        if (Directory.Exists(source))
        {
            throw new InvalidDataException($"'{source}' is a directory: give a file");
        }

        if (!File.Exists(source))
        {
            throw new InvalidDataException($"'{source}' does not exist");
        }

        return (source, null);
    }

    /// <summary>An array read from a file: its shape, its values in C order, and the CSV header's names (null without one, and for arrays).</summary>
    private sealed record Table(int[] Shape, double[] Values, IReadOnlyList<string>? Names)
    {
        /// <summary>The column named <paramref name="name"/> by its header or by its number from 1.</summary>
        public int Column(string name)
        {
            int columns = Shape.Length == 2 ? Shape[1] : 1;
            if (Names?.ToList().IndexOf(name) is int found and >= 0)
            {
                return found;
            }

            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= 1 && number <= columns)
            {
                return number - 1;
            }

            string known = Names is null ? string.Empty : $" or one of {string.Join(", ", Names)}";
            throw new InvalidDataException($"has no column '{name}': give a number in [1, {columns}]{known}");
        }
    }

    private static Table Read(string path, string? member, CsvSettings? csv)
    {
        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            Refuse(member, path);
            (int[] shape, double[] values) = NpyFile.Read(path);
            return new Table(shape, values, null);
        }

        if (path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
        {
            if (member is null)
            {
                throw new InvalidDataException($"is an .npz (zip archive) of arrays: name the member as '{path}:NAME'");
            }

            (int[] shape, double[] values) = NpzArchive.ReadArray(path, member);
            return new Table(shape, values, null);
        }

        (int rows, int columns, double[] data, IReadOnlyList<string>? names) = ReadCsv(path, csv ?? new CsvSettings());
        return new Table([rows, columns], data, names);
    }

    private static void Refuse(string? member, string path)
    {
        if (member is not null)
        {
            throw new InvalidDataException($"'{path}' is a single array: ':{member}' names a member of an .npz archive or a CSV column");
        }
    }

    private static double[] RequireFinite(double[] values, int columns)
    {
        for (int t = 0; t < values.Length; t++)
        {
            if (!double.IsFinite(values[t]))
            {
                string where = columns == 1 ? $"entry {t} (from 0)" : $"entry [{t / columns}, {t % columns}] (row, column, from 0)";
                throw new InvalidDataException($"{where} is {values[t].ToString(CultureInfo.InvariantCulture)}: data must be finite");
            }
        }

        return values;
    }

    // A CSV file through Sep (a maintained, vectorised reader; quotes and line endings as RFC 4180). Binary files (an .npz
    // archive, a .npy passed under another name) are refused before parsing with a line that says what they look like.
    private static (int, int, double[], IReadOnlyList<string>?) ReadCsv(string path, CsvSettings settings)
    {
        RefuseBinary(path);
        using SepReader reader = (settings.Delimiter is char delimiter ? Sep.New(delimiter) : Sep.Auto)
            .Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true, Trim = SepTrim.All })
            .FromFile(path);
        var values = new List<double>();
        int columns = -1, rows = 0;
        bool first = true, skippedHeader = false;
        string[]? names = null;
        foreach (SepReader.Row row in reader)
        {
            int line = row.RowIndex + 1; // rows are lines here (numbers hold no quoted line breaks)
            bool header = first && settings.Header == CsvHeader.Yes;
            if (row.ColCount == 1 && row[0].Span.Length == 0)
            {
                first = false;
                continue;
            }

            var parsed = new double[row.ColCount];
            int bad = -1;
            for (int c = 0; c < row.ColCount && bad < 0 && !header; c++)
            {
                if (!double.TryParse(row[c].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out parsed[c]))
                {
                    bad = c;
                }
            }

            if (header || (bad >= 0 && first && settings.Header == CsvHeader.Auto))
            {
                names = new string[row.ColCount];
                for (int c = 0; c < names.Length; c++)
                {
                    names[c] = row[c].ToString();
                }

                first = false;
                skippedHeader = true;
                continue;
            }

            first = false;
            if (bad >= 0)
            {
                string hint = settings.Header == CsvHeader.No && line == 1 ? " (the header setting says the first line is data)" : string.Empty;
                throw new InvalidDataException($"line {line}, field {bad + 1}: '{row[bad].ToString()}' is not a number{hint}");
            }

            if (columns < 0)
            {
                columns = row.ColCount;
            }
            else if (row.ColCount != columns)
            {
                throw new InvalidDataException($"line {line} has {row.ColCount} fields but earlier lines have {columns} (ragged CSV, or another delimiter than '{reader.Spec.Sep.Separator}')");
            }

            values.AddRange(parsed);
            rows++;
        }

        if (rows == 0)
        {
            throw new InvalidDataException(skippedHeader ? "the CSV file holds no data rows (its first line was read as a header)" : "the CSV file holds no data rows");
        }

        return (rows, columns, values.ToArray(), names);
    }

    private static void RefuseBinary(string path)
    {
        var head = new byte[4096];
        int read;
        using (FileStream stream = File.OpenRead(path))
        {
            read = stream.Read(head, 0, head.Length);
        }

        ReadOnlySpan<byte> start = head.AsSpan(0, read);
        if (start.StartsWith("PK\u0003\u0004"u8))
        {
            throw new InvalidDataException("is a zip archive (an .npz?), not CSV: pass the .npy member or a CSV file");
        }

        if (start.Length >= 6 && start[0] == 0x93 && start[1..6].SequenceEqual("NUMPY"u8))
        {
            throw new InvalidDataException("is a NumPy .npy array, not CSV: give it the .npy extension");
        }

        if (start.Contains((byte)0))
        {
            throw new InvalidDataException("holds binary data (a NUL byte in its first 4 KB), not CSV text");
        }
    }
}
