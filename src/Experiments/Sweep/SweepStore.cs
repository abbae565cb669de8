using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SparseIhtVerify.Experiments.IO;
using SparseIhtVerify.Solver;

namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>
/// A sweep's results folder: <c>sweep.json</c> (the plan's settings and fingerprint) and <c>results.jsonl</c> (one
/// JSON object per line, one line per finished row, appended as rows finish). Each row is written with a single
/// write of one complete line and flushed, so killing the process loses at most the rows still running; a trailing
/// partial line (a write cut short) is removed when the folder is opened again. A lock file keeps a second sweep
/// out of the folder while one runs (the operating system releases it when the process dies).
/// </summary>
public sealed class SweepStore : IDisposable
{
    /// <summary>The results file's name.</summary>
    public const string ResultsFileName = "results.jsonl";

    /// <summary>The settings file's name.</summary>
    public const string ManifestFileName = "sweep.json";

    private const string LockFileName = ".sweep.lock";

    /// <summary>How rows are written (through <see cref="FiniteJson"/>): camelCase, one line, nulls left out; a non-finite number is null and listed under <c>nonFinite</c>.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly object _gate = new();
    private readonly Dictionary<string, SweepRow> _rows;
    private readonly FileStream _lock;
    private readonly FileStream _results;

    private SweepStore(string folder, FileStream lockStream, Dictionary<string, SweepRow> rows, SweepOpenReport report)
    {
        Folder = folder;
        _lock = lockStream;
        _rows = rows;
        Report = report;
        _results = new FileStream(ResultsPath, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
    }

    /// <summary>The folder.</summary>
    public string Folder { get; }

    /// <summary>Path of <c>results.jsonl</c>.</summary>
    public string ResultsPath => Path.Combine(Folder, ResultsFileName);

    /// <summary>What opening found.</summary>
    public SweepOpenReport Report { get; }

    /// <summary>Rows stored so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count;
            }
        }
    }

    /// <summary>A snapshot of the stored rows, in key order.</summary>
    public IReadOnlyList<SweepRow> Rows
    {
        get
        {
            lock (_gate)
            {
                return _rows.Values.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>Whether the row <paramref name="key"/> is stored.</summary>
    public bool Contains(string key)
    {
        lock (_gate)
        {
            return _rows.ContainsKey(key);
        }
    }

    /// <summary>
    /// Opens (creating it if needed) the results folder for <paramref name="plan"/>. A folder holding a sweep with a
    /// different fingerprint is refused with an <see cref="InvalidSettingException"/> for <c>out</c> naming the changed
    /// settings, unless <paramref name="force"/>: then its <c>sweep.json</c> and <c>results.jsonl</c> are renamed with
    /// a <c>.replaced-</c> time suffix (nothing is deleted) and the sweep starts afresh.
    /// </summary>
    public static SweepStore Open(string folder, SweepPlan plan, bool force)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidSettingException("out", $"cannot create '{folder}' ({e.Message.TrimEnd('.')}); give a writable directory");
        }

        // The lock is held by another process: EWOULDBLOCK (11) from flock on Unix, ERROR_SHARING_VIOLATION on Windows.
        static bool Locked(IOException e) => e.HResult is 11 or unchecked((int)0x80070020);
        FileStream lockStream;
        try
        {
            lockStream = new FileStream(Path.Combine(folder, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (Locked(e))
        {
            throw new InvalidSettingException("out", $"another sweep is running in '{folder}'; wait for it, or give another directory");
        }
        catch (IOException e)
        {
            // A read-only file system, a full disk: not another sweep.
            throw new InvalidSettingException("out", $"cannot write into '{folder}' ({e.Message.TrimEnd('.')}); give a writable directory");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidSettingException("out", $"cannot write into '{folder}' ({e.Message.TrimEnd('.')}); give a writable directory");
        }

        try
        {
            return OpenLocked(folder, plan, force, lockStream);
        }
        catch
        {
            lockStream.Dispose();
            throw;
        }
    }

    private static SweepStore OpenLocked(string folder, SweepPlan plan, bool force, FileStream lockStream)
    {
        string manifestPath = Path.Combine(folder, ManifestFileName);
        string resultsPath = Path.Combine(folder, ResultsFileName);
        string fingerprint = plan.Fingerprint();
        string? replacedSuffix = null;
        bool hasManifest = File.Exists(manifestPath);
        bool hasResults = File.Exists(resultsPath) && new FileInfo(resultsPath).Length > 0;
        if (hasManifest || hasResults)
        {
            (string? storedFingerprint, IReadOnlyDictionary<string, string> storedSettings) = hasManifest ? ReadManifest(manifestPath) : (null, new Dictionary<string, string>());
            if (storedFingerprint != fingerprint)
            {
                if (!force)
                {
                    string changes = storedFingerprint is null ? "it has results but no readable sweep.json" : $"changed: {Differences(storedSettings, plan.Describe())}";
                    throw new InvalidSettingException("out", $"'{folder}' holds a different sweep ({changes}); rerun with its settings to resume it, or replace it: its results are moved aside and this sweep starts there", remedy: "force");
                }

                replacedSuffix = ".replaced-" + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
                foreach (string path in new[] { manifestPath, resultsPath })
                {
                    if (File.Exists(path))
                    {
                        File.Move(path, path + replacedSuffix);
                    }
                }
            }
        }

        WriteManifest(manifestPath, plan, fingerprint);
        var expected = plan.Grid.Keys.ToHashSet(StringComparer.Ordinal);
        LoadResult loaded = Load(resultsPath, expected);
        if (loaded.Partial + loaded.Invalid + loaded.Duplicates + loaded.Foreign > 0)
        {
            Rewrite(resultsPath, loaded.Rows);
        }

        var rows = new Dictionary<string, SweepRow>(StringComparer.Ordinal);
        foreach (SweepRow row in loaded.Rows)
        {
            rows[row.Key] = row;
        }

        var report = new SweepOpenReport(rows.Count, loaded.Partial, loaded.Invalid, loaded.Duplicates, loaded.Foreign, replacedSuffix);
        return new SweepStore(folder, lockStream, rows, report);
    }

    /// <summary>
    /// Appends <paramref name="row"/> as one line with a single write, then flushes; thread-safe. A row whose key is
    /// already stored is not written again.
    /// </summary>
    public void Append(SweepRow row)
    {
        byte[] line = Encoding.UTF8.GetBytes(FiniteJson.Serialize(row, JsonOptions) + "\n");
        lock (_gate)
        {
            if (_rows.ContainsKey(row.Key))
            {
                return;
            }

            _results.Write(line);
            _results.Flush(flushToDisk: false);
            _rows[row.Key] = row;
        }
    }

    /// <summary>Reads every complete, valid row of a results file (a reader for tools and tests; no repair).</summary>
    public static IReadOnlyList<SweepRow> ReadRows(string resultsPath) => Load(resultsPath, null, repair: false).Rows;

    /// <inheritdoc/>
    public void Dispose()
    {
        _results.Dispose();
        _lock.Dispose();
    }

    private sealed record LoadResult(List<SweepRow> Rows, int Partial, int Invalid, int Duplicates, int Foreign);

    private static LoadResult Load(string path, ISet<string>? expected, bool repair = true)
    {
        var rows = new List<SweepRow>();
        if (!File.Exists(path))
        {
            return new LoadResult(rows, 0, 0, 0, 0);
        }

        byte[] bytes = File.ReadAllBytes(path);
        int end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        int partial = end < bytes.Length ? 1 : 0;
        if (partial > 0 && repair)
        {
            // A write cut short by a kill: drop the incomplete last line.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            stream.SetLength(end);
        }

        int invalid = 0, duplicates = 0, foreign = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in Encoding.UTF8.GetString(bytes, 0, end).Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            SweepRow? row;
            try
            {
                row = FiniteJson.Deserialize<SweepRow>(line, JsonOptions);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                row = null;
            }

            if (row is null || row.Key != row.Cell.Key(row.Seed, row.Method) || (row.Outcome is null && row.Audit is null))
            {
                invalid++;
            }
            else if (!seen.Add(row.Key))
            {
                duplicates++;
            }
            else if (expected is not null && !expected.Contains(row.Key))
            {
                foreign++;
            }
            else
            {
                rows.Add(row);
            }
        }

        return new LoadResult(rows, partial, invalid, duplicates, foreign);
    }

    private static void Rewrite(string path, IEnumerable<SweepRow> rows)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            foreach (SweepRow row in rows)
            {
                writer.Write(FiniteJson.Serialize(row, JsonOptions));
                writer.Write('\n');
            }
        });
    }

    private static void WriteManifest(string path, SweepPlan plan, string fingerprint)
    {
        var settings = new JsonObject();
        foreach (var (name, value) in plan.Describe())
        {
            settings[name] = value;
        }

        var manifest = new JsonObject
        {
            ["fingerprint"] = fingerprint,
            ["rows"] = plan.Grid.RowCount,
            ["settings"] = settings,
            ["note"] = "written by sparse-iht sweep; results.jsonl holds one row per cell, seed and method. A rerun with the same settings resumes; other settings are refused unless the sweep is told to replace them.",
        };
        AtomicFile.WriteText(path, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JsonOptions.Encoder }) + "\n");
    }

    private static (string? Fingerprint, IReadOnlyDictionary<string, string> Settings) ReadManifest(string path)
    {
        try
        {
            JsonNode? node = JsonNode.Parse(File.ReadAllText(path));
            string? fingerprint = node?["fingerprint"]?.GetValue<string>();
            var settings = new Dictionary<string, string>();
            if (node?["settings"] is JsonObject stored)
            {
                foreach (var (name, value) in stored)
                {
                    settings[name] = value?.ToString() ?? string.Empty;
                }
            }

            return (fingerprint, settings);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return (null, new Dictionary<string, string>());
        }
    }

    private static string Differences(IReadOnlyDictionary<string, string> stored, IReadOnlyList<KeyValuePair<string, string>> current)
    {
        var changes = new List<string>();
        var names = new HashSet<string>();
        foreach (var (name, value) in current)
        {
            names.Add(name);
            string before = stored.TryGetValue(name, out string? v) ? v : "(unset)";
            if (before != value)
            {
                changes.Add($"{name} {before} → {value}");
            }
        }

        changes.AddRange(stored.Where(e => !names.Contains(e.Key)).Select(e => $"{e.Key} {e.Value} → (unset)"));
        return changes.Count > 0 ? string.Join("; ", changes) : "the fingerprint differs";
    }
}
