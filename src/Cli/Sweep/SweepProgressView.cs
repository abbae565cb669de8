using System.Diagnostics;
using System.Globalization;
using SparseIhtVerify.Experiments.Sweep;
using Spectre.Console;

namespace SparseIhtVerify.Cli;

/// <summary>
/// Progress of a sweep on standard error: a live Spectre.Console display (a bar with rows done, elapsed time and ETA, and the last row's outcome) when
/// standard error is a terminal; one plain line every ten seconds when it is redirected; nothing with --quiet.
/// </summary>
public sealed class SweepProgressView(bool enabled)
{
    private static readonly TimeSpan RedirectedInterval = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="body"/>, showing the progress it reports.</summary>
    public SweepRunSummary Run(Func<Action<SweepProgress>, SweepRunSummary> body)
    {
        if (!enabled)
        {
            return body(_ => { });
        }

        if (Console.IsErrorRedirected)
        {
            var clock = Stopwatch.StartNew();
            TimeSpan last = TimeSpan.Zero;
            SweepRunSummary summary = body(p =>
            {
                if (clock.Elapsed - last >= RedirectedInterval || p.RanNow == p.ToRun)
                {
                    last = clock.Elapsed;
                    Console.Error.WriteLine(Line(p));
                }
            });
            return summary;
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        SweepRunSummary? result = null;
        var gate = new object();
        var refreshed = Stopwatch.StartNew();
        console.Live(new Markup("[grey]sweep: starting…[/]"))
            .AutoClear(false)
            .Start(context =>
            {
                result = body(p =>
                {
                    lock (gate)
                    {
                        if (refreshed.ElapsedMilliseconds < 100 && p.RanNow < p.ToRun)
                        {
                            return;
                        }

                        refreshed.Restart();
                        context.UpdateTarget(Frame(p, Math.Max(40, console.Profile.Width)));
                        context.Refresh();
                    }
                });
            });
        return result!;
    }

    /// <summary>Two lines: a bar with rows done, percentage, elapsed time and ETA; then the last row's outcome.</summary>
    private static Rows Frame(SweepProgress p, int width)
    {
        double fraction = p.ToRun == 0 ? 1 : (double)p.RanNow / p.ToRun;
        string eta = p.EstimatedRemaining is TimeSpan remaining ? Clock(remaining) : "…";
        string numbers = string.Create(CultureInfo.InvariantCulture, $" {p.CellsDone}/{p.Cells} cells, {p.Done}/{p.Total} rows {fraction * 100,3:F0}%  elapsed {Clock(p.Elapsed)}  ETA {eta}");
        int barWidth = Math.Clamp(width - numbers.Length - 1, 10, 50);
        int filled = (int)Math.Round(fraction * barWidth);
        string bar = $"[green]{new string('━', filled)}[/][grey]{new string('━', barWidth - filled)}[/]";
        string last = "last: " + Outcome(p.Last);
        if (last.Length > width - 1)
        {
            last = last[..(width - 2)] + "…";
        }

        return new Rows(new Markup(bar + Markup.Escape(numbers)), new Markup($"[grey]{Markup.Escape(last)}[/]"));
    }

    private static string Clock(TimeSpan span) =>
        span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    /// <summary>A plain progress line.</summary>
    public static string Line(SweepProgress p)
    {
        string eta = p.EstimatedRemaining is TimeSpan remaining ? $", about {Seconds(remaining)} left" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"[{p.Elapsed.TotalSeconds,6:F1} s] {p.CellsDone}/{p.Cells} cells, {p.Done}/{p.Total} rows{eta}; last: {Outcome(p.Last)}");
    }

    /// <summary>One row in a few words, e.g. <c>m=20 s=5 seed 1 aiht: converged, error 3.1e-11, 45.2 dB</c>.</summary>
    public static string Outcome(SweepRow row)
    {
        string where = $"d={row.Inputs} m={row.Width} s={row.Nonzeros} n={row.Samples} seed {row.Seed} {row.Method}";
        if (row.Outcome is SweepOutcome o)
        {
            return $"{where}: {o.Status}, error {Format.Number(o.Metrics.RelativeWeightError)}, {Format.Decibels(o.Metrics.PsnrDb)}";
        }

        if (row.Audit is SweepAudit a)
        {
            return $"{where}: {(a.AnyHoldsCertified ? "a guarantee holds-certified" : a.AnyHolds ? "a guarantee holds-estimated" : "no guarantee holds")}";
        }

        return where;
    }

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds < 90 ? $"{span.TotalSeconds:F0} s" : $"{span.TotalMinutes:F1} min";
}
