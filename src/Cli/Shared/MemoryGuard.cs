using System.CommandLine;
using System.Globalization;
using SparseIhtVerify.Experiments;

namespace SparseIhtVerify.Cli;

/// <summary>The <c>--allow-large</c> flag: a run whose <see cref="MemoryEstimate"/> exceeds the available memory is refused unless it is given.</summary>
public sealed class MemoryGuard
{
    public Option<bool> AllowLarge { get; } = new("--allow-large") { Description = "run even when the estimated memory exceeds what this machine has (it is refused otherwise, before any allocation)" };

    /// <summary>
    /// Refuses, in one line with the estimate and the available memory, <paramref name="copies"/> simultaneous runs of n samples,
    /// d inputs and p blocks that do not fit.
    /// </summary>
    public void Require(ParseResult parse, long samples, long inputs, long blocks, bool sequentialConvex, string sizes, int copies = 1)
    {
        double needed = copies * MemoryEstimate.Bytes(samples, inputs, blocks, sequentialConvex), available = MemoryEstimate.Available;
        if (needed > available && !parse.GetValue(AllowLarge))
        {
            throw new CliFailure(string.Create(CultureInfo.InvariantCulture,
                $"--allow-large: this run needs about {needed / 1e9:F1} GB (X, its tiles and the patterns of n = {samples}, d = {inputs}, p = {blocks}{(copies > 1 ? $", {copies} runs at once" : string.Empty)}), more than the {available / 1e9:F1} GB available: use smaller {sizes}, or pass --allow-large"));
        }
    }
}
