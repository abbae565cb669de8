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
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        string[] lines = error.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.Contains(named, lines[0]);
        Assert.DoesNotContain("   at ", error);
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
        var (code, output, error) = CommandRunner.Run(create, "--inputs", "6", "--width", "2", "--nonzeros", "3", "--samples", "300", "--json", "-", "--quiet");
        Assert.Equal(0, code);
        using var document = System.Text.Json.JsonDocument.Parse(output);
        Assert.True(document.RootElement.TryGetProperty(field, out _), $"no '{field}' in the JSON on standard output");
        Assert.Contains(command == "recover" ? "relative weight error" : "restricted constants", error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrote", output, StringComparison.Ordinal);
    }
}
