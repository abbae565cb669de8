using System.Globalization;
using SparseIhtVerify.Solver.Kernels;

namespace SparseIhtVerify.Experiments.IO;

/// <summary>
/// Reads a user's data matrix (rows = samples) from NumPy <c>.npy</c> (2-D, float32 or float64) or CSV
/// (comma-separated numbers, every row the same length; a first line with any non-numeric field is a header).
/// Every failure is an <see cref="InvalidDataException"/> whose message is one line saying what is wrong and where.
/// </summary>
public static class DataFile
{
    /// <summary>Reads the matrix at <paramref name="path"/>, choosing the format by extension (.npy, else CSV).</summary>
    public static DataMatrix ReadMatrix(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"'{path}' does not exist");
        }

        (int rows, int columns, double[] values) = path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? ReadNpy(path) : ReadCsv(path);
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

    private static (int, int, double[]) ReadCsv(string path)
    {
        var values = new List<double>();
        int columns = -1, rows = 0, lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            var parsed = new double[fields.Length];
            bool numeric = true;
            for (int f = 0; f < fields.Length && numeric; f++)
            {
                numeric = double.TryParse(fields[f].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out parsed[f]);
            }

            if (!numeric)
            {
                if (rows == 0 && columns < 0)
                {
                    columns = fields.Length;
                    continue;
                }

                throw new InvalidDataException($"line {lineNumber} holds a field that is not a number");
            }

            if (columns < 0)
            {
                columns = fields.Length;
            }
            else if (fields.Length != columns)
            {
                throw new InvalidDataException($"line {lineNumber} has {fields.Length} fields but earlier lines have {columns} (ragged CSV)");
            }

            values.AddRange(parsed);
            rows++;
        }

        if (rows == 0)
        {
            throw new InvalidDataException("the CSV file holds no data rows");
        }

        return (rows, columns, values.ToArray());
    }
}
