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
/// bit; the model file's documented formula reproduces predict's output and the printed metrics (their bad inputs are in
/// <see cref="HostileInputBattery"/>).
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
