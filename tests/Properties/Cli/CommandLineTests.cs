using SparseIhtVerify.Cli;
using SparseIhtVerify.Properties.Support;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// <c>recover</c> and <c>audit</c> on the command line: every bad input is exactly one line on standard error that names
/// the option, with exit code 2 and no stack trace; the default audit ends with <c>consistent</c>.
/// </summary>
[Collection("Serial")]
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--nonzeros", "--nonzeros 0")]
    [InlineData("--nonzeros", "--nonzeros 41")]
    [InlineData("--samples", "--samples 0")]
    [InlineData("--inputs", "--inputs 0")]
    [InlineData("--projection", "--projection 3")]
    [InlineData("--tol", "--tol 0")]
    [InlineData("--tol", "--tol -1")]
    [InlineData("--weights", "--weights foo")]
    [InlineData("--solver", "--solver xyz")]
    [InlineData("--dictionary", "--dictionary dense")]
    [InlineData("--pattern-rule", "--pattern-rule ge")]
    [InlineData("--mode", "--mode fast")]
    [InlineData("--empty-generator", "--empty-generator keep --mode scp --dictionary random")]
    [InlineData("--inputs", "--inputs abc")]
    [InlineData("--step", "--step 0.1 --solver niht")]
    [InlineData("--max-iter", "--max-iter 0")]
    [InlineData("--scp-restart", "--scp-restart -1 --mode scp --dictionary random")]
    [InlineData("--extra-units", "--dictionary planted+random")]
    [InlineData("--json", "--json /nonexistent-directory/r.json")]
    public void RecoverBadInputIsOneLineNamingTheOptionWithExitCodeTwo(string named, string arguments)
    {
        var (code, output, error) = CommandRunner.Run(RecoverCommand.Create(), [.. arguments.Split(' '), "--quiet"]);
        CommandRunner.AssertOneLineUsageError(code, output, error, named);
    }

    // The one line of a bad --empty-generator lists every accepted word (defined once, in EmptyGenerators.Words).
    [Fact]
    public void BadEmptyGeneratorListsTheAcceptedWords()
    {
        var (code, _, error) = CommandRunner.Run(RecoverCommand.Create(), ["--empty-generator", "one", "--quiet"]);
        Assert.Equal(2, code);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("sparse-iht: --empty-generator: must be one of redraw-one, redraw, zero; got 'one'", line);
    }

    [Theory]
    [InlineData("--budget-seconds", "--budget-seconds 0")]
    [InlineData("--budget-supports", "--budget-supports 0")]
    [InlineData("--budget-work", "--budget-work 0")]
    [InlineData("--model-check-seconds", "--model-check-seconds -1")]
    [InlineData("--model-check-work", "--model-check-work 0")]
    [InlineData("--levels", "--levels 3,x")]
    [InlineData("--data", "--data /nonexistent-file.npy")]
    [InlineData("--generators", "--generators g.npy")]
    [InlineData("--restrict-to-support", "--data /dev/null")]
    public void AuditBadInputIsOneLineNamingTheOptionWithExitCodeTwo(string named, string arguments)
    {
        // /dev/null as --data is an empty CSV: the message names --data, not --restrict-to-support.
        string expected = arguments.StartsWith("--data /dev/null", StringComparison.Ordinal) ? "--data" : named;
        var (code, _, error) = CommandRunner.Run(AuditCommand.Create(), [.. arguments.Split(' '), "--quiet"]);
        Assert.Equal(2, code);
        string[] lines = error.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.Contains(expected, lines[0]);
    }

    [Fact]
    public void DefaultAuditEndsConsistent()
    {
        // The README's main command: the embedded instance has a holds-certified guarantee and every one is honoured.
        var (code, output, _) = CommandRunner.Run(AuditCommand.Create(), "--quiet");
        Assert.Equal(0, code);
        Assert.Equal("consistent", output.TrimEnd('\n').Split('\n')[^1]);
        Assert.Contains("holds-certified", output);
    }

    [Fact]
    public void AuditTimeCapIsReportedWhenItEndsASearch()
    {
        // An explicit cap is the only way the clock enters a result, and the constants table says when it ended a search.
        var (code, output, _) = CommandRunner.Run(AuditCommand.Create(), "--inputs", "30", "--width", "3", "--nonzeros", "6", "--samples", "2000", "--budget-seconds", "0.000001", "--quiet");
        Assert.Equal(0, code);
        Assert.Contains("stopped by the time cap after", output);
        var (_, plain, _) = CommandRunner.Run(AuditCommand.Create(), "--quiet");
        Assert.DoesNotContain("time cap", plain);
    }

    // --json - : standard output holds exactly one JSON document (recover's and the audit's) and the report moves to standard error.
    [Theory]
    [InlineData("recover", "status")]
    [InlineData("audit", "guarantees")]
    public void JsonToStandardOutputIsTheOnlyThingWrittenThere(string command, string field)
    {
        System.CommandLine.Command create = command == "recover" ? RecoverCommand.Create() : AuditCommand.Create();
        // The default audit instance has a NaN (the minimum separation of a pattern set with nothing to separate), so its JSON exercises the rule.
        string[] instance = command == "recover" ? ["--inputs", "6", "--width", "2", "--nonzeros", "3", "--samples", "300"] : [];
        var (code, output, error) = CommandRunner.Run(create, [.. instance, "--json", "-", "--quiet"]);
        Assert.Equal(0, code);
        using var document = System.Text.Json.JsonDocument.Parse(output);
        Assert.True(document.RootElement.TryGetProperty(field, out _), $"no '{field}' in the JSON on standard output");
        // Numbers are numbers: the literals of non-finite values appear only as the values of the nonFinite list.
        var rest = System.Text.Json.Nodes.JsonNode.Parse(output)!.AsObject();
        rest.Remove("nonFinite");
        static IEnumerable<string> Strings(System.Text.Json.Nodes.JsonNode? node) => node switch
        {
            System.Text.Json.Nodes.JsonObject o => o.SelectMany(p => Strings(p.Value)),
            System.Text.Json.Nodes.JsonArray a => a.SelectMany(Strings),
            System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => [v.GetValue<string>()],
            _ => [],
        };
        string[] literals = Strings(rest).Where(t => t is "Infinity" or "-Infinity" or "NaN").ToArray();
        Assert.True(literals.Length == 0, $"{literals.Length} non-finite literals outside nonFinite");
        Assert.True(command == "recover" || document.RootElement.TryGetProperty("nonFinite", out _), "the default audit's JSON lists no non-finite number, so it does not test the rule");
        Assert.Contains(command == "recover" ? "relative weight error" : "restricted constants", error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrote", output, StringComparison.Ordinal);
    }

    // recover --export writes what recomputes the result: ŷ = Σ_j D_j X ŵ_j from X, patterns.npy (the final gates in SCP
    // mode) and w_hat.npy gives the printed relative residual, and w_star.npy with matching.npy the printed weight error.
    [Theory]
    [InlineData("convex", "planted", "0")]
    [InlineData("scp", "planted+random", "2")]
    [InlineData("scp", "random", "1")] // seed 4 matches units 0, 1, 2 to blocks 3, 1, 2: a matching that is not the identity
    public void ExportedFilesReproduceTheResidualAndTheWeightError(string mode, string dictionary, string extra)
    {
        using var folder = new TemporaryDirectory();
        string json = folder.File("result.json");
        var (code, _, error) = CommandRunner.Run(RecoverCommand.Create(), "--inputs", "6", "--width", "3", "--nonzeros", "5", "--samples", "400", "--seed", "4",
            "--mode", mode, "--dictionary", dictionary, "--extra-units", extra, "--max-iter", "40", "--export", folder.Path, "--json", json, "--quiet");
        Assert.True(code == 0, error);
        (int[] xShape, double[] x) = Experiments.IO.NpyFile.Read(folder.File("X.npy"));
        (int[] dShape, double[] gates) = Experiments.IO.NpyFile.Read(folder.File("patterns.npy"));
        (int[] wShape, double[] wHat) = Experiments.IO.NpyFile.Read(folder.File("w_hat.npy"));
        (_, double[] wStar) = Experiments.IO.NpyFile.Read(folder.File("w_star.npy"));
        (_, double[] y) = Experiments.IO.NpyFile.Read(folder.File("y.npy"));
        (int[] mShape, double[] matching) = Experiments.IO.NpyFile.Read(folder.File("matching.npy"));
        int n = xShape[0], d = xShape[1], p = wShape[0], m = mShape[0];
        Assert.Equal([n, p], dShape);

        double residual = 0, labels = 0;
        for (int i = 0; i < n; i++)
        {
            double prediction = 0;
            for (int j = 0; j < p; j++)
            {
                double dot = 0;
                for (int l = 0; l < d; l++)
                {
                    dot += x[(i * d) + l] * wHat[(j * d) + l];
                }

                prediction += gates[(i * p) + j] * dot;
            }

            residual += (prediction - y[i]) * (prediction - y[i]);
            labels += y[i] * y[i];
        }

        double squared = 0, truth = 0;
        var matched = new bool[p];
        for (int k = 0; k < m; k++)
        {
            int block = (int)matching[k];
            for (int l = 0; l < d; l++)
            {
                double estimate = block >= 0 ? wHat[(block * d) + l] : 0;
                squared += (estimate - wStar[(k * d) + l]) * (estimate - wStar[(k * d) + l]);
                truth += wStar[(k * d) + l] * wStar[(k * d) + l];
            }

            if (block >= 0)
            {
                matched[block] = true;
            }
        }

        for (int j = 0; j < p; j++)
        {
            for (int l = 0; l < d && !matched[j]; l++)
            {
                squared += wHat[(j * d) + l] * wHat[(j * d) + l];
            }
        }

        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        System.Text.Json.JsonElement metrics = report.RootElement.GetProperty("metrics");
        double printedResidual = metrics.GetProperty("relativeResidual").GetDouble(), printedError = metrics.GetProperty("relativeWeightError").GetDouble();
        double recomputedResidual = Math.Sqrt(residual / labels), recomputedError = Math.Sqrt(squared / truth);
        Assert.True(Math.Abs(recomputedResidual - printedResidual) <= 1e-9 * Math.Max(printedResidual, 1e-12) + 1e-14,
            $"{mode}/{dictionary}: residual from the files {recomputedResidual:R}, printed {printedResidual:R}");
        Assert.True(Math.Abs(recomputedError - printedError) <= 1e-12 * Math.Max(printedError, 1e-300) + 1e-15,
            $"{mode}/{dictionary}: weight error from the files {recomputedError:R}, printed {printedError:R}");
        Assert.Equal(mode == "convex" ? "identity" : "hungarian", metrics.GetProperty("matchingMethod").GetString());
        Assert.True(dictionary != "random" || matching.Where((block, k) => block != k).Any(), $"{mode}/{dictionary}: the matching [{string.Join(", ", matching)}] is the identity, so this case does not test it");
    }
}
