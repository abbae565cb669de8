using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SparseIhtVerify.Experiments.IO;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format 1.0): little-endian float64 (<c>&lt;f8</c>) or float32
/// (<c>&lt;f4</c>), 1-D or 2-D, C or Fortran order on reading; writing is always C-order <c>&lt;f8</c>.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes a C-order float64 array of the given <paramref name="shape"/>.</summary>
    public static void Write(string path, ReadOnlySpan<double> values, params int[] shape)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != values.Length)
        {
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) holds {count} values, got {values.Length}");
        }

        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        string header = $"{{'descr': '<f8', 'fortran_order': False, 'shape': {shapeText}, }}";
        int unpadded = Magic.Length + 2 + 2 + header.Length + 1;
        header += new string(' ', (64 - unpadded % 64) % 64) + "\n";

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.Write(Magic);
        stream.WriteByte(1);
        stream.WriteByte(0);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
        var buffer = new byte[8 * 4096];
        for (int start = 0; start < values.Length; start += 4096)
        {
            int count8 = Math.Min(4096, values.Length - start);
            for (int t = 0; t < count8; t++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(8 * t), values[start + t]);
            }

            stream.Write(buffer, 0, 8 * count8);
        }
    }

    /// <summary>Reads an array, returning its shape and its values in C order as float64.</summary>
    /// <exception cref="InvalidDataException">The file is not a supported .npy array; the message says why.</exception>
    public static (int[] Shape, double[] Values) Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a NumPy .npy file (missing \\x93NUMPY magic)");
        }

        int major = bytes[6];
        int headerLength, offset;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
            offset = 10;
        }
        else if (major is 2 or 3)
        {
            headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
            offset = 12;
        }
        else
        {
            throw new InvalidDataException($"unsupported .npy format version {major}");
        }

        string header = Encoding.ASCII.GetString(bytes, offset, Math.Min(headerLength, bytes.Length - offset));
        string descr = DescrPattern().Match(header) is { Success: true } d ? d.Groups[1].Value : throw new InvalidDataException("header has no 'descr'");
        bool fortran = FortranPattern().Match(header) is { Success: true } f && f.Groups[1].Value == "True";
        Match shapeMatch = ShapePattern().Match(header);
        if (!shapeMatch.Success)
        {
            throw new InvalidDataException("header has no 'shape'");
        }

        int[] shape = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int width = descr switch
        {
            "<f8" => 8,
            "<f4" => 4,
            _ => throw new InvalidDataException($"dtype '{descr}' is not supported: use float64 ('<f8') or float32 ('<f4')"),
        };

        long count = shape.Aggregate(1L, (a, b) => a * b);
        int dataStart = offset + headerLength;
        if (bytes.Length - dataStart < count * width)
        {
            throw new InvalidDataException($"file holds {(bytes.Length - dataStart) / width} values but its shape needs {count}");
        }

        var values = new double[count];
        for (long t = 0; t < count; t++)
        {
            ReadOnlySpan<byte> slot = bytes.AsSpan((int)(dataStart + t * width), width);
            values[t] = width == 8 ? BinaryPrimitives.ReadDoubleLittleEndian(slot) : BinaryPrimitives.ReadSingleLittleEndian(slot);
        }

        if (fortran && shape.Length == 2)
        {
            var transposed = new double[count];
            int rows = shape[0], columns = shape[1];
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < columns; j++)
                {
                    transposed[i * columns + j] = values[j * rows + i];
                }
            }

            values = transposed;
        }

        return (shape, values);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
