using SparseIhtVerify.Cli;
using SparseIhtVerify.Properties.Support;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// The README's printed examples are what the commands print: the own-data walk-through (fit and predict on the seed-7 planted
/// instance as CSV: validation path, chosen s, metrics) and the first recover example (all but the machine's kernels, threads and times).
/// </summary>
[Collection("Serial")]
public sealed partial class ReadmeWalkthroughTests
{
    private const string Prefix = "$ dotnet run -c Release --project src/Cli -- ";

    private const string Fit = "fit --data data.csv --labels data.csv:y --mode scp --width 8 --nonzeros 4,8,12,16,20 --holdout 0.2 --model model.npz --json fit.json";

    private const string Predict = "predict --model model.npz --data new.csv --out yhat.csv";

    // Each command is in the README as shown, and its output there (from the validation path on, paths aside) is what it prints.
    [Fact]
    public void TheWalkthroughCommandsPrintWhatTheReadmeShows()
    {
        string[] readme = File.ReadAllLines(Path.Combine(Root(), "README.md"));
        using var folder = new TemporaryDirectory();
        FitCommandTests.WriteCsv(folder, rows: 2000, seed: 7);
        FitCommandTests.WriteCsv(folder, rows: 500, seed: 7, name: "new.csv", labels: false, skip: 2000);
        foreach ((string command, Func<System.CommandLine.Command> create) in new[] { (Fit, (Func<System.CommandLine.Command>)FitCommand.Create), (Predict, PredictCommand.Create) })
        {
            int at = Array.IndexOf(readme, Prefix + command);
            Assert.True(at >= 0, $"README.md does not show the command: {Prefix}{command}");
            string[] shown = [.. readme.Skip(at + 1).TakeWhile(line => !line.StartsWith('$') && !line.StartsWith("```", StringComparison.Ordinal))];
            string[] arguments = [.. command.Split(' ').Skip(1).Select(token => FileName().IsMatch(token) ? folder.File(token) : token), .. command.StartsWith("fit", StringComparison.Ordinal) ? ["--quiet"] : Array.Empty<string>()];
            var (code, output, error) = CommandRunner.Run(create(), arguments);
            Assert.True(code == 0, error);
            string[] printed = output.Replace(folder.Path + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal).TrimEnd('\n').Split('\n');
            Assert.Equal(shown.SkipWhile(line => line.StartsWith("data ", StringComparison.Ordinal)), printed.SkipWhile(line => line.StartsWith("data ", StringComparison.Ordinal)));
        }

        Assert.Equal(500, File.ReadAllLines(folder.File("yhat.csv")).Length);
    }

    // The README's first recover example prints what the README shows, apart from what depends on the machine: the kernels and
    // thread count (operator and solver lines) and the time line.
    [Fact]
    public void TheRecoverExamplePrintsWhatTheReadmeShows()
    {
        const string Recover = "recover --inputs 10 --width 4 --nonzeros 8 --samples 2000 --weights signs --solver niht --seed 1";
        string[] readme = File.ReadAllLines(Path.Combine(Root(), "README.md"));
        int at = Array.IndexOf(readme, Prefix + Recover);
        Assert.True(at >= 0, $"README.md does not show the command: {Prefix}{Recover}");
        static bool MachineFree(string line) => !line.StartsWith("operator", StringComparison.Ordinal) && !line.StartsWith("solver", StringComparison.Ordinal) && !line.StartsWith("  time", StringComparison.Ordinal);
        string[] shown = [.. readme.Skip(at + 1).TakeWhile(line => !line.StartsWith("```", StringComparison.Ordinal)).Where(MachineFree)];
        var (code, output, error) = CommandRunner.Run(RecoverCommand.Create(), [.. Recover.Split(' ').Skip(1), "--quiet"]);
        Assert.True(code == 0, error);
        Assert.Equal(shown, output.TrimEnd('\n').Split('\n').Where(MachineFree));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z]+\.(csv|npz|json)(:y)?$")]
    private static partial System.Text.RegularExpressions.Regex FileName();

    private static string Root([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "..");
}
