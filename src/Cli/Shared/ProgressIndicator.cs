using System.Diagnostics;

namespace SparseIhtVerify.Cli;

/// <summary>
/// Progress on standard error for work that lasts longer than a second: silent before that, then a line that rewrites
/// itself on a terminal, or one line every five seconds when standard error is redirected. The latest message is kept
/// and shown again by a heartbeat each second, with the elapsed time, so that a long phase that reports nothing new is
/// never silent and a message that arrived while output was throttled is the one on screen.
/// </summary>
public sealed class ProgressIndicator : IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RedirectedInterval = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private readonly bool _enabled;
    private readonly object _gate = new();
    private readonly Timer? _heartbeat;
    private TimeSpan _lastPrinted = TimeSpan.Zero;
    private string? _latest;
    private bool _printedAny, _disposed;

    public ProgressIndicator(bool enabled = true)
    {
        _enabled = enabled;
        if (enabled)
        {
            _heartbeat = new Timer(_ => Show(), null, Delay, TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Makes <paramref name="message"/> the current one and shows it if the work has lasted over a second (throttled).</summary>
    public void Report(string message)
    {
        lock (_gate)
        {
            _latest = message;
        }

        Show();
    }

    private void Show()
    {
        lock (_gate)
        {
            TimeSpan now = _clock.Elapsed;
            if (!_enabled || _disposed || _latest is null || now < Delay)
            {
                return;
            }

            TimeSpan interval = _interactive ? TimeSpan.FromMilliseconds(100) : RedirectedInterval;
            if (_printedAny && now - _lastPrinted < interval)
            {
                return;
            }

            string line = $"[{now.TotalSeconds,6:F1} s] {_latest}";
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
    }

    public void Dispose()
    {
        _heartbeat?.Dispose();
        lock (_gate)
        {
            _disposed = true;
            if (_printedAny && _interactive)
            {
                Console.Error.WriteLine();
            }
        }
    }
}
