using System.Text.Json;
using SparseIhtVerify.Experiments.IO;

namespace SparseIhtVerify.Cli;

/// <summary>
/// Where <c>--json PATH</c> goes. <c>-</c> is standard output: the document is then the only thing written there, and
/// the human-readable report moves to standard error, so <c>sparse-iht recover --json - | python -c …</c> reads pure
/// JSON. A file is written to a temporary name beside it and renamed, so a crash leaves no torn file. Every number in
/// the document is a number: a non-finite one is null and listed under <c>nonFinite</c> (<see cref="FiniteJson"/>).
/// </summary>
public sealed class JsonOutput
{
    /// <summary>The path that means standard output.</summary>
    public const string StandardOutput = "-";

    private readonly string? _path;

    /// <summary>Checks <paramref name="path"/> (null: no JSON) before any work is done.</summary>
    public JsonOutput(string option, string? path)
    {
        _path = path;
        if (path is not null && path != StandardOutput)
        {
            OutputPaths.RequireWritableFile(option, path);
        }
    }

    /// <summary>Where the human-readable report and the "wrote …" lines go.</summary>
    public TextWriter Human => _path == StandardOutput ? Console.Error : Console.Out;

    /// <summary>Writes <paramref name="document"/> (nothing when no path was given).</summary>
    public void Write<T>(T document)
    {
        if (_path is null)
        {
            return;
        }

        string json = FiniteJson.Serialize(document, Format.Json);
        if (_path == StandardOutput)
        {
            Console.Out.WriteLine(json);
            return;
        }

        AtomicFile.WriteText(_path, json);

        Human.WriteLine($"  wrote {_path}");
    }
}
