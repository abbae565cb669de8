namespace SparseIhtVerify.Cli;

/// <summary>Checks output locations before any long work starts, so a bad path fails in the first second.</summary>
public static class OutputPaths
{
    /// <summary>Fails with a one-line <see cref="CliFailure"/> unless <paramref name="path"/> can be written.</summary>
    public static void RequireWritableFile(string option, string path)
    {
        try
        {
            string full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                throw new CliFailure($"--{option}: '{path}' is a directory; give a file path");
            }

            bool existed = File.Exists(full);
            using (new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write))
            {
            }

            if (!existed)
            {
                File.Delete(full);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliFailure($"--{option}: cannot write '{path}' ({e.Message.TrimEnd('.')}); give a writable file path");
        }
    }

    /// <summary>Creates <paramref name="path"/> if needed and fails with a one-line <see cref="CliFailure"/> unless files can be written in it.</summary>
    public static void RequireWritableDirectory(string option, string path)
    {
        try
        {
            Directory.CreateDirectory(path);
            string probe = Path.Combine(path, $".write-probe-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliFailure($"--{option}: cannot write into '{path}' ({e.Message.TrimEnd('.')}); give a writable directory");
        }
    }
}
