using SparseIhtVerify.Experiments.IO;
using System.Globalization;
using ScottPlot;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Experiments.Sweep;

namespace SparseIhtVerify.Cli;

/// <summary>
/// The sweep's pictures (ScottPlot, PNG): for each metric one figure with the methods side by side, cells on the two
/// varying axes (equally spaced, labelled with their values), the value printed in each cell, the region where at least
/// half of the seeds succeed outlined in black, and, after <c>--audit</c>, the region where a guarantee holds for most
/// seeds outlined in red (dashed: holds-certified; dotted orange: holds-estimated only). Grey cells have no data
/// (s &gt; d·m, or not run yet). Everything is drawn from the aggregated summaries, so it does not depend on the order
/// rows finished in.
/// </summary>
public static class Heatmaps
{
    private const int PanelWidth = 560, PanelHeight = 540;
    private static readonly Color SuccessColor = Colors.Black;
    private static readonly Color CertifiedColor = new(220, 20, 60);
    private static readonly Color EstimatedColor = new(255, 140, 0);

    /// <summary>The three figures' file names.</summary>
    public static readonly string[] FileNames = ["psnr.png", "success.png", "weight-error.png"];

    private sealed record Metric(string File, string Title, string Colorbar, double Low, double High, Func<SweepCellSummary, double> Value, Func<SweepCellSummary, string> Label, IColormap Colormap, double[]? Ticks = null, string[]? TickLabels = null);

    /// <summary>Writes the figures into <paramref name="folder"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(string folder, SweepPlan plan, IReadOnlyList<SweepCellSummary> cells, double success)
    {
        double[] errorTicks = [-16, -12, -8, -4, 0];
        var metrics = new Metric[]
        {
            new(FileNames[0], "mean PSNR", "mean PSNR (dB)", -20, 50,
                c => c.MeanPsnrDb, c => c.MeanPsnrDb >= SweepAggregation.PsnrCeilingDb ? "∞" : c.MeanPsnrDb.ToString("F0", CultureInfo.InvariantCulture), new ScottPlot.Colormaps.Viridis()),
            new(FileNames[1], "success rate", "fraction of seeds that succeed", 0, 1,
                c => c.SuccessRate, c => c.SuccessRate.ToString("0.##", CultureInfo.InvariantCulture), new ScottPlot.Colormaps.Viridis()),
            new(FileNames[2], "mean weight error", "mean relative weight error ‖ŵ − w*‖/‖w*‖", -16, 1,
                c => Math.Log10(Math.Max(c.MeanWeightError, 1e-16)), c => WeightErrorLabel(c.MeanWeightError), new Reversed(new ScottPlot.Colormaps.Viridis()),
                errorTicks, errorTicks.Select(t => t == 0 ? "1" : $"1e{t:F0}").ToArray()),
        };

        (SweepAxis x, SweepAxis y) = ChooseAxes(plan.Grid);
        var paths = new List<string>();
        foreach (Metric metric in metrics)
        {
            var figure = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
            IReadOnlyList<SweepMethod> methods = plan.Grid.Methods;
            for (int i = 0; i < methods.Count; i++)
            {
                Plot plot = i == 0 ? figure.Subplots.GetPlot(0) : figure.AddPlot();
                Panel(plot, plan, cells, methods[i].Word, metric, x, y, success);
            }

            string path = Path.Combine(folder, metric.File);
            AtomicFile.WriteVia(path, temporary => figure.SavePng(temporary, PanelWidth * methods.Count, PanelHeight));
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>A cell's weight error, one significant digit: "0" for an exact zero (its colour is the 1e−16 end of the scale).</summary>
    private static string WeightErrorLabel(double error) =>
        error == 0 ? "0" : error.ToString("0e0", CultureInfo.InvariantCulture).Replace("e0", string.Empty, StringComparison.Ordinal);

    /// <summary><paramref name="values"/>, each row (column) repeated twice when there is only one.</summary>
    private static double[,] Doubled(double[,] values)
    {
        int rows = values.GetLength(0), columns = values.GetLength(1);
        int rowCopies = rows == 1 ? 2 : 1, columnCopies = columns == 1 ? 2 : 1;
        var doubled = new double[rows * rowCopies, columns * columnCopies];
        for (int r = 0; r < doubled.GetLength(0); r++)
        {
            for (int c = 0; c < doubled.GetLength(1); c++)
            {
                doubled[r, c] = values[r / rowCopies, c / columnCopies];
            }
        }

        return doubled;
    }

    /// <summary>The horizontal and vertical axes: s across and m up when they vary (the paper's layout), otherwise the varying ones.</summary>
    public static (SweepAxis X, SweepAxis Y) ChooseAxes(SweepGrid grid)
    {
        var varying = grid.VaryingAxes;
        SweepAxis[] xOrder = [SweepAxis.Nonzeros, SweepAxis.Samples, SweepAxis.Inputs, SweepAxis.Width];
        SweepAxis[] yOrder = [SweepAxis.Width, SweepAxis.Samples, SweepAxis.Inputs, SweepAxis.Nonzeros];
        SweepAxis x = xOrder.Where(varying.Contains).DefaultIfEmpty(SweepAxis.Nonzeros).First();
        SweepAxis y = yOrder.Where(a => a != x && varying.Contains(a)).DefaultIfEmpty(x == SweepAxis.Width ? SweepAxis.Nonzeros : SweepAxis.Width).First();
        return (x, y);
    }

    /// <summary>The axis title with its unit.</summary>
    public static string AxisTitle(SweepAxis axis) => axis switch
    {
        SweepAxis.Inputs => "input dimension d (inputs)",
        SweepAxis.Width => "hidden width m (units)",
        SweepAxis.Nonzeros => "nonzeros s (hidden weights, total)",
        _ => "samples n",
    };

    private static void Panel(Plot plot, SweepPlan plan, IReadOnlyList<SweepCellSummary> cells, string method, Metric metric, SweepAxis xAxis, SweepAxis yAxis, double success)
    {
        SweepGrid grid = plan.Grid;
        IReadOnlyList<int> xs = grid.Values(xAxis), ys = grid.Values(yAxis);
        var byCell = cells.Where(c => c.Method == method).ToDictionary(c => (c.Cell.Value(xAxis), c.Cell.Value(yAxis)));
        var theory = cells.GroupBy(c => c.Cell).ToDictionary(g => (g.Key.Value(xAxis), g.Key.Value(yAxis)), g => g.First().Theory);
        var values = new double[ys.Count, xs.Count];
        var succeeded = new bool[ys.Count, xs.Count];
        var certified = new bool[ys.Count, xs.Count];
        var estimated = new bool[ys.Count, xs.Count];
        int seeds = 0;
        for (int r = 0; r < ys.Count; r++)
        {
            for (int c = 0; c < xs.Count; c++)
            {
                var key = (xs[c], ys[r]);
                values[r, c] = byCell.TryGetValue(key, out SweepCellSummary? summary) ? metric.Value(summary) : double.NaN;
                succeeded[r, c] = summary is not null && summary.SuccessRate >= 0.5;
                seeds = Math.Max(seeds, summary?.Seeds ?? 0);
                SweepTheory t = theory.TryGetValue(key, out SweepTheory found) ? found : SweepTheory.NotAudited;
                certified[r, c] = t == SweepTheory.HoldsCertified;
                estimated[r, c] = t == SweepTheory.HoldsEstimated;
            }
        }

        plot.Font.Set("DejaVu Sans");
        // ScottPlot draws nothing for a heatmap one cell high or wide (a 1-D grid); the same values doubled along that axis
        // cover the same rectangle with the same colours.
        var heatmap = plot.Add.Heatmap(Doubled(values));
        heatmap.Colormap = metric.Colormap;
        heatmap.ManualRange = new ScottPlot.Range(metric.Low, metric.High);
        heatmap.Rectangle = new CoordinateRect(-0.5, xs.Count - 0.5, -0.5, ys.Count - 0.5);
        heatmap.FlipVertically = true;
        heatmap.NaNCellColor = new Color(215, 215, 215);
        var colorbar = plot.Add.ColorBar(heatmap);
        colorbar.Label = metric.Colorbar;
        colorbar.LabelStyle.FontSize = 13;
        colorbar.LabelStyle.Bold = false;
        if (metric.Ticks is not null)
        {
            colorbar.Axis.SetTicks(metric.Ticks, metric.TickLabels!);
        }

        for (int r = 0; r < ys.Count; r++)
        {
            for (int c = 0; c < xs.Count; c++)
            {
                double v = values[r, c];
                string label = double.IsNaN(v) ? (IsInfeasible(grid, xAxis, yAxis, xs[c], ys[r]) ? "s>dm" : "—") : metric.Label(byCell[(xs[c], ys[r])]);
                Color fill = double.IsNaN(v) ? new Color(215, 215, 215) : metric.Colormap.GetColor(Math.Clamp((v - metric.Low) / (metric.High - metric.Low), 0, 1));
                var text = plot.Add.Text(label, c, r);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = xs.Count > 8 ? 10 : 13;
                text.LabelFontColor = Luminance(fill) > 0.5 ? Colors.Black : Colors.White;
            }
        }

        Outline(plot, succeeded, SuccessColor, 3.5f, LinePattern.Solid, 0, Colors.White);
        Outline(plot, certified, CertifiedColor, 3f, LinePattern.Dashed, 0.1, null);
        bool anyEstimatedOnly = estimated.Cast<bool>().Any(e => e);

        if (anyEstimatedOnly)
        {
            Outline(plot, estimated, EstimatedColor, 3f, LinePattern.Dotted, 0.1, null);
        }

        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, xs.Count).Select(i => (double)i).ToArray(), xs.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, ys.Count).Select(i => (double)i).ToArray(), ys.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.XLabel(AxisTitle(xAxis));
        plot.YLabel(AxisTitle(yAxis));
        string mode = SweepMethod.Parse(method) is SweepMethod m && m.Solver is not null
            ? (plan.Settings.Mode == SolverMode.SequentialConvex ? " (scp)" : " (convex)")
            : " (baseline)";
        plot.Title($"{method.ToUpperInvariant()}{mode}: {metric.Title}, {seeds} seed{(seeds == 1 ? string.Empty : "s")}", size: 15);
        plot.HideGrid();
        plot.Axes.SetLimits(-0.5, xs.Count - 0.5, -0.5, ys.Count - 0.5);

        var legend = new List<LegendItem>
        {
            new() { LabelText = $"≥ 50% of seeds succeed (weight error ≤ {Format.Number(success)})", LineColor = SuccessColor, LineWidth = 3, LinePattern = LinePattern.Solid },
        };
        if (grid.Audit)
        {
            legend.Add(new() { LabelText = "a guarantee holds-certified (most seeds)", LineColor = CertifiedColor, LineWidth = 3, LinePattern = LinePattern.Dashed });
            if (anyEstimatedOnly)
            {
                legend.Add(new() { LabelText = "a guarantee holds-estimated only (most seeds)", LineColor = EstimatedColor, LineWidth = 3, LinePattern = LinePattern.Dotted });
            }
        }

        plot.Legend.ManualItems.AddRange(legend);
        plot.Legend.FontSize = 11;
        plot.ShowLegend(Edge.Bottom);
    }

    private static bool IsInfeasible(SweepGrid grid, SweepAxis xAxis, SweepAxis yAxis, int xValue, int yValue)
    {
        int Value(SweepAxis a) => a == xAxis ? xValue : a == yAxis ? yValue : grid.Values(a)[0];
        return Value(SweepAxis.Nonzeros) > (long)Value(SweepAxis.Inputs) * Value(SweepAxis.Width);
    }

    // The boundary of a region of cells: every cell edge with the region on one side only, pulled `inset` into the region.
    private static void Outline(Plot plot, bool[,] region, Color color, float width, LinePattern pattern, double inset, Color? halo)
    {
        int rows = region.GetLength(0), columns = region.GetLength(1);
        bool In(int r, int c) => r >= 0 && r < rows && c >= 0 && c < columns && region[r, c];
        var segments = new List<(double X1, double Y1, double X2, double Y2)>();
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                if (!region[r, c])
                {
                    continue;
                }

                double left = c - 0.5 + (In(r, c - 1) ? 0 : inset), right = c + 0.5 - (In(r, c + 1) ? 0 : inset);
                double bottom = r - 0.5 + (In(r - 1, c) ? 0 : inset), top = r + 0.5 - (In(r + 1, c) ? 0 : inset);
                if (!In(r, c - 1))
                {
                    segments.Add((left, bottom, left, top));
                }

                if (!In(r, c + 1))
                {
                    segments.Add((right, bottom, right, top));
                }

                if (!In(r - 1, c))
                {
                    segments.Add((left, bottom, right, bottom));
                }

                if (!In(r + 1, c))
                {
                    segments.Add((left, top, right, top));
                }
            }
        }

        foreach (var (pass, lineColor, lineWidth) in halo is Color h ? new[] { (0, h, width + 2.5f), (1, color, width) } : [(1, color, width)])
        {
            foreach (var s in segments)
            {
                var line = plot.Add.Line(s.X1, s.Y1, s.X2, s.Y2);
                line.LineColor = lineColor;
                line.LineWidth = lineWidth;
                line.LinePattern = pass == 0 ? LinePattern.Solid : pattern;
                line.MarkerSize = 0;
            }
        }
    }

    private static double Luminance(Color color) => ((0.299 * color.R) + (0.587 * color.G) + (0.114 * color.B)) / 255;

    /// <summary>A colormap read backwards (small weight errors bright, as high PSNR and success are).</summary>
    private sealed class Reversed(IColormap inner) : IColormap
    {
        public string Name => inner.Name + " (reversed)";

        public Color GetColor(double normalizedIntensity) => inner.GetColor(1 - normalizedIntensity);
    }
}
