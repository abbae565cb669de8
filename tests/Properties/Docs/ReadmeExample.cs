using System.Runtime.CompilerServices;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Metrics;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Solvers;
using Xunit;

namespace SparseIhtVerify.Properties.Docs;

/// <summary>The README's library example: compiled here, run by a test, and kept in the README verbatim.</summary>
public sealed class ReadmeExample
{
    /// <summary>The README's example, as it appears there.</summary>
    private static void Run(TextWriter output)
    {
        // README example begins
        var spec = new PlantedNetworkSpec(Inputs: 10, Width: 4, Nonzeros: 8, Samples: 2000, Seed: 1, WeightDistribution.Signs, KeepUnitsNonEmpty: true);
        PlantedNetwork network = PlantedNetwork.Create(spec);
        var instance = PlantedInstance.Create(network, DictionaryKind.Planted, extraUnits: 0, PatternRule.GreaterOrEqual);
        var options = new SolverOptions(Solver: SolverCatalogue.Niht, Projection: spec.Nonzeros);
        SolverResult result = IterativeSolver.Solve(instance.Operator, instance.Labels, options);
        RecoveryMetrics metrics = instance.Evaluate(result);
        output.WriteLine($"{SolverStatuses.Word(result.Status)} after {result.Iterations} iterations: "
            + $"weight error {metrics.RelativeWeightError:0.00e+0}, exact support {metrics.SupportExact}");
        // README example ends
    }

    // The example runs and prints what the README says it prints (the same instance as the README's recover command).
    [Fact]
    public void TheReadmeExampleRecoversThePlantedNetwork()
    {
        var output = new StringWriter();
        Run(output);
        // The README's line, which agrees with its recover example (187 iterations, error 3.68e-10) and the planted-signs-niht snapshot.
        Assert.Equal("converged after 187 iterations: weight error 3.68e-10, exact support True", output.ToString().Trim());
    }

    // The README shows exactly the code between the markers above (indentation removed), so the documented example is the tested one.
    [Fact]
    public void TheReadmeShowsTheTestedCode()
    {
        string[] source = File.ReadAllLines(SourcePath());
        int begin = Array.FindIndex(source, l => l.Trim() == "// README example begins"), end = Array.FindIndex(source, l => l.Trim() == "// README example ends");
        string[] body = source[(begin + 1)..end];
        int indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        string code = string.Join('\n', body.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
        string readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(SourcePath())!, "..", "..", "..", "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(readme.Contains(code, StringComparison.Ordinal), $"README.md does not show the tested example verbatim:\n{code}");
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;
}
