using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace SparseIhtVerify.Properties.Architecture;

/// <summary>
/// The layout of docs/architecture.md, checked on the source text: references point down only
/// (kernels ← solver core ← models ← theory ← experiments ← CLI), and nothing outside a model's or an operator's own folder
/// casts to it or tests for it (ask for a capability instead).
/// </summary>
public sealed partial class LayerTests
{
    /// <summary>Namespace prefixes, lowest layer first; a namespace belongs to the longest prefix that matches it.</summary>
    public static readonly (string Prefix, int Layer, string Name)[] Layers =
    [
        ("SparseIhtVerify.Solver", 0, "kernels and foundations"),
        ("SparseIhtVerify.Solver.Randomness", 0, "kernels and foundations"),
        ("SparseIhtVerify.Solver.Kernels", 0, "kernels and foundations"),
        ("SparseIhtVerify.Solver.Operators", 1, "solver core"),
        ("SparseIhtVerify.Solver.Thresholding", 1, "solver core"),
        ("SparseIhtVerify.Solver.Algorithms", 1, "solver core"),
        ("SparseIhtVerify.Solver.Solvers", 1, "solver core"),
        ("SparseIhtVerify.Solver.Metrics", 1, "solver core"),
        ("SparseIhtVerify.Solver.Models", 2, "models"),
        ("SparseIhtVerify.Theory", 3, "theory"),
        ("SparseIhtVerify.Experiments", 4, "experiments"),
        ("SparseIhtVerify.Cli", 5, "command line"),
    ];

    private static string Root([CallerFilePath] string source = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", ".."));

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root(), folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>The layer of a namespace, by its longest matching prefix, or null outside the product.</summary>
    public static (int Layer, string Name)? LayerOf(string ns)
    {
        var match = Layers.Where(l => ns == l.Prefix || ns.StartsWith(l.Prefix + ".", StringComparison.Ordinal)).OrderByDescending(l => l.Prefix.Length).FirstOrDefault();
        return match.Prefix is null ? null : (match.Layer, match.Name);
    }

    /// <summary>Every reference of <paramref name="text"/> (in a file of namespace <paramref name="ns"/>) to a namespace of a higher layer.</summary>
    public static IEnumerable<string> UpwardReferences(string ns, string text)
    {
        (int Layer, string Name)? own = LayerOf(ns);
        if (own is null)
        {
            yield break;
        }

        foreach (Match m in QualifiedName().Matches(text))
        {
            string referenced = m.Groups["ns"].Value;
            if (LayerOf(referenced) is { } target && target.Layer > own.Value.Layer)
            {
                yield return $"{referenced} ({target.Name}) from {ns} ({own.Value.Name})";
            }
        }

        // Names relative to the enclosing namespace SparseIhtVerify.Solver (e.g. "Algorithms.SolverMode" inside Kernels).
        if (ns.StartsWith("SparseIhtVerify.Solver", StringComparison.Ordinal))
        {
            foreach (Match m in RelativeSolverName.Matches(text))
            {
                string referenced = "SparseIhtVerify.Solver." + m.Groups["part"].Value;
                if (LayerOf(referenced) is { } target && target.Layer > own.Value.Layer)
                {
                    yield return $"{m.Value} ({target.Name}) from {ns} ({own.Value.Name})";
                }
            }
        }
    }

    // Every using directive and qualified name in src/ names a namespace of the same or a lower layer.
    [Fact]
    public void ReferencesPointDownOnly()
    {
        var failures = new List<string>();
        int files = 0;
        foreach (string file in SourceFiles("src"))
        {
            string text = File.ReadAllText(file);
            Match ns = FileNamespace().Match(text);
            string relative = Path.GetRelativePath(Root(), file);
            // The one file without a namespace is the command's top-level entry point.
            Assert.True(ns.Success || relative == Path.Combine("src", "Cli", "Program.cs"), $"{relative}: no file-scoped namespace");
            files++;
            failures.AddRange(UpwardReferences(ns.Success ? ns.Groups["ns"].Value : "SparseIhtVerify.Cli", text).Select(r => $"{relative}: {r}"));
        }

        Assert.True(files > 150, $"only {files} source files found under {Root()}/src");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Distinct()));
    }

    // The checker itself: a kernel file that names the solver core, and a model file that names the theory, are caught; a downward reference is not.
    [Fact]
    public void UpwardReferencesAreCaught()
    {
        Assert.NotEmpty(UpwardReferences("SparseIhtVerify.Solver.Kernels", "using SparseIhtVerify.Solver.Algorithms;"));
        Assert.NotEmpty(UpwardReferences("SparseIhtVerify.Solver.Kernels", "var x = Algorithms.SolverMode.Convex;"));
        Assert.NotEmpty(UpwardReferences("SparseIhtVerify.Solver.Models.TwoLayerRelu", "SparseIhtVerify.Theory.Audit.Auditor.Run(x);"));
        Assert.Empty(UpwardReferences("SparseIhtVerify.Experiments.Sweep", "using SparseIhtVerify.Theory.Audit; using SparseIhtVerify.Solver.Kernels;"));
    }

    /// <summary>The concrete operator and model types: classes deriving from SensingOperator, and every class and record of a model folder, with their folders.</summary>
    public static IReadOnlyList<(string Type, string Folder)> ConcreteTypes()
    {
        var types = new List<(string, string)>();
        foreach (string file in SourceFiles(Path.Combine("src", "Solver")))
        {
            string text = File.ReadAllText(file);
            string folder = Path.GetDirectoryName(file)!;
            bool model = file.Contains($"{Path.DirectorySeparatorChar}Models{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
            foreach (Match m in TypeDeclaration().Matches(text))
            {
                if (model || m.Groups["base"].Value.Contains("SensingOperator", StringComparison.Ordinal))
                {
                    types.Add((m.Groups["name"].Value, folder));
                }
            }
        }

        return types;
    }

    // No file outside a concrete operator's or model type's own folder casts to it or tests for it with is/as (src and tests).
    [Fact]
    public void NoCastToAConcreteOperatorOrModelOutsideItsFolder()
    {
        IReadOnlyList<(string Type, string Folder)> types = ConcreteTypes();
        Assert.Contains(types, t => t.Type == "ActivationPatternOperator");
        Assert.Contains(types, t => t.Type == "GaussianSensingOperator");
        var failures = new List<string>();
        foreach (string file in SourceFiles("src").Concat(SourceFiles("tests")))
        {
            string text = File.ReadAllText(file);
            foreach ((string type, string folder) in types)
            {
                if (Path.GetDirectoryName(file) == folder)
                {
                    continue;
                }

                foreach (Match m in Regex.Matches(text, $@"\b(?:is|as)\s+(?:not\s+)?(?:\w+\.)*{type}(?![\w.])|\((?:\w+\.)*{type}\)\s*[\w(]"))
                {
                    failures.Add($"{Path.GetRelativePath(Root(), file)}: '{m.Value}'");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    // The libraries (src/Solver, src/Theory, src/Experiments) name settings, never command-line flags: no string literal there holds "--word".
    [Fact]
    public void LibrariesNameNoFlags()
    {
        var failures = new List<string>();
        foreach (string file in new[] { "Solver", "Theory", "Experiments" }.SelectMany(p => SourceFiles(Path.Combine("src", p))))
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string code = lines[i].TrimStart();
                if (!code.StartsWith("//", StringComparison.Ordinal) && FlagInString().IsMatch(code))
                {
                    failures.Add($"{Path.GetRelativePath(Root(), file)}:{i + 1}: {code.Trim()}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [GeneratedRegex(@"""[^""]*--[a-z][^""]*""")]
    private static partial Regex FlagInString();

    [GeneratedRegex(@"^namespace\s+(?<ns>[\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"\b(?<ns>SparseIhtVerify(?:\.[A-Z]\w*)+)")]
    private static partial Regex QualifiedName();

    // A namespace of the layers table named relative to SparseIhtVerify.Solver, e.g. "Algorithms.SolverMode".
    private static readonly Regex RelativeSolverName = new(
        $@"(?<![\w.])(?<part>{string.Join('|', Layers.Select(l => l.Prefix).Where(p => p.StartsWith("SparseIhtVerify.Solver.", StringComparison.Ordinal)).Select(p => p["SparseIhtVerify.Solver.".Length..]))})\.[A-Z]\w*");

    [GeneratedRegex(@"\b(?:class|record)\s+(?<name>[A-Z]\w*)(?:<[^>]*>)?(?:\([^)]*\))?\s*(?::\s*(?<base>[^{\r\n]+))?")]
    private static partial Regex TypeDeclaration();
}
