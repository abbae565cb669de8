using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SparseIhtVerify.Experiments;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;

namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>
/// A sweep: its grid and its settings. <see cref="Describe"/> lists every value that can change a result, and
/// <see cref="Fingerprint"/> hashes that list; the results folder stores both, so a rerun with other settings is
/// recognised (and the changed entries named) before anything runs.
/// </summary>
/// <param name="Grid">Cells, seeds and methods.</param>
/// <param name="Settings">Everything else.</param>
public sealed record SweepPlan(SweepGrid Grid, SweepSettings Settings)
{
    /// <summary>Version of the results format; part of the fingerprint.</summary>
    public const int FormatVersion = 3;

    /// <summary>Every setting that determines the results, as (name, value) in a fixed order: camelCase names, as the JSON reports name the same settings (maxIterations, patternRule), values in invariant culture.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe()
    {
        SweepSettings s = Settings;
        var imp = s.ImpSettings;
        var entries = new List<KeyValuePair<string, string>>
        {
            new("format", FormatVersion.ToString(CultureInfo.InvariantCulture)),
            new("inputs", Join(Grid.Inputs)),
            new("width", Join(Grid.Widths)),
            new("nonzeros", Join(Grid.Nonzeros)),
            new("samples", Join(Grid.Samples)),
            new("seeds", Join(Grid.Seeds)),
            new("methods", string.Join(",", Grid.Methods.Select(m => m.Word))),
            new("audit", Grid.Audit ? "yes" : "no"),
            new("weights", s.Weights.ToString().ToLowerInvariant()),
            new("outputs", s.Outputs.ToString().ToLowerInvariant()),
            new("nonemptyUnits", s.KeepUnitsNonEmpty is bool keep ? (keep ? "yes" : "no") : "auto"),
        };

        if (Grid.Methods.Any(m => m.Solver is not null))
        {
            entries.AddRange(
            [
                new("dictionary", s.Dictionary switch
                {
                    DictionaryKind.Planted => "planted",
                    DictionaryKind.Random => "random",
                    _ => "planted+random",
                }),
                new("extraUnits", s.ExtraUnits.ToString(CultureInfo.InvariantCulture)),
                new("patternRule", PatternRules.Word(s.Rule)),
                new("mode", Solver.Algorithms.SolverModes.Word(s.Mode)),
                new("projection", s.Projection?.ToString(CultureInfo.InvariantCulture) ?? "s"),
                new("step", s.Step is double step ? Number(step) : "default"),
                new("maxIterations", s.MaxIterations.ToString(CultureInfo.InvariantCulture)),
                new("tolerance", Number(s.Tolerance)),
                new("scpWarmupSteps", s.ScpWarmupSteps.ToString(CultureInfo.InvariantCulture)),
                new("scpRestartWindow", s.ScpRestartWindow.ToString(CultureInfo.InvariantCulture)),
                new("emptyGenerator", EmptyGenerators.Word(s.EmptyGenerator)),
                new("innerSteps", s.InnerSteps.ToString(CultureInfo.InvariantCulture)),
            ]);
        }
        else if (Grid.Audit)
        {
            entries.Add(new("patternRule", PatternRules.Word(s.Rule)));
        }

        if (Grid.Methods.Contains(SweepMethod.Imp))
        {
            entries.AddRange(
            [
                new("impStepsPerRound", imp.StepsPerRound.ToString(CultureInfo.InvariantCulture)),
                new("impLearningRate", Number(imp.LearningRate)),
                new("impPruneFraction", Number(imp.PruneFraction)),
            ]);
        }

        if (Grid.Audit)
        {
            entries.Add(new("auditSupports", s.AuditSupports.ToString(CultureInfo.InvariantCulture)));
        }

        return entries;
    }

    /// <summary>SHA-256 (hex) of <see cref="Describe"/>, one <c>name=value</c> line per entry.</summary>
    public string Fingerprint()
    {
        string text = string.Concat(Describe().Select(e => $"{e.Key}={e.Value}\n"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Join<T>(IEnumerable<T> values) where T : IFormattable =>
        string.Join(",", values.Select(v => v.ToString(null, CultureInfo.InvariantCulture)));

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
