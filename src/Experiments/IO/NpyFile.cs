using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SparseIhtVerify.Experiments.IO;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format 1.0): little-endian float64 (<c>&lt;f8</c>), float32 (<c>&lt;f4</c>),
/// int64 (<c>&lt;i8</c>, exact below 2⁵³ as doubles) or uint8 (<c>|u1</c>), 1-D or 2-D, C or Fortran order on reading; writing is C-order <c>&lt;f8</c>, <c>&lt;i8</c> or <c>|u1</c>,
/// to a path through <see cref="AtomicFile"/>.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes a C-order float64 (<c>&lt;f8</c>) array of the given <paramref name="shape"/> (through <see cref="AtomicFile"/>).</summary>
    public static void Write(string path, ReadOnlySpan<double> values, params int[] shape)
    {
        double[] copy = values.ToArray();
        AtomicFile.Write(path, stream => Write(stream, copy, shape));
    }

    /// <summary>Writes a C-order float64 (<c>&lt;f8</c>) array of the given <paramref name="shape"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, ReadOnlySpan<double> values, params int[] shape)
    {
        WriteHeader(stream, "<f8", values.Length, shape);
        var buffer = new byte[8 * Chunk];
        for (int start = 0; start < values.Length; start += Chunk)
        {
            int count = Math.Min(Chunk, values.Length - start);
            for (int t = 0; t < count; t++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(8 * t), values[start + t]);
            }

            stream.Write(buffer, 0, 8 * count);
        }
    }

    /// <summary>Writes a C-order int64 (<c>&lt;i8</c>) array of the given <paramref name="shape"/>.</summary>
    public static void Write(string path, ReadOnlySpan<long> values, params int[] shape)
    {
        long[] copy = values.ToArray();
        AtomicFile.Write(path, stream =>
        {
            WriteHeader(stream, "<i8", copy.Length, shape);
            var buffer = new byte[8];
            foreach (long value in copy)
            {
                BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
                stream.Write(buffer);
            }
        });
    }

    /// <summary>Writes a C-order uint8 (<c>|u1</c>) array of the given <paramref name="shape"/> (0/1 masks, one byte each).</summary>
    public static void Write(string path, ReadOnlySpan<byte> values, params int[] shape)
    {
        byte[] copy = values.ToArray();
        AtomicFile.Write(path, stream =>
        {
            WriteHeader(stream, "|u1", copy.Length, shape);
            stream.Write(copy);
        });
    }

    private const int Chunk = 4096;

    // The header: magic, version 1.0, the header length and the dict padded to a multiple of 64.
    private static void WriteHeader(Stream stream, string descr, int length, int[] shape)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != length)
        {
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) holds {count} values, got {length}");
        }

        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        int unpadded = Magic.Length + 2 + 2 + header.Length + 1;
        header += new string(' ', (64 - unpadded % 64) % 64) + "\n";
        stream.Write(Magic);
        stream.WriteByte(1);
        stream.WriteByte(0);
        Span<byte> headerLength = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(headerLength, (ushort)header.Length);
        stream.Write(headerLength);
        stream.Write(Encoding.ASCII.GetBytes(header));
    }

    /// <summary>Reads an array, returning its shape and its values in C order as float64.</summary>
    /// <exception cref="InvalidDataException">The file is not a supported .npy array; the message says why.</exception>
    public static (int[] Shape, double[] Values) Read(string path) => Read(File.ReadAllBytes(path));

    /// <summary>Reads an array from the bytes of a .npy file (e.g. a member of an .npz archive).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a supported .npy array; the message says why.</exception>
    public static (int[] Shape, double[] Values) Read(byte[] bytes)
    {
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

        string[] dimensions = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        double total = 1; // the product in floating point: no overflow, exact far beyond the limit it is compared with
        foreach (string dimension in dimensions)
        {
            if (!long.TryParse(dimension, NumberStyles.None, CultureInfo.InvariantCulture, out long size) || size > int.MaxValue)
            {
                throw new InvalidDataException($"shape ({shapeMatch.Groups[1].Value}) is not a shape of non-negative sizes below 2^31");
            }

            total *= size;
        }

        if (total > Array.MaxLength)
        {
            throw new InvalidDataException($"shape ({shapeMatch.Groups[1].Value}) holds more values than one array can ({Array.MaxLength})");
        }

        int[] shape = [.. dimensions.Select(d => int.Parse(d, CultureInfo.InvariantCulture))];
        int width = descr switch
        {
            "<f8" or "<i8" => 8,
            "<f4" => 4,
            "|u1" => 1,
            _ => throw new InvalidDataException($"dtype '{descr}' is not supported: use float64 ('<f8'), float32 ('<f4'), int64 ('<i8') or uint8 ('|u1')"),
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
            values[t] = descr switch
            {
                "<f8" => BinaryPrimitives.ReadDoubleLittleEndian(slot),
                "<f4" => BinaryPrimitives.ReadSingleLittleEndian(slot),
                "<i8" => BinaryPrimitives.ReadInt64LittleEndian(slot),
                _ => slot[0],
            };
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
