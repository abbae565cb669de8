using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SparseIhtVerify.Experiments.Fitting;
using SparseIhtVerify.Experiments.IO;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Theory.Audit;
using SparseIhtVerify.Theory.Constants;

namespace SparseIhtVerify.Cli;

/// <summary>
/// <c>sparse-iht audit</c>: do the guarantee's hypotheses hold on this instance, how sure are we, and does the
/// solver agree? With no options it audits a small embedded planted instance on which guarantees hold-certified.
/// </summary>
public static class AuditCommand
{
    /// <summary>
    /// The embedded instance: one hidden unit with 5 of 20 inputs, ±1 weights, 4000 samples. Its constants are
    /// certified from the full 20×20 Gram; with two or more units the same-coordinate columns of different blocks
    /// push δ above every catalogue threshold (theory.md §3), which <c>--width 2</c> shows.
    /// </summary>
    private static InstanceOptions EmbeddedInstance() => new(inputs: 20, width: 1, nonzeros: 5, samples: 4000, weights: "signs");

    public static Command Create()
    {
        var instance = EmbeddedInstance();
        var projection = new Option<int?>("--projection") { Description = "the user's projection size k (≥ s; default s); JTK14 uses max(k, 32s)" };
        var levels = new Option<string?>("--levels") { Description = "extra levels to estimate, comma-separated (the catalogue's 2s, 3s, 2k+s are always done)" };
        var budgetSupports = new Option<int>("--budget-supports") { Description = "supports evaluated per level at most (enumeration is exact only within this)", DefaultValueFactory = _ => 2000 };
        var budgetWork = new Option<double>("--budget-work") { Description = "multiply–adds spent evaluating supports per level at most (deterministic; > 0)", DefaultValueFactory = _ => EstimationBudget.DefaultWork };
        var budgetSeconds = new Option<double?>("--budget-seconds") { Description = "an explicit time cap per level in seconds (default: none; results then depend on the machine's speed, and the audit says so when the cap ends a search)" };
        var restrict = new Option<bool>("--restrict-to-support") { Description = "judge guarantees with support-restricted constants (supports ⊇ S*, what the proofs for one w* use)" };
        var modelSeconds = new Option<double?>("--model-check-seconds") { Description = "an explicit time cap on the model check (default: none; its iteration budget comes from --model-check-work)" };
        var modelWork = new Option<double>("--model-check-work") { Description = "multiply–adds for the model check's solvers (iterations = work/(n·N), within [20, 500]; > 0)", DefaultValueFactory = _ => SparseIhtVerify.Theory.Representation.ModelCheck.DefaultWork };
        var data = new Option<string?>("--data") { Description = "audit your own data: X as .npy (2-D float32/float64) or CSV, rows = samples" };
        var files = new DataOptions();
        var labels = new Option<string?>("--labels") { Description = "with --data: y (1-D .npy, file.npz:member, or file.csv:COLUMN), to check whether the dictionary represents y with s nonzeros and whether that fit is the only one" };
        var model = new Option<string?>("--model") { Description = "with --data: audit a fitted network (fit --model) on X: its gates, s = its nonzero weights, w* = its weights, y = its predictions (or --labels)" };
        var generators = new Option<string?>("--generators") { Description = "with --data: generators h_j as .npy or CSV (p rows × d); default --width random N(0, I) generators" };
        var threads = new Option<int>("--threads") { Description = "threads for the solver runs", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<string?>("--json") { Description = "write the full audit as JSON to this file (- : to standard output, which then holds nothing else; the report goes to standard error)" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress on standard error" };

        var command = new Command("audit", "Check whether the recovery guarantee's hypotheses hold on an instance (or your data), and whether the solvers agree.");
        foreach (Option option in instance.All.Concat([projection, levels, budgetSupports, budgetWork, budgetSeconds, restrict, modelSeconds, modelWork, data, labels, model, generators, threads, json, quiet]).Concat(files.All))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var jsonOutput = new JsonOutput("json", parse.GetValue(json));

            int supports = parse.GetValue(budgetSupports);
            InvalidSettingException.RequireAtLeast("budget-supports", supports, 1);
            double work = parse.GetValue(budgetWork);
            InvalidSettingException.RequirePositive("budget-work", work);
            double? seconds = parse.GetValue(budgetSeconds);
            if (seconds is double cap)
            {
                InvalidSettingException.RequirePositive("budget-seconds", cap);
            }

            double? modelCheckSeconds = parse.GetValue(modelSeconds);
            if (modelCheckSeconds is double modelCap)
            {
                InvalidSettingException.RequirePositive("model-check-seconds", modelCap);
            }

            double modelCheckWork = parse.GetValue(modelWork);
            InvalidSettingException.RequirePositive("model-check-work", modelCheckWork);
            int threadCount = parse.GetValue(threads);
            InvalidSettingException.RequireAtLeast("threads", threadCount, 1);
            int[] extraLevels = parse.GetValue(levels) is string list ? CommaLists.Integers("levels", list) : [];

            string? dataPath = parse.GetValue(data);
            foreach ((string name, string? value) in new[] { ("labels", parse.GetValue(labels)), ("model", parse.GetValue(model)) })
            {
                if (value is not null && dataPath is null)
                {
                    throw new InvalidSettingException(name, "applies only with --data (planted instances carry their own labels and weights)");
                }
            }

            Applicability.Refuse(parse, dataPath is null, "sets a planted instance; with --data the data's own shape is used",
                instance.Inputs, instance.Samples, instance.Weights, instance.Outputs, instance.NonemptyUnits, instance.Dictionary);
            Applicability.Refuse(parse, parse.GetValue(generators) is null, "sets random generators; --generators gives them", instance.Width, instance.ExtraUnits);
            Applicability.Refuse(parse, parse.GetValue(model) is null, "is fixed by the model (its nonzero weights, generators and pattern rule)",
                instance.Nonzeros, instance.Width, instance.ExtraUnits, instance.PatternRule);
            (AuditSubject subject, string description) = dataPath is null
                ? FromPlanted(parse, instance, parse.GetValue(projection), threadCount, parse.GetValue(generators))
                : parse.GetValue(model) is string modelPath
                    ? FromModel(parse, files, dataPath, modelPath, parse.GetValue(labels), parse.GetValue(generators), parse.GetValue(projection), threadCount)
                    : FromData(parse, instance, files, dataPath, parse.GetValue(labels), parse.GetValue(generators), parse.GetValue(projection), threadCount);
            int unknowns = subject.Operator.Columns;
            if (extraLevels.FirstOrDefault(level => level > unknowns) is int beyond and > 0)
            {
                throw new InvalidSettingException("levels", $"must lie in [1, {unknowns}] (N, the number of unknowns), got {beyond}");
            }

            if (subject.Projection > unknowns)
            {
                throw new InvalidSettingException("projection", $"must lie in [s, N] = [{subject.Sparsity}, {unknowns}], got {subject.Projection}");
            }

            var options = new AuditOptions(new EstimationBudget(supports, work, seconds, Seed: parse.GetValue(instance.Seed)), extraLevels,
                parse.GetValue(restrict), modelCheckSeconds, threadCount, modelCheckWork);

            AuditReport report;
            using (var progress = new ProgressIndicator(!parse.GetValue(quiet)))
            {
                report = Auditor.Run(subject, options, progress.Report);
            }

            TextWriter human = jsonOutput.Human;
            human.Write(AuditText.Render(report, description));
            jsonOutput.Write(AuditJson.From(report, description));
            if (report.Conclusion == AuditConclusion.Violation)
            {
                human.WriteLine($"replay: sparse-iht audit {string.Join(' ', Environment.GetCommandLineArgs().Skip(2))}");
            }

            human.WriteLine(AuditText.ConclusionLine(report.Conclusion));
            return report.Conclusion == AuditConclusion.Violation ? ExitCodes.Violation : ExitCodes.Ok;
        });
        return command;
    }

    private static (AuditSubject, string) FromPlanted(ParseResult parse, InstanceOptions instance, int? projection, int threads, string? generators)
    {
        if (generators is not null)
        {
            throw new InvalidSettingException("generators", "applies only with --data (planted instances use --dictionary)");
        }

        PlantedNetworkSpec spec = instance.Spec(parse);
        int k = projection ?? spec.Nonzeros;
        if (k < spec.Nonzeros)
        {
            throw new InvalidSettingException("projection", $"must be at least --nonzeros (s = {spec.Nonzeros}), got {k}");
        }

        PlantedNetwork network = PlantedNetwork.Create(spec);
        DictionaryKind kind = instance.DictionaryKind(parse);
        GeneratorDictionary dictionary = GeneratorDictionary.Create(kind, network, parse.GetValue(instance.ExtraUnits), spec.Seed);
        PatternRule rule = instance.Rule(parse);
        var sensing = ActivationPatternOperator.FromDictionary(network.Data, dictionary, rule, threads);
        string description = string.Create(CultureInfo.InvariantCulture,
            $"planted instance d = {spec.Inputs}, m = {spec.Width}, s = {spec.Nonzeros}, n = {spec.Samples}, seed {spec.Seed}, weights {Spellings.Word(Spellings.Weights, spec.Weights)}, outputs {Spellings.Word(Spellings.Outputs, spec.Outputs)}; dictionary {Spellings.Word(Spellings.Dictionaries, kind)} (p = {dictionary.Blocks}, N = {sensing.Columns}); pattern rule {Spellings.Word(Spellings.PatternRules, rule)}");
        return (AuditSubject.Planted(new PlantedInstance(network, dictionary, sensing), k), description);
    }

    private static (AuditSubject, string) FromData(ParseResult parse, InstanceOptions instance, DataOptions files, string dataPath, string? labelPath, string? generatorPath, int? projection, int threads)
    {
        CsvSettings csv = files.Csv(parse);
        (DataMatrix data, double[]? y) = DataWithLabels(dataPath, labelPath, csv);
        double[] generators;
        int blocks;
        if (generatorPath is not null)
        {
            GeneratorDictionary given = DataOptions.Generators(generatorPath, csv, data.Columns);
            generators = given.Generators.ToArray();
            blocks = given.Blocks;
        }
        else
        {
            blocks = parse.GetValue(instance.Width) + parse.GetValue(instance.ExtraUnits);
            InvalidSettingException.RequireAtLeast("width", blocks, 1);
            generators = GeneratorDictionary.Random(data.Columns, blocks, parse.GetValue(instance.Seed)).Generators.ToArray();
        }

        int s = parse.GetValue(instance.Nonzeros);
        long unknowns = (long)blocks * data.Columns;
        if (s < 1 || s > unknowns)
        {
            throw new InvalidSettingException("nonzeros", $"must lie in [1, {unknowns}] (p·d unknowns), got {s}");
        }

        PatternRule rule = instance.Rule(parse);
        var sensing = ActivationPatternOperator.FromDictionary(data, new GeneratorDictionary(DictionaryKind.Random, data.Columns, generators, 0), rule, threads);
        string description = string.Create(CultureInfo.InvariantCulture,
            $"data {dataPath} (n = {data.Rows}, d = {data.Columns}){(labelPath is null ? string.Empty : $"; labels {labelPath}")}; generators {(generatorPath ?? $"random N(0, I), seed {parse.GetValue(instance.Seed)}")} (p = {blocks}, N = {unknowns}); sparsity s = {s}; pattern rule {Spellings.Word(Spellings.PatternRules, rule)}");
        return (new AuditSubject(sensing, generators, s, projection ?? s, y, null), description);
    }

    // A fitted network on its data, audited as a planted one: its gates, s = its nonzero weights, w* = its weights, and y = its
    // own predictions Aŵ (so that the guarantees have a w* to recover) unless labels are given.
    private static (AuditSubject, string) FromModel(ParseResult parse, DataOptions files, string dataPath, string modelPath, string? labelPath, string? generatorPath, int? projection, int threads)
    {
        if (generatorPath is not null)
        {
            throw new InvalidSettingException("generators", "cannot be given with --model, whose generators are audited");
        }

        CsvSettings csv = files.Csv(parse);
        FittedNetwork network = DataOptions.Model("model", modelPath);
        (DataMatrix data, double[]? y) = DataWithLabels(dataPath, labelPath, csv);
        int s = network.Weights.Count;
        if (s == 0)
        {
            throw new CliFailure($"--model: {modelPath} holds no nonzero weight: there is nothing to audit");
        }

        ActivationPatternOperator sensing = network.Operator(data, threads); // refuses data of another d, naming --data
        y ??= sensing.Forward(network.Weights);
        string description = string.Create(CultureInfo.InvariantCulture,
            $"fitted network {modelPath} (p = {network.Blocks}, N = {sensing.Columns}, gates {(network.Gates == GateEvaluation.Sparse ? "h_j = w_j" : "of its generators")}, pattern rule {PatternRules.Word(network.Rule)}) on data {dataPath} (n = {data.Rows}, d = {data.Columns}); s = {s} = its nonzero weights, w* = its weights ŵ; y = {labelPath ?? "its own predictions Aŵ"}");
        return (new AuditSubject(sensing, network.Generators.ToArray(), s, Math.Max(s, projection ?? s), y, network.Weights), description);
    }

    // X and, when given, y: the labels are read first (so that a bad column is named under --labels), and X then drops their
    // column when they are one of its own file's.
    private static (DataMatrix Data, double[]? Labels) DataWithLabels(string dataPath, string? labelPath, CsvSettings csv)
    {
        if (labelPath is null)
        {
            return (DataOptions.Matrix("data", dataPath, csv), null);
        }

        double[] y = DataOptions.Vector("labels", labelPath, csv);
        DataMatrix data = DataOptions.Matrix("data", dataPath, csv, DataOptions.LabelColumn(dataPath, labelPath));
        return (data, DataOptions.OnePerRow("labels", y, data.Rows));
    }
}
