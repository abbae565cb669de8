using System.Globalization;
using System.Text.Json;
using SparseIhtVerify.Cli;
using SparseIhtVerify.Experiments.Fitting;
using SparseIhtVerify.Experiments.IO;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// <c>fit</c> and <c>predict</c> on the command line: fitting the files of <c>recover --export</c> reproduces recover bit for
/// bit; the model file's documented formula reproduces predict's output and the printed metrics; every bad input is one
/// line naming the option, exit code 2.
/// </summary>
[Collection("Serial")]
public sealed class FitCommandTests
{
    // Fitting recover's exported X, y and generators with recover's solver settings and seed gives recover's ŵ bit for bit,
    // and its iterations, status, relative residual and trace; without --generators, --width m + extra draws the same random dictionary.
    [Theory]
    [InlineData("convex", "planted", "0", true)]
    [InlineData("scp", "random", "2", true)]
    [InlineData("scp", "random", "2", false)]
    [InlineData("scp", "planted+random", "1", true)]
    [InlineData("convex", "random", "3", false)]
    public void FittingTheExportedFilesReproducesRecoverBitForBit(string mode, string dictionary, string extra, bool givenGenerators)
    {
        using var folder = new TemporaryDirectory();
        string[] solver = ["--mode", mode, "--max-iter", "60", "--seed", "5", "--nonzeros", "6"];
        var (code, _, error) = CommandRunner.Run(RecoverCommand.Create(), [.. solver, "--inputs", "5", "--width", "3", "--samples", "300", "--dictionary", dictionary, "--extra-units", extra,
            "--export", folder.Path, "--json", folder.File("recover.json"), "--quiet"]);
        Assert.True(code == 0, error);
        string[] generators = givenGenerators ? ["--generators", folder.File("generators.npy")] : ["--width", (3 + int.Parse(extra, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture)];
        (code, _, error) = CommandRunner.Run(FitCommand.Create(), [.. solver, .. generators, "--data", folder.File("X.npy"), "--labels", folder.File("y.npy"),
            "--model", folder.File("model.npz"), "--json", folder.File("fit.json"), "--quiet"]);
        Assert.True(code == 0, error);

        (_, double[] wHat) = NpyFile.Read(folder.File("w_hat.npy"));
        (_, double[] weights) = NpzArchive.ReadArray(folder.File("model.npz"), "weights");
        Assert.Equal(wHat.Select(BitConverter.DoubleToInt64Bits), weights.Select(BitConverter.DoubleToInt64Bits));
        using var recover = JsonDocument.Parse(File.ReadAllText(folder.File("recover.json")));
        using var fit = JsonDocument.Parse(File.ReadAllText(folder.File("fit.json")));
        foreach (string field in new[] { "status", "iterations", "keptRun", "trace" })
        {
            Assert.Equal(recover.RootElement.GetProperty(field).GetRawText(), fit.RootElement.GetProperty(field).GetRawText());
        }

        Assert.Equal(recover.RootElement.GetProperty("metrics").GetProperty("relativeResidual").GetDouble(), fit.RootElement.GetProperty("relativeResidual").GetDouble());
        Assert.True(dictionary == "planted" || !givenGenerators || mode == "convex" || fit.RootElement.GetProperty("trace").GetArrayLength() > 1, "premise: the SCP case iterates");
    }

    // The model file's documented formula ŷ_i = Σ_j 1[x_iᵀh_j ≥ 0]·x_iᵀw_j (the README's numpy line, here in C#) gives predict's
    // output, and from the JSON's validation rows the printed training and validation MSE (to rounding: numpy sums in its own order).
    [Theory]
    [InlineData("convex", "geq")]
    [InlineData("scp", "gt")]
    public void TheDocumentedFormulaReproducesPredictAndThePrintedMetrics(string mode, string rule)
    {
        using var folder = new TemporaryDirectory();
        (string data, string labels) = WriteCsv(folder, rows: 400, seed: 3);
        string features = WriteCsv(folder, rows: 400, seed: 3, name: "features.csv", labels: false).Data;
        var (code, output, error) = CommandRunner.Run(FitCommand.Create(), "--data", data, "--labels", labels + ":y", "--nonzeros", "3,6,9", "--holdout", "0.25",
            "--mode", mode, "--pattern-rule", rule, "--width", "6", "--max-iter", "200", "--model", folder.File("model.npz"), "--json", folder.File("fit.json"), "--quiet");
        Assert.True(code == 0, error);
        Assert.Contains("← chosen", output, StringComparison.Ordinal);
        (code, _, error) = CommandRunner.Run(PredictCommand.Create(), "--model", folder.File("model.npz"), "--data", features, "--out", folder.File("yhat.npy"));
        Assert.True(code == 0, error);

        DataMatrix x = DataFile.ReadMatrix(data, withoutColumn: "y");
        double[] y = DataFile.ReadVector(labels + ":y");
        (int[] shape, double[] h) = NpzArchive.ReadArray(folder.File("model.npz"), "generators");
        (_, double[] w) = NpzArchive.ReadArray(folder.File("model.npz"), "weights");
        using var header = JsonDocument.Parse(NpzArchive.ReadMember(folder.File("model.npz"), "header.json"));
        bool strict = header.RootElement.GetProperty("patternRule").GetString() == "gt";
        double[] formula = Formula(x, h, w, shape[0], strict);
        (_, double[] predicted) = NpyFile.Read(folder.File("yhat.npy"));
        for (int i = 0; i < x.Rows; i++)
        {
            Assert.True(Math.Abs(formula[i] - predicted[i]) <= 1e-12 * (1 + Math.Abs(predicted[i])), $"row {i}: formula {formula[i]:R}, predict {predicted[i]:R}");
        }

        using var report = JsonDocument.Parse(File.ReadAllText(folder.File("fit.json")));
        int[] held = [.. report.RootElement.GetProperty("validationRows").EnumerateArray().Select(e => e.GetInt32())];
        int[] trained = [.. Enumerable.Range(0, x.Rows).Except(held)];
        double Mse(int[] rows) => rows.Average(i => (formula[i] - y[i]) * (formula[i] - y[i]));
        foreach ((string set, int[] rows) in new[] { ("train", trained), ("validation", held) })
        {
            double printed = report.RootElement.GetProperty(set).GetProperty("meanSquaredError").GetDouble();
            Assert.True(Math.Abs(Mse(rows) - printed) <= 1e-9 * printed + 1e-15, $"{set}: MSE from the files {Mse(rows):R}, printed {printed:R}");
        }
    }

    [Theory]
    [InlineData("--labels", "--labels {short}")]
    [InlineData("--labels", "--labels {nan}")]
    [InlineData("--labels", "--labels {wide}")]
    [InlineData("--data", "--data {archive}:nope")]
    [InlineData("--data", "--data {broken}:X")]
    [InlineData("--data", "--data {archive}")]
    [InlineData("--holdout", "--holdout 1.5")]
    [InlineData("--holdout", "--holdout 0.0001")]
    [InlineData("--nonzeros", "--nonzeros 0")]
    [InlineData("--nonzeros", "--nonzeros 4,x")]
    [InlineData("--nonzeros", "--nonzeros 4,4")]
    [InlineData("--nonzeros", "--nonzeros 1000")]
    [InlineData("--select", "--select foo --nonzeros 2,4")]
    [InlineData("--select", "--select holdout --nonzeros 2,4")]
    [InlineData("--select", "--select cv:1 --nonzeros 2,4")]
    [InlineData("--generators", "--generators {wideX}")]
    [InlineData("--warm-start", "--warm-start {otherModel}")]
    [InlineData("--warm-start", "--warm-start {y}")]
    [InlineData("--test-data", "--test-data {x}")]
    [InlineData("--test-labels", "--test-data {x} --test-labels {short}")]
    [InlineData("--projection", "--projection 1 --nonzeros 2")]
    [InlineData("--model", "--model /nonexistent-directory/m.npz")]
    [InlineData("--width", "--width 0")]
    public void FitBadInputIsOneLineNamingTheOptionWithExitCodeTwo(string named, string arguments)
    {
        using var folder = new TemporaryDirectory();
        Dictionary<string, string> files = BadInputFiles(folder);
        string[] given = Substitute(arguments, files);
        string[] defaults = given.Contains("--data") ? [] : ["--data", files["x"]];
        string[] labels = given.Contains("--labels") ? [] : ["--labels", files["y"]];
        string[] nonzeros = given.Contains("--nonzeros") ? [] : ["--nonzeros", "2"];
        string[] width = given.Contains("--width") ? [] : ["--width", "2"];
        var (code, output, error) = CommandRunner.Run(FitCommand.Create(), [.. defaults, .. labels, .. nonzeros, .. width, .. given, "--quiet"]);
        CommandRunner.AssertOneLineUsageError(code, output, error, named);
    }

    [Theory]
    [InlineData("--data", "--model {model} --data {wideX}")]
    [InlineData("--model", "--model {y} --data {x}")]
    [InlineData("--model", "--model {archive} --data {x}")]
    [InlineData("--labels", "--model {model} --data {x} --labels {short}")]
    [InlineData("--out", "--model {model} --data {x} --out /nonexistent-directory/y.npy")]
    public void PredictBadInputIsOneLineNamingTheOptionWithExitCodeTwo(string named, string arguments)
    {
        using var folder = new TemporaryDirectory();
        var (code, output, error) = CommandRunner.Run(PredictCommand.Create(), Substitute(arguments, BadInputFiles(folder)));
        CommandRunner.AssertOneLineUsageError(code, output, error, named);
    }

    private static string[] Substitute(string arguments, Dictionary<string, string> files) =>
        [.. arguments.Split(' ').Select(token => files.Aggregate(token, (t, pair) => t.Replace("{" + pair.Key + "}", pair.Value, StringComparison.Ordinal)))];

    // X (60×3), y and its bad twins, an archive without an X member, a file that is not a zip, X of 4 columns, and models of d = 3 and d = 4.
    private static Dictionary<string, string> BadInputFiles(TemporaryDirectory folder)
    {
        var random = new Solver.Randomness.SeededRandom(1);
        var x = new double[60 * 3];
        random.FillGaussian(x);
        var y = new double[60];
        random.FillGaussian(y);
        var files = new Dictionary<string, string>
        {
            ["x"] = folder.File("X.npy"), ["y"] = folder.File("y.npy"), ["short"] = folder.File("short.npy"), ["nan"] = folder.File("nan.npy"), ["wide"] = folder.File("wide.npy"),
            ["archive"] = folder.File("a.npz"), ["broken"] = folder.File("broken.npz"), ["wideX"] = folder.File("X4.npy"), ["model"] = folder.File("m3.npz"), ["otherModel"] = folder.File("m4.npz"),
        };
        NpyFile.Write(files["x"], x, 60, 3);
        NpyFile.Write(files["y"], y, 60);
        NpyFile.Write(files["short"], y.AsSpan(0, 59), 59);
        NpyFile.Write(files["nan"], y.Select((v, i) => i == 7 ? double.NaN : v).ToArray(), 60);
        NpyFile.Write(files["wide"], x, 60, 3);
        NpzArchive.Write(files["archive"], [("Z.npy", NpzArchive.Array(x, 60, 3))]);
        File.WriteAllText(files["broken"], "not a zip archive");
        NpyFile.Write(files["wideX"], x.AsSpan(0, 60 * 3 - 4 * 0).ToArray().Concat(new double[60]).ToArray(), 60, 4);
        foreach ((string key, int d) in new[] { ("model", 3), ("otherModel", 4) })
        {
            var generators = new double[2 * d];
            random.FillGaussian(generators);
            var provenance = new FitProvenance(60, 1, 1, "niht", "convex", "random", false, "none", 1);
            ModelFile.Save(files[key], new FittedNetwork(d, generators, new SparseVector(2 * d, [0], [1.0]), PatternRule.GreaterOrEqual, GateEvaluation.Dense, provenance));
        }

        return files;
    }

    /// <summary>A CSV of a planted network's data with header x1 … x10, y (labels in the last column; none when not <paramref name="labels"/>).</summary>
    public static (string Data, string Labels) WriteCsv(TemporaryDirectory folder, int rows, long seed, string name = "data.csv", bool labels = true, int skip = 0)
    {
        var network = PlantedNetwork.Create(new PlantedNetworkSpec(10, 4, 12, skip + rows, seed, WeightDistribution.Gaussian, OutputWeights.Positive, KeepUnitsNonEmpty: true));
        string path = folder.File(name);
        using var writer = new StreamWriter(path);
        writer.WriteLine(string.Join(",", Enumerable.Range(1, 10).Select(i => $"x{i}")) + (labels ? ",y" : string.Empty));
        for (int i = skip; i < skip + rows; i++)
        {
            IEnumerable<double> row = labels ? network.Data.Row(i).ToArray().Append(network.Labels[i]) : network.Data.Row(i).ToArray();
            writer.WriteLine(string.Join(",", row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }

        return (path, path);
    }

    // ŷ_i = Σ_j 1[x_iᵀh_j ≥ 0] (or > 0)·x_iᵀw_j, the model file's formula, as numpy computes it (plain dot products).
    private static double[] Formula(DataMatrix x, double[] h, double[] w, int blocks, bool strict)
    {
        int d = x.Columns;
        var y = new double[x.Rows];
        for (int i = 0; i < x.Rows; i++)
        {
            for (int j = 0; j < blocks; j++)
            {
                double gate = 0, value = 0;
                for (int l = 0; l < d; l++)
                {
                    gate += x[i, l] * h[(j * d) + l];
                    value += x[i, l] * w[(j * d) + l];
                }

                y[i] += (strict ? gate > 0 : gate >= 0) ? value : 0;
            }
        }

        return y;
    }
}

/// <summary>The library's defaults are the command line's: a recover without solver flags reports exactly the settings of <c>new SolverOptions()</c> (k = s).</summary>
[Collection("Serial")]
public sealed class DefaultSettingsTests
{
    [Fact]
    public void LibraryDefaultsAreTheCommandLineDefaults()
    {
        var (code, output, error) = CommandRunner.Run(RecoverCommand.Create(), "--samples", "200", "--json", "-", "--quiet");
        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(output);
        var spec = new PlantedNetworkSpec(10, 4, 8, 200, 0, WeightDistribution.Gaussian, OutputWeights.Positive, KeepUnitsNonEmpty: true);
        var request = new Experiments.RecoveryRequest(spec, DictionaryKind.Planted, 0, PatternRule.GreaterOrEqual, new Solver.Algorithms.SolverOptions());
        string expected = JsonSerializer.Serialize(SolverSettings.From(request.Solver, null!), Format.Json);
        string actual = report.RootElement.GetProperty("solver").GetRawText();
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected), System.Text.Json.Nodes.JsonNode.Parse(actual)), $"library {expected}\ncommand line {actual}");
        Assert.Equal(8, request.Solver.Projection);
        Assert.Equal(Environment.ProcessorCount, request.Solver.Parallelism);
    }
}
