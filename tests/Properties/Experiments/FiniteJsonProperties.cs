using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Experiments.IO;
using SparseIhtVerify.Experiments.Sweep;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Solver.Metrics;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Properties;

/// <summary>Sweep rows and reports are JSON whose numbers are all numbers, and they read back exactly.</summary>
public sealed class FiniteJsonProperties
{
    private static readonly double[] Specials = [double.PositiveInfinity, double.NegativeInfinity, double.NaN];

    // A results row whose doubles are drawn finite or ±∞/NaN: the line holds no "Infinity"/"NaN" token outside nonFinite,
    // nonFinite lists exactly the non-finite fields by path, and the row reads back equal to the one written.
    [Property(MaxTest = 200)]
    public Property NonFiniteNumbersAreNullListedByPathAndRoundTrip() =>
        Prop.ForAll(InstanceGenerators.Seed.ToArbitrary(), seed =>
        {
            var random = new SeededRandom(seed);
            double Draw() => random.NextInt(3) == 0 ? Specials[random.NextInt(3)] : random.NextGaussian();
            var metrics = new RecoveryMetrics(Draw(), Draw(), Draw(), random.NextInt(2) == 0, Draw(), Draw(), [0, -1], "hungarian");
            var row = SweepRow.For(new SweepCell(4, 2, 3, 80), seed, "niht", new SweepOutcome("converged", 7, metrics, Draw(), Draw(), 3, 3, 108, 40));
            string line = FiniteJson.Serialize(row, SweepStore.JsonOptions);

            JsonObject document = JsonNode.Parse(line)!.AsObject();
            JsonObject flags = document[FiniteJson.FlagProperty]?.AsObject() ?? [];
            document.Remove(FiniteJson.FlagProperty);
            string rest = document.ToJsonString();
            bool numbers = !rest.Contains("Infinity", StringComparison.Ordinal) && !rest.Contains("NaN", StringComparison.Ordinal);
            string[] expected = new (string Path, double Value)[]
            {
                ("outcome.metrics.relativeWeightError", metrics.RelativeWeightError), ("outcome.metrics.supportPrecision", metrics.SupportPrecision),
                ("outcome.metrics.supportRecall", metrics.SupportRecall), ("outcome.metrics.psnrDb", metrics.PsnrDb),
                ("outcome.metrics.relativeResidual", metrics.RelativeResidual), ("outcome.seconds", row.Outcome!.Seconds), ("outcome.setupSeconds", row.Outcome.SetupSeconds),
            }.Where(f => !double.IsFinite(f.Value)).Select(f => f.Path).Order().ToArray();
            string[] listed = flags.Select(f => f.Key).Order().ToArray();

            SweepRow back = FiniteJson.Deserialize<SweepRow>(line, SweepStore.JsonOptions)!;
            bool same = back.Key == row.Key && back.Outcome is { } o && o.Metrics.RelativeWeightError.Equals(metrics.RelativeWeightError)
                && o.Metrics.SupportPrecision.Equals(metrics.SupportPrecision) && o.Metrics.SupportRecall.Equals(metrics.SupportRecall)
                && o.Metrics.PsnrDb.Equals(metrics.PsnrDb) && o.Metrics.RelativeResidual.Equals(metrics.RelativeResidual)
                && o.Seconds.Equals(row.Outcome.Seconds) && o.SetupSeconds.Equals(row.Outcome.SetupSeconds) && o.Metrics.Matching.SequenceEqual(metrics.Matching);
            return numbers.Label($"a non-finite literal is left outside {FiniteJson.FlagProperty}: {line}")
                .And(listed.SequenceEqual(expected).Label($"{FiniteJson.FlagProperty} lists [{string.Join(", ", listed)}], the non-finite fields are [{string.Join(", ", expected)}]; {line}"))
                .And(same.Label($"the row does not read back equal: {line}"))
                .Classify(expected.Length == 0, "all finite")
                .Classify(expected.Length >= 2, "two or more non-finite");
        });
}
