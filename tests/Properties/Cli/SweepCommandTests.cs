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

    // A heatmap of a 1-D grid (one width, three sparsities) is drawn in colour: most pixels inside its frame are neither white nor
    // grey (ScottPlot drew nothing for a heatmap one cell high).
    [Fact]
    public void AOneDimensionalGridIsDrawnInColour()
    {
        using TemporaryDirectory folder = SweepFixtures.NewDirectory();
        var (code, _, error) = Run("--width", "1", "--nonzeros", "1,2,5", "--seeds", "0", "--methods", "niht", "--samples", "300", "--out", folder.File("out"), "--quiet");
        Assert.True(code == 0, error);
        using SkiaSharp.SKBitmap image = SkiaSharp.SKBitmap.Decode(Path.Combine(folder.File("out"), "weight-error.png"));
        int coloured = 0, total = 0;
        for (int yPixel = image.Height / 5; yPixel < image.Height * 3 / 5; yPixel += 4)
        {
            for (int xPixel = image.Width / 8; xPixel < image.Width * 3 / 4; xPixel += 4)
            {
                SkiaSharp.SKColor pixel = image.GetPixel(xPixel, yPixel);
                total++;
                coloured += Math.Max(Math.Max(pixel.Red, pixel.Green), pixel.Blue) - Math.Min(Math.Min(pixel.Red, pixel.Green), pixel.Blue) > 40 ? 1 : 0;
            }
        }

        Assert.True(coloured > total / 2, $"{coloured} of {total} sampled pixels are coloured");
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
