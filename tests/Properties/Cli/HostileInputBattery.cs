using System.Buffers.Binary;
using System.CommandLine;
using System.Text;
using SparseIhtVerify.Cli;
using SparseIhtVerify.Experiments.Fitting;
using SparseIhtVerify.Experiments.IO;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// The hostile-input battery: one table of bad inputs to every command and file reader, each answered by exactly one line on
/// standard error that names the argument, exit code 2, nothing on standard output and no stack trace. Grow it with every
/// new failure found; <c>{name}</c> stands for a file of <see cref="Files"/>.
/// </summary>
[Collection("Serial")]
public sealed class HostileInputBattery
{
    /// <summary>(command, arguments, the option the line must name).</summary>
    public static TheoryData<string, string, string> Cases => new()
    {
        // recover: ranges, words, numbers, inapplicable options, outputs
        { "recover", "--nonzeros 0", "--nonzeros" },
        { "recover", "--nonzeros 41", "--nonzeros" },
        { "recover", "--samples 0", "--samples" },
        { "recover", "--inputs 0", "--inputs" },
        { "recover", "--inputs 99999999999", "--inputs" },
        { "recover", "--width 0", "--width" },
        { "recover", "--projection 3", "--projection" },
        { "recover", "--projection 41", "--projection" },
        { "recover", "--tol 0", "--tol" },
        { "recover", "--tol -1", "--tol" },
        { "recover", "--tol 1,5", "--tol" },
        { "recover", "--tol 1e-3x", "--tol" },
        { "recover", "--tol NaN", "--tol" },
        { "recover", "--step 1,5 --solver iht", "--step" },
        { "recover", "--step 0 --solver iht", "--step" },
        { "recover", "--step 0.1 --solver niht", "--step" },
        { "recover", "--weights foo", "--weights" },
        { "recover", "--outputs both", "--outputs" },
        { "recover", "--nonempty-units maybe", "--nonempty-units" },
        { "recover", "--solver xyz", "--solver" },
        { "recover", "--dictionary dense", "--dictionary" },
        { "recover", "--pattern-rule ge", "--pattern-rule" },
        { "recover", "--mode fast", "--mode" },
        { "recover", "--max-iter 0", "--max-iter" },
        { "recover", "--max-iter 1.5", "--max-iter" },
        { "recover", "--scp-restart -1 --mode scp --dictionary random", "--scp-restart" },
        { "recover", "--scp-warmup -1 --mode scp --dictionary random", "--scp-warmup" },
        { "recover", "--scp-warmup 2", "--scp-warmup" },
        { "recover", "--empty-generator zero", "--empty-generator" },
        { "recover", "--inner-steps 3 --solver niht", "--inner-steps" },
        { "recover", "--inner-steps -1 --solver aiht", "--inner-steps" },
        { "recover", "--extra-units 2", "--extra-units" },
        { "recover", "--extra-units -1 --dictionary random", "--extra-units" },
        { "recover", "--threads -1", "--threads" },
        { "recover", "--backend foo", "--backend" },
        { "recover", "--seed abc", "--seed" },
        { "recover", "--json /nonexistent-directory/r.json", "--json" },
        { "recover", "--json {folder}", "--json" },
        { "recover", "--export {x}", "--export" },
        { "recover", "--samples 10000000 --inputs 1 --width 100000000", "--allow-large" },
        { "recover", "--samples 1073741824 --inputs 2", "--samples" },

        // audit: budgets, levels, projection, data files and their readers, misplaced options
        { "audit", "--budget-seconds 0", "--budget-seconds" },
        { "audit", "--budget-seconds 1,5", "--budget-seconds" },
        { "audit", "--budget-supports 0", "--budget-supports" },
        { "audit", "--budget-work 0", "--budget-work" },
        { "audit", "--model-check-seconds -1", "--model-check-seconds" },
        { "audit", "--model-check-work 0", "--model-check-work" },
        { "audit", "--levels 3,x", "--levels" },
        { "audit", "--levels 0", "--levels" },
        { "audit", "--levels 1000", "--levels" },
        { "audit", "--projection 21", "--projection" },
        { "audit", "--projection 3", "--projection" },
        { "audit", "--data /nonexistent-file.npy", "--data" },
        { "audit", "--data {folder}", "--data" },
        { "audit", "--data {ragged}", "--data" },
        { "audit", "--data {text}", "--data" },
        { "audit", "--data {nancsv}", "--data" },
        { "audit", "--data {headeronly}", "--data" },
        { "audit", "--data {int32}", "--data" },
        { "audit", "--data {vector}", "--data" },
        { "audit", "--data {badmagic}", "--data" },
        { "audit", "--data {truncated}", "--data" },
        { "audit", "--data {hugeshape}", "--data" },
        { "audit", "--data {negativeshape}", "--data" },
        { "audit", "--data {archive}:nope", "--data" },
        { "audit", "--data {archive}", "--data" },
        { "audit", "--data {broken}:X", "--data" },
        { "audit", "--data {zipascsv}", "--data" },
        { "audit", "--data {x}:X", "--data" },
        { "audit", "--data {x} --inputs 50", "--inputs" },
        { "audit", "--data {x} --samples 50", "--samples" },
        { "audit", "--data {x} --dictionary random", "--dictionary" },
        { "audit", "--data {x} --generators {generators} --width 3", "--width" },
        { "audit", "--data {x} --generators {wide}", "--generators" },
        { "audit", "--generators {generators}", "--generators" },
        { "audit", "--labels {y}", "--labels" },
        { "audit", "--model {model}", "--model" },
        { "audit", "--data {x} --labels {short}", "--labels" },
        { "audit", "--data {x} --labels {nan}", "--labels" },
        { "audit", "--data {wide} --model {model}", "--data" },
        { "audit", "--data {x} --model {model} --nonzeros 2", "--nonzeros" },
        { "audit", "--data {x} --nonzeros 99", "--nonzeros" },
        { "audit", "--restrict-to-support --data {x} --nonzeros 2", "--restrict-to-support" },
        { "audit", "--delimiter ab --data {ragged}", "--delimiter" },
        { "audit", "--header maybe --data {ragged}", "--header" },

        // fit: labels, data, validation, selection, warm start, outputs
        { "fit", "--data {x} --labels {short}", "--labels" },
        { "fit", "--data {x} --labels {nan}", "--labels" },
        { "fit", "--data {x} --labels {x}", "--labels" },
        { "fit", "--data {x} --labels {x}:2", "--labels" },
        { "fit", "--data {csv} --labels {csv}:z", "--labels" },
        { "fit", "--data {archive}:nope --labels {y}", "--data" },
        { "fit", "--data {x} --labels {y} --holdout 1.5", "--holdout" },
        { "fit", "--data {x} --labels {y} --holdout 0,2", "--holdout" },
        { "fit", "--data {x} --labels {y} --nonzeros 4,x", "--nonzeros" },
        { "fit", "--data {x} --labels {y} --nonzeros 0", "--nonzeros" },
        { "fit", "--data {x} --labels {y} --select foo --nonzeros 2,4", "--select" },
        { "fit", "--data {x} --labels {y} --select cv:1 --nonzeros 2,4", "--select" },
        { "fit", "--data {x} --labels {y} --select holdout --nonzeros 2,4", "--select" },
        { "fit", "--data {x} --labels {y} --width 0", "--width" },
        { "fit", "--data {x} --labels {y} --warm-start {y}", "--warm-start" },
        { "fit", "--data {x} --labels {y} --warm-start {otherModel}", "--warm-start" },
        { "fit", "--data {x} --labels {y} --generators {generators} --width 3", "--width" },
        { "fit", "--data {x} --labels {y} --test-data {x}", "--test-data" },
        { "fit", "--data {x} --labels {y} --test-data {x} --test-labels {short}", "--test-labels" },
        { "fit", "--data {x} --labels {y} --inner-steps 3", "--inner-steps" },
        { "fit", "--data {x} --labels {y} --scp-restart 2", "--scp-restart" },
        { "fit", "--data {x} --labels {y} --model /nonexistent-directory/m.npz", "--model" },
        { "fit", "--data {x} --labels {y} --model {folder}", "--model" },
        { "fit", "--data {x} --labels {y} --tol 1,5", "--tol" },
        { "fit", "--labels {y}", "--data" },
        { "fit", "--data {broken}:X --labels {y}", "--data" },
        { "fit", "--data {archive} --labels {y}", "--data" },
        { "fit", "--data {x} --labels {y} --holdout 0.0001", "--holdout" },
        { "fit", "--data {x} --labels {y} --nonzeros 4,4", "--nonzeros" },
        { "fit", "--data {x} --labels {y} --nonzeros 1000", "--nonzeros" },
        { "fit", "--data {x} --labels {y} --projection 1 --nonzeros 2", "--projection" },
        { "fit", "--data {x} --labels {y} --generators {wide}", "--generators" },
        { "fit", "--data {x} --labels {y} --width 2000000000", "--width" },

        // predict
        { "predict", "--model {model} --data {wide}", "--data" },
        { "predict", "--model {y} --data {x}", "--model" },
        { "predict", "--model {broken} --data {x}", "--model" },
        { "predict", "--model {folder} --data {x}", "--model" },
        { "predict", "--model {archive} --data {x}", "--model" },
        { "predict", "--model {model} --data {x} --labels {short}", "--labels" },
        { "predict", "--model {model} --data {x} --out /nonexistent-directory/y.npy", "--out" },

        // sweep and bench
        { "sweep", "--out {folder}/s --width 0", "--width" },
        { "sweep", "--out {folder}/s --nonzeros 1,x", "--nonzeros" },
        { "sweep", "--out {folder}/s --methods foo", "--methods" },
        { "sweep", "--out {folder}/s --tol 1,5", "--tol" },
        { "sweep", "--out {folder}/s --parallel 0", "--parallel" },
        { "sweep", "--out {x}", "--out" },
        { "sweep", "--width 1", "--out" },
        { "sweep", "--out {folder}/s --samples 10000000 --inputs 1 --width 100000000 --nonzeros 8", "--allow-large" },
        { "bench", "--samples 0", "--samples" },
        { "bench", "--threads -1", "--threads" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryHostileInputIsOneLineNamingTheArgumentWithExitCodeTwo(string command, string arguments, string named)
    {
        using var folder = new TemporaryDirectory();
        Dictionary<string, string> files = Files(folder);
        string[] given = [.. arguments.Split(' ').Select(token => files.Aggregate(token, (t, pair) => t.Replace("{" + pair.Key + "}", pair.Value, StringComparison.Ordinal)))];
        Command create = CommandCatalogue.All.Select(c => c()).Single(c => c.Name == command);
        string[] quiet = create.Options.Any(o => o.Name == "--quiet") ? ["--quiet"] : [];
        var (code, output, error) = CommandRunner.Run(create, [.. given, .. quiet]);
        CommandRunner.AssertOneLineUsageError(code, output, error, named);
    }

    // An empty --levels ("") is refused, not read as no levels (a shell passes it as one empty token).
    [Fact]
    public void AnEmptyLevelsListIsRefused()
    {
        var (code, output, error) = CommandRunner.Run(AuditCommand.Create(), "--levels", string.Empty, "--quiet");
        CommandRunner.AssertOneLineUsageError(code, output, error, "--levels");
    }

    // An unknown command is named, with the nearest command.
    [Fact]
    public void AnUnknownCommandIsNamedWithTheNearestOne()
    {
        var root = new RootCommand("test");
        foreach (Func<Command> create in CommandCatalogue.All)
        {
            root.Subcommands.Add(create());
        }

        TextWriter stderr = Console.Error;
        var error = new StringWriter();
        Console.SetError(error);
        int code;
        try
        {
            code = Cli.CommandLine.Run(root, ["recovr"]);
        }
        finally
        {
            Console.SetError(stderr);
        }

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("unknown command 'recovr'; did you mean 'recover'?", error.ToString(), StringComparison.Ordinal);
    }

    // A full disk is the environment's failure: the real ENOSPC of /dev/full is recognised, and a command that meets it ends with one
    // line and exit code 3; any other unexpected exception is a bug, exit code 4.
    [Fact]
    public void AFullDiskIsOneLineWithTheEnvironmentExitCode()
    {
        IOException full = Assert.Throws<IOException>(() =>
        {
            using var stream = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
            stream.Write(new byte[4096]);
            stream.Flush();
        });
        Assert.Contains("no space left on device", Cli.CommandLine.EnvironmentFailure(full), StringComparison.Ordinal);
        foreach ((Exception thrown, int expected, string words) in new (Exception, int, string)[] { (full, ExitCodes.Environment, "no space left on device"), (new InvalidOperationException("boom"), ExitCodes.Internal, "internal error") })
        {
            var command = new Command("failing");
            command.SetAction((Func<ParseResult, int>)(_ => throw thrown));
            var (code, output, error) = CommandRunner.Run(command);
            Assert.Equal(expected, code);
            Assert.Equal(string.Empty, output);
            Assert.Contains(words, Assert.Single(error.TrimEnd('\n').Split('\n')), StringComparison.Ordinal);
        }
    }

    // A write that fails half-way (a full disk) leaves the old file as it was and no temporary file.
    [Fact]
    public void AFailedWriteLeavesTheOldFileAndNoTemporary()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("result.json");
        File.WriteAllText(path, "old");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("half of the new"));
            throw new IOException("No space left on device", 28);
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    /// <summary>The files the cases name: good ones (X 60×3, y, generators, a model) and hostile ones, one per reader fault.</summary>
    public static Dictionary<string, string> Files(TemporaryDirectory folder)
    {
        var random = new Solver.Randomness.SeededRandom(5);
        var x = new double[60 * 3];
        random.FillGaussian(x);
        var y = new double[60];
        random.FillGaussian(y);
        string F(string name) => folder.File(name);
        var files = new Dictionary<string, string>
        {
            ["folder"] = folder.Path, ["x"] = F("X.npy"), ["y"] = F("y.npy"), ["short"] = F("short.npy"), ["nan"] = F("nan.npy"), ["wide"] = F("wide.npy"),
            ["generators"] = F("g.npy"), ["model"] = F("m.npz"), ["otherModel"] = F("m4.npz"), ["archive"] = F("a.npz"), ["broken"] = F("broken.npz"),
            ["zipascsv"] = F("zip.csv"), ["csv"] = F("data.csv"), ["ragged"] = F("ragged.csv"), ["text"] = F("text.csv"), ["nancsv"] = F("nan.csv"),
            ["headeronly"] = F("header.csv"), ["int32"] = F("int32.npy"), ["vector"] = F("vector.npy"), ["badmagic"] = F("magic.npy"),
            ["truncated"] = F("truncated.npy"), ["hugeshape"] = F("huge.npy"), ["negativeshape"] = F("negative.npy"),
        };
        NpyFile.Write(files["x"], x, 60, 3);
        NpyFile.Write(files["y"], y, 60);
        NpyFile.Write(files["short"], y.AsSpan(0, 59), 59);
        NpyFile.Write(files["nan"], y.Select((v, i) => i == 7 ? double.NaN : v).ToArray(), 60);
        NpyFile.Write(files["wide"], [.. x, .. new double[60]], 60, 4);
        NpyFile.Write(files["generators"], x.AsSpan(0, 6), 2, 3);
        NpyFile.Write(files["vector"], y, 60);
        foreach ((string key, int d) in new[] { ("model", 3), ("otherModel", 4) })
        {
            var provenance = new FitProvenance(60, 1, 1, "niht", "convex", "random", false, "none", 1);
            ModelFile.Save(files[key], new FittedNetwork(d, x.AsSpan(0, 2 * d), new SparseVector(2 * d, [0], [1.0]), PatternRule.GreaterOrEqual, GateEvaluation.Dense, provenance));
        }

        NpzArchive.Write(files["archive"], [("X.npy", NpzArchive.Array(x, 60, 3))]);
        File.WriteAllText(files["broken"], "not a zip archive");
        File.Copy(files["archive"], files["zipascsv"]);
        File.WriteAllText(files["csv"], "a,b,c\n1,2,3\n4,5,6\n7,8,9\n");
        File.WriteAllText(files["ragged"], "1,2,3\n4,5\n");
        File.WriteAllText(files["text"], "1,2,3\n4,five,6\n");
        File.WriteAllText(files["nancsv"], "1,2,3\n4,NaN,6\n");
        File.WriteAllText(files["headeronly"], "a,b,c\n");
        File.WriteAllBytes(files["int32"], Npy("<i4", "(2, 2)", 16));
        File.WriteAllBytes(files["badmagic"], Encoding.ASCII.GetBytes("NUMPY not really"));
        File.WriteAllBytes(files["truncated"], Npy("<f8", "(100, 3)", 80));
        File.WriteAllBytes(files["hugeshape"], Npy("<f8", "(100000000000, 8)", 8));
        File.WriteAllBytes(files["negativeshape"], Npy("<f8", "(-500, 8)", 8));
        return files;
    }

    // A .npy file with the given header fields and payload length, for the reader's faults.
    private static byte[] Npy(string descr, string shape, int payload)
    {
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        header += new string(' ', 63 - ((10 + header.Length) % 64)) + "\n";
        var bytes = new byte[10 + header.Length + payload];
        bytes[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(bytes, 1);
        bytes[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        Encoding.ASCII.GetBytes(header).CopyTo(bytes, 10);
        return bytes;
    }
}
