using System.CommandLine;
using System.Globalization;
using SparseIhtVerify.Experiments.Fitting;
using SparseIhtVerify.Experiments.IO;
using SparseIhtVerify.Solver.Kernels;

namespace SparseIhtVerify.Cli;

/// <summary><c>sparse-iht predict</c>: ŷ of a fitted network on new rows.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var files = new DataOptions();
        var model = new Option<string>("--model") { Description = "a model file written by fit --model", Required = true };
        var data = new Option<string>("--data") { Description = "X, rows = samples with the model's d columns: .npy, file.npz:member or CSV", Required = true };
        var output = new Option<string?>("--out") { Description = "write ŷ here: .npy (float64) or CSV (one value per line); default: standard output, one value per line" };
        var labels = new Option<string?>("--labels") { Description = "y of these rows, to print the metrics of ŷ (on standard error when ŷ goes to standard output)" };
        var command = new Command("predict", "Predict with a fitted network (fit --model) on new rows.");
        foreach (Option option in new Option[] { model, data, output, labels }.Concat(files.All))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            string? outPath = parse.GetValue(output);
            if (outPath is not null)
            {
                OutputPaths.RequireWritableFile("out", outPath);
            }

            CsvSettings csv = files.Csv(parse);
            FittedNetwork network = DataOptions.Model("model", parse.GetValue(model)!);
            DataMatrix x = DataOptions.Matrix("data", parse.GetValue(data)!, csv);
            double[] predictions = network.Predict(x, Environment.ProcessorCount); // refuses data of another d, naming --data
            double[]? y = parse.GetValue(labels) is string labelSource ? DataOptions.OnePerRow("labels", DataOptions.Vector("labels", labelSource, csv), x.Rows) : null;
            TextWriter human = Console.Out;
            if (outPath is null)
            {
                foreach (double value in predictions)
                {
                    Console.Out.WriteLine(value.ToString("R", CultureInfo.InvariantCulture));
                }

                human = Console.Error;
            }
            else if (outPath.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            {
                NpyFile.Write(outPath, predictions, predictions.Length);
            }
            else
            {
                AtomicFile.WriteText(outPath, string.Concat(predictions.Select(v => v.ToString("R", CultureInfo.InvariantCulture) + "\n")));
            }

            if (outPath is not null)
            {
                human.WriteLine($"wrote {predictions.Length} predictions to {outPath}");
            }

            if (y is not null)
            {
                FitMetrics m = FitMetrics.Of(y, predictions, FitMetrics.AreBinary(y));
                human.WriteLine(FitCommand.MetricsLine(m));
            }

            return 0;
        });
        return command;
    }
}
