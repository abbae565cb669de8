using System.IO.Compression;

namespace SparseIhtVerify.Experiments.IO;

/// <summary>
/// NumPy <c>.npz</c> archives: a zip of members (<c>name.npy</c> arrays, and here also a <c>header.json</c> text member, which
/// <c>np.load</c> returns as bytes). Written stored (uncompressed), members in the given order with a fixed timestamp
/// (1980-01-01), so the same members give the same bytes; written through <see cref="AtomicFile"/>.
/// </summary>
public static class NpzArchive
{
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes <paramref name="members"/> (name, bytes) to <paramref name="path"/> through a temporary file.</summary>
    public static void Write(string path, IEnumerable<(string Name, byte[] Bytes)> members)
    {
        AtomicFile.Write(path, file =>
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
            foreach ((string name, byte[] bytes) in members)
            {
                ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
                entry.LastWriteTime = FixedTime;
                using Stream stream = entry.Open();
                stream.Write(bytes);
            }
        });
    }

    /// <summary>The bytes of member <paramref name="name"/> (also found as <c>name.npy</c>).</summary>
    /// <exception cref="InvalidDataException">The file is not a zip archive or has no such member; the message lists the members.</exception>
    public static byte[] ReadMember(string path, string name)
    {
        try
        {
            using ZipArchive zip = ZipFile.OpenRead(path);
            ZipArchiveEntry entry = zip.GetEntry(name) ?? zip.GetEntry(name + ".npy")
                ?? throw new InvalidDataException($"has no member '{name}' (members: {string.Join(", ", zip.Entries.Select(e => e.FullName))})");
            using Stream stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith("has no member", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"is not a readable .npz (zip) archive ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>The NumPy array in member <paramref name="name"/>.</summary>
    public static (int[] Shape, double[] Values) ReadArray(string path, string name)
    {
        byte[] bytes = ReadMember(path, name);
        try
        {
            return NpyFile.Read(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"member '{name}': {e.Message}");
        }
    }

    /// <summary>The member's bytes as a .npy array of float64 values of the given <paramref name="shape"/>.</summary>
    public static byte[] Array(ReadOnlySpan<double> values, params int[] shape)
    {
        using var stream = new MemoryStream();
        NpyFile.Write(stream, values, shape);
        return stream.ToArray();
    }
}
