using System.Globalization;
using nietras.SeparatedValues;
using SparseIhtVerify.Solver.Kernels;

namespace SparseIhtVerify.Experiments.IO;

/// <summary>
/// Reads a user's data matrix (rows = samples) from NumPy <c>.npy</c> (2-D float64, float32, int64 or uint8) or CSV
/// (<see cref="CsvSettings"/>: numbers separated by a delimiter given or inferred, every row the same length, the first
/// line a header when asked or, by default, when it holds a field that is not a number).
/// Every failure is an <see cref="InvalidDataException"/> whose message is one line saying what is wrong and where.
/// </summary>
public static class DataFile
{
    /// <summary>Reads the matrix at <paramref name="path"/>, choosing the format by extension (.npy, else CSV read by <paramref name="csv"/>).</summary>
    public static DataMatrix ReadMatrix(string path, CsvSettings? csv = null)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"'{path}' does not exist");
        }

        (int rows, int columns, double[] values) = path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? ReadNpy(path) : ReadCsv(path, csv ?? new CsvSettings());
        for (int t = 0; t < values.Length; t++)
        {
            if (!double.IsFinite(values[t]))
            {
                throw new InvalidDataException($"entry [{t / columns}, {t % columns}] (row, column, from 0) is {values[t].ToString(CultureInfo.InvariantCulture)}: data must be finite");
            }
        }

        return new DataMatrix(rows, columns, values);
    }

    private static (int, int, double[]) ReadNpy(string path)
    {
        (int[] shape, double[] values) = NpyFile.Read(path);
        if (shape.Length != 2)
        {
            throw new InvalidDataException($"the array must be 2-D (samples × inputs), got shape ({string.Join(", ", shape)})");
        }

        if (shape[0] < 1 || shape[1] < 1)
        {
            throw new InvalidDataException($"the array is empty (shape {shape[0]} × {shape[1]})");
        }

        return (shape[0], shape[1], values);
    }

    // A CSV file through Sep (a maintained, vectorised reader; quotes and line endings as RFC 4180). Binary files (an .npz
    // archive, a .npy passed under another name) are refused before parsing with a line that says what they look like.
    private static (int, int, double[]) ReadCsv(string path, CsvSettings settings)
    {
        RefuseBinary(path);
        using SepReader reader = (settings.Delimiter is char delimiter ? Sep.New(delimiter) : Sep.Auto)
            .Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true, Trim = SepTrim.All })
            .FromFile(path);
        var values = new List<double>();
        int columns = -1, rows = 0;
        bool first = true, skippedHeader = false;
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

        return (rows, columns, values.ToArray());
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
