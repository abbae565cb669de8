using System.Text;

namespace SparseIhtVerify.Experiments.IO;

/// <summary>
/// Writes a file through a temporary name beside it: write, flush to the device (fsync), rename over the final name; the
/// temporary file is removed when anything fails. A crash or a full disk therefore leaves the old file or the new one under
/// the final name, never a torn one, and no temporary file.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> by <paramref name="write"/> on a stream.</summary>
    public static void Write(string path, Action<Stream> write) => WriteVia(path, temporary =>
    {
        using var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite);
        write(stream);
    });

    /// <summary>Writes <paramref name="text"/> as UTF-8.</summary>
    public static void WriteText(string path, string text) => Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// Writes <paramref name="path"/> by <paramref name="writeTo"/>, which writes a file at the path it is given (for libraries
    /// that only write to paths); the temporary name keeps <paramref name="path"/>'s extension.
    /// </summary>
    public static void WriteVia(string path, Action<string> writeTo)
    {
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileNameWithoutExtension(full)}.{Environment.ProcessId}.tmp{Path.GetExtension(full)}");
        try
        {
            writeTo(temporary);
            using (var written = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite))
            {
                written.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
