using System.CommandLine;
using System.Globalization;
using System.Text;
using SparseIhtVerify.Experiments.Fitting;
using SparseIhtVerify.Experiments.IO;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;

namespace SparseIhtVerify.Cli;

/// <summary><c>sparse-iht fit</c>: train a sparse two-layer ReLU network on the user's (X, y), choosing s by validation.</summary>
public static class FitCommand
{
    public static Command Create()
    {
        var files = new DataOptions();
        var solver = new SolverFlags();
        var memory = new MemoryGuard();
        var data = new Option<string>("--data") { Description = "X, rows = samples: .npy (2-D), file.npz:member, or CSV", Required = true };
        var labels = new Option<string>("--labels") { Description = "y, one per row: .npy (1-D), file.npz:member, a one-column CSV, or file.csv:COLUMN (a header name or a number from 1; when it is --data's file, X is its other columns)", Required = true };
        var generators = new Option<string?>("--generators") { Description = "generators h_j (p rows × d): .npy, file.npz:member or CSV; default --width random N(0, I) ones from --seed" };
        var width = new Option<int>("--width") { Description = "p: random generators when --generators is not given (≥ 1)", DefaultValueFactory = _ => 64 };
        var nonzeros = new Option<string>("--nonzeros") { Description = "s: nonzero weights, one value or a comma list to choose from by --select", DefaultValueFactory = _ => "8" };
        var select = new Option<string>("--select") { Description = "how s is chosen from a list: holdout (lowest validation MSE) | cv:K (K-fold cross-validation on the training rows, then a refit on all of them) | auto (holdout when there are validation rows, else cv:5)", DefaultValueFactory = _ => "auto" };
        var holdout = new Option<double?>("--holdout") { Description = "fraction of the rows held out for validation, in (0, 1), chosen by --seed" };
        var testData = new Option<string?>("--test-data") { Description = "rows to validate on and report (instead of --holdout)" };
        var testLabels = new Option<string?>("--test-labels") { Description = "their labels" };
        var debias = new Option<bool>("--debias") { Description = "refit the weights by least squares on the final support (as HTP does each step)" };
        var warmStart = new Option<string?>("--warm-start") { Description = "a model file to start from: its generators, gates and weights" };
        var rule = new Option<string>("--pattern-rule") { Description = "pattern bit: geq (1[xᵀh ≥ 0], the paper) | gt (1[xᵀh > 0], the reference code)", DefaultValueFactory = _ => PatternRules.Word(PatternRule.GreaterOrEqual) };
        var seed = new Option<long>("--seed") { Description = "seed of every random choice (generators, held-out rows, folds, the solver's draws)", DefaultValueFactory = _ => 0 };
        var model = new Option<string?>("--model") { Description = "write the fitted network to this .npz file (generators.npy, weights.npy, header.json; see docs/model-file.md)" };
        var json = new Option<string?>("--json") { Description = "write the full result as JSON to this file (- : to standard output, which then holds nothing else; the report goes to standard error)" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress on standard error" };

        var command = new Command("fit", "Train a sparse two-layer ReLU network on your data (X, y) by iterative hard thresholding; choose s by validation.");
        foreach (Option option in new Option[] { data, labels, generators, width, nonzeros, select, holdout, testData, testLabels, debias, warmStart, rule, seed }.Concat(solver.All).Concat(files.All).Concat([model, json, memory.AllowLarge, quiet]))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var jsonOutput = new JsonOutput("json", parse.GetValue(json));
            string? modelPath = parse.GetValue(model);
            if (modelPath is not null)
            {
                OutputPaths.RequireWritableFile("model", modelPath);
            }

            CsvSettings csv = files.Csv(parse);
            string dataSource = parse.GetValue(data)!, labelSource = parse.GetValue(labels)!;
            double[] y = DataOptions.Vector("labels", labelSource, csv); // first, so that a bad column is named under --labels
            string? labelColumn = DataOptions.LabelColumn(dataSource, labelSource);
            DataMatrix x = DataOptions.Matrix("data", dataSource, csv, labelColumn);
            string? generatorSource = parse.GetValue(generators);
            GeneratorDictionary? dictionary = generatorSource is null ? null : DataOptions.Generators(generatorSource, csv, x.Columns);

            string? warmPath = parse.GetValue(warmStart);
            FittedNetwork? warm = warmPath is null ? null : DataOptions.Model("warm-start", warmPath);
            (DataMatrix? test, double[]? testY) = (parse.GetValue(testData), parse.GetValue(testLabels)) switch
            {
                (string t, string l) => TestSet(t, l, csv),
                (null, null) => ((DataMatrix?)null, (double[]?)null),
                (null, _) => throw new InvalidSettingException("test-labels", "must be given with --test-data"),
                _ => throw new InvalidSettingException("test-data", "must be given with --test-labels"),
            };

            int[] candidates = ParseNonzeros(parse.GetValue(nonzeros)!);
            double? fraction = parse.GetValue(holdout);
            long seedValue = parse.GetValue(seed);
            var settings = new FitSettings(
                Nonzeros: candidates,
                Solver: solver.Options(parse, projection: 0, seedValue), // k: FitSettings.Projection, or s
                Projection: parse.GetValue(solver.Projection),
                Width: parse.GetValue(width),
                Rule: Spellings.Parse(Spellings.PatternRules, "pattern-rule", parse.GetValue(rule)!),
                Validation: ParseSelect(parse.GetValue(select)!, candidates.Length, fraction is not null || test is not null),
                Holdout: fraction,
                Debias: parse.GetValue(debias),
                Seed: seedValue,
                Backend: solver.Kernels(parse));
            solver.RefuseInapplicable(parse, settings.Solver);
            Applicability.Refuse(parse, generatorSource is null && warm is null, "sets the number of random generators; --generators or --warm-start gives them", width);
                        var request = new FitRequest(x, y, settings, dictionary, warm, test, testY);
            Fitting.Validate(request);
            memory.Require(parse, x.Rows, x.Columns, warm?.Blocks ?? dictionary?.Blocks ?? settings.Width, settings.Solver.Mode == SolverMode.SequentialConvex, "--width or data");

            FitOutcome outcome;
            using (var progress = new ProgressIndicator(!parse.GetValue(quiet)))
            {
                progress.Report("computing activation patterns…");
                outcome = Fitting.Run(request, progress.Report);
            }

            string generatorText = warmPath is not null ? $"from the warm start {warmPath}" : generatorSource ?? $"random N(0, I), seed {seedValue}";
            string validationText = test is not null ? $"test set {parse.GetValue(testData)} ({test.Rows} rows)"
                : fraction is double f ? $"{outcome.ValidationRows.Count} rows held out (fraction {f.ToString(CultureInfo.InvariantCulture)}, seed {seedValue})" : "none";
            jsonOutput.Human.Write(Summary(outcome, dataSource + (labelColumn is null ? string.Empty : $" without column '{labelColumn}'"), labelSource, generatorText, validationText));
            jsonOutput.Write(FitReport.From(outcome));
            if (modelPath is not null)
            {
                ModelFile.Save(modelPath, outcome.Model);
                jsonOutput.Human.WriteLine($"  wrote {modelPath}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>The test set: its labels first (so that a bad column is named under --test-labels), then its rows.</summary>
    private static (DataMatrix?, double[]?) TestSet(string data, string labels, CsvSettings csv)
    {
        double[] y = DataOptions.Vector("test-labels", labels, csv);
        return (DataOptions.Matrix("test-data", data, csv, DataOptions.LabelColumn(data, labels)), y);
    }

    /// <summary>"8" or "4,8,16": integers ≥ 1, each once.</summary>
    public static int[] ParseNonzeros(string text)
    {
        int[] values = CommaLists.Integers("nonzeros", text);
        return values.Distinct().Count() == values.Length ? values
            : throw new InvalidSettingException("nonzeros", $"lists {values.GroupBy(v => v).First(g => g.Count() > 1).Key} twice");
    }

    /// <summary>The choice of s: none for one candidate; holdout, cv:K, or auto (holdout with validation rows, else cv:5).</summary>
    public static Validation ParseSelect(string text, int candidates, bool hasValidationRows)
    {
        if (text == "auto")
        {
            return candidates == 1 ? Validation.None : hasValidationRows ? new Validation(ValidationKind.Holdout) : new Validation(ValidationKind.CrossValidation, 5);
        }

        if (text == "holdout")
        {
            return new Validation(ValidationKind.Holdout);
        }

        if (text.StartsWith("cv:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out int folds))
        {
            return new Validation(ValidationKind.CrossValidation, folds);
        }

        throw new InvalidSettingException("select", $"must be auto, holdout or cv:K (K ≥ 2 folds), got '{text}'");
    }

    /// <summary>The human report.</summary>
    public static string Summary(FitOutcome outcome, string dataText, string labelText, string generatorText, string validationText)
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        FitRequest request = outcome.Request;
        FittedNetwork model = outcome.Model;
        var options = request.Settings.SolverFor(outcome.Nonzeros);
        text.AppendLine(ci, $"data        {dataText}: n = {request.Data.Rows}, d = {request.Data.Columns}; labels {labelText}");
        text.AppendLine(ci, $"validation  {validationText}; training rows {outcome.TrainRows.Count}");
        text.AppendLine(ci, $"generators  {generatorText}: p = {model.Blocks}, N = p·d = {(long)model.Blocks * model.Inputs} unknowns, pattern rule {PatternRules.Word(model.Rule)}");
        text.AppendLine(ci, $"solver      {options.Solver.Word}, mode {Spellings.Word(Spellings.Modes, options.Mode)}, k = {(request.Settings.Projection is int k ? k.ToString(ci) : "s")}, tol {Format.Number(options.Tolerance)}, max {options.MaxIterations} iterations{(request.Settings.Debias ? ", debiased on the final support" : string.Empty)}");
        if (outcome.Path.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(ci, $"  choosing s by {request.Settings.Validation.Word} (mean-squared errors{(request.Settings.Validation.Kind == ValidationKind.CrossValidation ? ", means over the folds" : string.Empty)})");
            text.AppendLine("       s   train MSE      validation MSE");
            foreach (SelectionStep step in outcome.Path)
            {
                string mark = step.Nonzeros == outcome.Nonzeros ? "   ← chosen" : string.Empty;
                text.AppendLine(string.Create(ci, $"  {step.Nonzeros,6}   {Mse(step.TrainError),-12}   {Mse(step.ValidationError),-12}{mark}").TrimEnd());
            }
        }

        text.AppendLine();
        var result = outcome.Result;
        text.AppendLine(ci, $"  chosen s                {outcome.Nonzeros}{(outcome.Path.Count > 0 ? $" (the smallest s within 1e-10·mean(y²) of the lowest validation MSE)" : string.Empty)}");
        text.AppendLine(ci, $"  status                  {Spellings.Word(Spellings.Statuses, result.Status)} after {result.Iterations} iterations");
        text.AppendLine(ci, $"  nonzero weights         {model.Weights.Count} in {model.Weights.Indices.ToArray().Select(c => c / model.Inputs).Distinct().Count()} of {model.Blocks} blocks");
        text.AppendLine(ci, $"  train                   {MetricsLine(outcome.Train)}");
        if (outcome.Validation is { } held)
        {
            text.AppendLine(ci, $"  validation              {MetricsLine(held)}");
        }

        text.AppendLine("  (MSE = mean (ŷ − y)²; R² = 1 − Σ(ŷ − y)²/Σ(y − ȳ)²; PSNR = 20·log10 max|y| − 10·log10 MSE; accuracy: 1[ŷ ≥ 0.5] = y, 0/1 labels only)");
        return text.ToString();
    }

    /// <summary>Six significant digits (scientific outside [1e−3, 1e6)).</summary>
    private static string Mse(double value) =>
        value.ToString(value == 0 || (Math.Abs(value) >= 1e-3 && Math.Abs(value) < 1e6) ? "G6" : "0.#####e+0", CultureInfo.InvariantCulture);

    /// <summary>One line of metrics: rows, MSE, R², PSNR, relative residual and, for 0/1 labels, accuracy.</summary>
    public static string MetricsLine(FitMetrics m)
    {
        string r2 = double.IsNaN(m.RSquared) ? "undefined (constant labels)" : m.RSquared.ToString("F4", CultureInfo.InvariantCulture);
        string accuracy = m.Accuracy is double a ? $", accuracy {a.ToString("F4", CultureInfo.InvariantCulture)}" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{m.Rows} rows: MSE {Mse(m.MeanSquaredError)}, R² {r2}, PSNR {Format.Decibels(m.PsnrDb)}, relative residual {(double.IsFinite(m.RelativeResidual) ? Format.Number(m.RelativeResidual) : "undefined (y = 0)")}{accuracy}");
    }
}
