using SparseIhtVerify.Cli;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Experiments.Sweep;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// <c>sparse-iht sweep</c> on the command line: bad input is one line naming the option with exit code 2, a changed
/// grid over an existing results folder is refused the same way, and a rerun of a finished sweep runs nothing.
/// Console output is redirected, hence the serial collection.
/// </summary>
[Collection("Serial")]
public sealed class SweepCommandTests
{
    private static (int Code, string Out, string Error) Run(params string[] args) => CommandRunner.Run(SweepCommand.Create(), args);

    [Theory]
    [InlineData("--methods", "aiht,foo", "--methods")]
    [InlineData("--width", "1,two,5", "--width")]
    [InlineData("--nonzeros", "", "--nonzeros")]
    [InlineData("--seeds", "0,,1", "--seeds")]
    [InlineData("--samples", "0", "--samples")]
    [InlineData("--parallel", "0", "--parallel")]
    [InlineData("--imp-steps", "0", "--imp-steps")]
    [InlineData("--empty-generator", "keep", "--empty-generator")]
    [InlineData("--scp-restart", "-1", "--scp-restart")]
    public void BadInputIsOneLineWithExitCodeTwo(string option, string value, string named)
    {
        using TemporaryDirectory folder = SweepFixtures.NewDirectory();
        var (code, _, error) = Run(option, value, "--out", folder.File("out"), "--quiet");
        Assert.Equal(2, code);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"sparse-iht: {named}:", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreeVaryingAxesAreRefused()
    {
        using TemporaryDirectory folder = SweepFixtures.NewDirectory();
        var (code, _, error) = Run("--width", "1,2", "--nonzeros", "1,2", "--samples", "50,60", "--out", folder.File("out"), "--quiet");
        Assert.Equal(2, code);
        Assert.Contains("at most two of", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RerunOfAFinishedSweepRunsNothingAndAChangedGridIsRefused()
    {
        using TemporaryDirectory folder = SweepFixtures.NewDirectory();
        string[] args = ["--inputs", "4", "--samples", "60", "--width", "1,2", "--nonzeros", "1,2", "--seeds", "0", "--methods", "niht,imp", "--imp-steps", "2", "--max-iter", "30", "--out", folder.Path, "--quiet"];
        var first = Run(args);
        Assert.True(first.Code == 0, first.Error);
        int rows = File.ReadAllLines(Path.Combine(folder.Path, SweepStore.ResultsFileName)).Length;
        Assert.Equal(8, rows);
        foreach (string file in new[] { "summary.csv", "psnr.png", "success.png", "weight-error.png", SweepStore.ManifestFileName })
        {
            Assert.True(File.Exists(Path.Combine(folder.Path, file)), file);
        }

        var second = Run(args);
        Assert.Equal(0, second.Code);
        Assert.Contains("0 run now, 8 from before", second.Out, StringComparison.Ordinal);
        Assert.Equal(rows, File.ReadAllLines(Path.Combine(folder.Path, SweepStore.ResultsFileName)).Length);

        string[] changed = args.Select(a => a == "1,2" ? "1,3" : a).ToArray();
        var refused = Run(changed);
        Assert.Equal(2, refused.Code);
        string line = Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sparse-iht: --out:", line, StringComparison.Ordinal);
        Assert.Contains("--force", line, StringComparison.Ordinal);
    }
}
