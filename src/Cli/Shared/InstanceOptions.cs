using System.CommandLine;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;

namespace SparseIhtVerify.Cli;

/// <summary>The options that describe a planted instance and its dictionary, shared by recover and audit.</summary>
public sealed class InstanceOptions(int inputs = 10, int width = 4, int nonzeros = 8, int samples = 2000, string weights = "gaussian")
{
    public Option<int> Inputs { get; } = new("--inputs") { Description = "input dimension d (≥ 1)", DefaultValueFactory = _ => inputs };

    public Option<int> Width { get; } = new("--width") { Description = "hidden width m (≥ 1)", DefaultValueFactory = _ => width };

    public Option<int> Nonzeros { get; } = new("--nonzeros") { Description = "total nonzeros s of the hidden weights (1 ≤ s ≤ d·m)", DefaultValueFactory = _ => nonzeros };

    public Option<int> Samples { get; } = new("--samples") { Description = "number of samples n (≥ 1)", DefaultValueFactory = _ => samples };

    public Option<long> Seed { get; } = new("--seed") { Description = "seed of every random choice", DefaultValueFactory = _ => 0 };

    public Option<string> Weights { get; } = new("--weights") { Description = "planted weight values: gaussian | signs | ones", DefaultValueFactory = _ => weights };

    public Option<string> Outputs { get; } = new("--outputs") { Description = "output weights: positive (all +1) | signs (random ±1)", DefaultValueFactory = _ => "positive" };

    public Option<string> NonemptyUnits { get; } = new("--nonempty-units")
    {
        Description = "give every hidden unit at least one nonzero: auto (yes when s ≥ m) | yes | no (uniform placement, as in the paper)",
        DefaultValueFactory = _ => "auto",
    };

    public Option<string> Dictionary { get; } = new("--dictionary") { Description = "generators h_j: planted | random | planted+random", DefaultValueFactory = _ => "planted" };

    public Option<int> ExtraUnits { get; } = new("--extra-units") { Description = "random generators added to the m units (random, planted+random)", DefaultValueFactory = _ => 0 };

    public Option<string> PatternRule { get; } = new("--pattern-rule") { Description = "pattern bit: geq (1[xᵀh ≥ 0], the paper) | gt (1[xᵀh > 0], the reference code)", DefaultValueFactory = _ => "geq" };

    public IEnumerable<Option> All => [Inputs, Width, Nonzeros, Samples, Seed, Weights, Outputs, NonemptyUnits, Dictionary, ExtraUnits, PatternRule];

    /// <summary>The instance spec; throws <see cref="InvalidSettingException"/> on bad values.</summary>
    public PlantedNetworkSpec Spec(ParseResult parse)
    {
        int width = parse.GetValue(Width), nonzeros = parse.GetValue(Nonzeros);
        bool keepNonEmpty = parse.GetValue(NonemptyUnits) switch
        {
            "auto" => nonzeros >= width,
            "yes" => true,
            "no" => false,
            string other => throw new InvalidSettingException("nonempty-units", $"must be one of auto, yes, no; got '{other}'"),
            null => nonzeros >= width,
        };

        var spec = new PlantedNetworkSpec(
            Inputs: parse.GetValue(Inputs),
            Width: width,
            Nonzeros: nonzeros,
            Samples: parse.GetValue(Samples),
            Seed: parse.GetValue(Seed),
            Weights: Spellings.Parse(Spellings.Weights, "weights", parse.GetValue(Weights)!),
            Outputs: Spellings.Parse(Spellings.Outputs, "outputs", parse.GetValue(Outputs)!),
            KeepUnitsNonEmpty: keepNonEmpty);
        spec.Validate();
        return spec;
    }

    public DictionaryKind DictionaryKind(ParseResult parse) => Spellings.Parse(Spellings.Dictionaries, "dictionary", parse.GetValue(Dictionary)!);

    public PatternRule Rule(ParseResult parse) => Spellings.Parse(Spellings.PatternRules, "pattern-rule", parse.GetValue(PatternRule)!);
}
