using System.Diagnostics;

namespace SparseIhtVerify.Cli;

/// <summary>
/// Progress on standard error for work that lasts longer than a second: silent before that, then a line that
/// rewrites itself on a terminal, or one line every five seconds when standard error is redirected.
/// </summary>
public sealed class ProgressIndicator : IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RedirectedInterval = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private readonly bool _enabled;
    private TimeSpan _lastPrinted = TimeSpan.Zero;
    private bool _printedAny;

    public ProgressIndicator(bool enabled = true)
    {
        _enabled = enabled;
    }

    /// <summary>Shows <paramref name="message"/> if the work has lasted over a second (throttled).</summary>
    public void Report(string message)
    {
        TimeSpan now = _clock.Elapsed;
        if (!_enabled || now < Delay || (!_interactive && now - _lastPrinted < RedirectedInterval && _printedAny))
        {
            return;
        }

        if (_interactive && now - _lastPrinted < TimeSpan.FromMilliseconds(100))
        {
            return;
        }

        string line = $"[{now.TotalSeconds,6:F1} s] {message}";
        if (_interactive)
        {
            Console.Error.Write("\r" + line.PadRight(Math.Max(line.Length, Console.WindowWidth > 0 ? Math.Min(Console.WindowWidth - 1, 100) : 0)));
        }
        else
        {
            Console.Error.WriteLine(line);
        }

        _lastPrinted = now;
        _printedAny = true;
    }

    public void Dispose()
    {
        if (_printedAny && _interactive)
        {
            Console.Error.WriteLine();
        }
    }
}
