using System.Text.Json;
using SparseIhtVerify.Cli;
using SparseIhtVerify.Experiments.IO;
using SparseIhtVerify.Properties.Support;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// <c>audit</c> on a user's data with labels (<c>--labels</c>) and on a fitted network (<c>--model</c>): the model check
/// judges y, the identifiability question is asked of the fit that solves Aw = y, a model is audited with its own weights
/// as w*; misplaced or mismatched inputs are one line with exit code 2.
/// </summary>
[Collection("Serial")]
public sealed class AuditDataCommandTests
{
    // With the planted generators y is represented by an s-sparse fit, whose uniqueness is then asked (and certified here, at the
    // planted support); with random generators in convex mode it is not represented, and the question is about every s-sparse vector.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LabelsAreJudgedByTheModelCheckAndTheFitIsAskedForUniqueness(bool plantedGenerators)
    {
        using var folder = new TemporaryDirectory();
        Export(folder);
        string[] generators = plantedGenerators ? ["--generators", folder.File("generators.npy")] : ["--width", "3"];
        using JsonDocument audit = Audit([.. generators, "--data", folder.File("X.npy"), "--labels", folder.File("y.npy"), "--nonzeros", "4"]);
        JsonElement root = audit.RootElement, identifiability = root.GetProperty("identifiability");
        Assert.Equal(plantedGenerators, root.GetProperty("modelCheck").GetProperty("representable").GetBoolean());
        Assert.Equal(plantedGenerators ? "solution-of-labels" : "every-sparse-vector", identifiability.GetProperty("question").GetString());
        if (plantedGenerators)
        {
            (_, double[] wStar) = NpyFile.Read(folder.File("w_hat.npy"));
            int[] support = [.. wStar.Select((v, i) => (v, i)).Where(t => t.v != 0).Select(t => t.i)];
            Assert.Equal(support, identifiability.GetProperty("firstSolutionIndices").EnumerateArray().Select(e => e.GetInt32()));
        }
    }

    // A fitted network is audited with w* = its weights and y = its predictions: the planted residual is 0, the model check knows w*,
    // and --restrict-to-support computes constants on the supports that contain the fitted support.
    [Fact]
    public void AModelIsAuditedWithItsOwnWeightsAsTheSolution()
    {
        using var folder = new TemporaryDirectory();
        Export(folder);
        var (code, _, error) = CommandRunner.Run(FitCommand.Create(), "--data", folder.File("X.npy"), "--labels", folder.File("y.npy"), "--generators", folder.File("generators.npy"),
            "--nonzeros", "4", "--model", folder.File("model.npz"), "--quiet");
        Assert.True(code == 0, error);
        using JsonDocument audit = Audit(["--data", folder.File("X.npy"), "--model", folder.File("model.npz"), "--restrict-to-support"]);
        JsonElement root = audit.RootElement;
        Assert.Equal(0.0, root.GetProperty("plantedRelativeResidual").GetDouble(), 12);
        Assert.Equal(4, root.GetProperty("sparsity").GetInt32());
        Assert.Contains("fitted network", root.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Contains(root.GetProperty("modelCheck").GetProperty("attempts").EnumerateArray(), a => a.GetProperty("solver").GetString() == "planted w*");
        Assert.True(root.GetProperty("supportRestrictedConstants").GetArrayLength() > 0, "constants on supports containing the fitted support");
    }

    [Theory]
    [InlineData("--labels", "--labels {y}")]
    [InlineData("--model", "--model {model}")]
    [InlineData("--labels", "--data {x} --labels {short}")]
    [InlineData("--data", "--data {wide} --model {model}")]
    [InlineData("--generators", "--data {x} --model {model} --generators {generators}")]
    public void MisplacedOrMismatchedInputsAreOneLineWithExitCodeTwo(string named, string arguments)
    {
        using var folder = new TemporaryDirectory();
        Export(folder);
        var (code, _, error) = CommandRunner.Run(FitCommand.Create(), "--data", folder.File("X.npy"), "--labels", folder.File("y.npy"), "--nonzeros", "4", "--width", "2", "--model", folder.File("model.npz"), "--quiet");
        Assert.True(code == 0, error);
        (_, double[] y) = NpyFile.Read(folder.File("y.npy"));
        NpyFile.Write(folder.File("short.npy"), y.AsSpan(1), y.Length - 1);
        (_, double[] x) = NpyFile.Read(folder.File("X.npy"));
        NpyFile.Write(folder.File("wide.npy"), [.. x, .. new double[y.Length]], y.Length, 6);
        var files = new Dictionary<string, string> { ["y"] = "y.npy", ["x"] = "X.npy", ["short"] = "short.npy", ["wide"] = "wide.npy", ["model"] = "model.npz", ["generators"] = "generators.npy" };
        string[] given = [.. arguments.Split(' ').Select(t => files.Aggregate(t, (text, pair) => text.Replace("{" + pair.Key + "}", folder.File(pair.Value), StringComparison.Ordinal)))];
        (code, string output, error) = CommandRunner.Run(AuditCommand.Create(), [.. given, "--quiet"]);
        CommandRunner.AssertOneLineUsageError(code, output, error, named);
    }

    // A small planted instance (d = 5, m = 2, s = 4, n = 200) exported by recover.
    private static void Export(TemporaryDirectory folder)
    {
        var (code, _, error) = CommandRunner.Run(RecoverCommand.Create(), "--inputs", "5", "--width", "2", "--nonzeros", "4", "--samples", "200", "--export", folder.Path, "--quiet");
        Assert.True(code == 0, error);
    }

    private static JsonDocument Audit(string[] arguments)
    {
        var (code, output, error) = CommandRunner.Run(AuditCommand.Create(), [.. arguments, "--json", "-", "--quiet"]);
        Assert.True(code is 0, error);
        return JsonDocument.Parse(output);
    }
}
