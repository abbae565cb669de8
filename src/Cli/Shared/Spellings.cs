using System.Globalization;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Solvers;

namespace SparseIhtVerify.Cli;

/// <summary>The command-line words for each enumeration value, used both to parse options and to print results.</summary>
public static class Spellings
{
    public static readonly IReadOnlyDictionary<string, WeightDistribution> Weights = new Dictionary<string, WeightDistribution>
    {
        ["gaussian"] = WeightDistribution.Gaussian, ["signs"] = WeightDistribution.Signs, ["ones"] = WeightDistribution.Ones,
    };

    public static readonly IReadOnlyDictionary<string, OutputWeights> Outputs = new Dictionary<string, OutputWeights>
    {
        ["positive"] = OutputWeights.Positive, ["signs"] = OutputWeights.Signs,
    };

    public static readonly IReadOnlyDictionary<string, DictionaryKind> Dictionaries = new Dictionary<string, DictionaryKind>
    {
        ["planted"] = DictionaryKind.Planted, ["random"] = DictionaryKind.Random, ["planted+random"] = DictionaryKind.PlantedPlusRandom,
    };

    public static readonly IReadOnlyDictionary<string, PatternRule> PatternRules = Solver.Kernels.PatternRules.Words;

    public static readonly IReadOnlyDictionary<string, EmptyGenerator> EmptyGenerators = Solver.Algorithms.EmptyGenerators.Words;

    /// <summary>Help text of <c>--scp-warmup</c> (recover and sweep).</summary>
    public const string ScpWarmupHelp =
        "scp: steps with the dictionary's patterns before h := w starts (0: after the first step, the reference code's schedule, whose first step at μ = 1e-14 only picks a support)";

    /// <summary>Help text of <c>--scp-restart</c> (recover and sweep).</summary>
    public const string ScpRestartHelp =
        "scp: after this many steps with an unchanged support and objective, and iterations left, start again from w = 0 with one more warm-up step; the run with the lowest residual is the result (0: never)";

    /// <summary>How recover's and sweep's headers name a restart window: "after N stalled step(s)", or "never" for 0.</summary>
    public static string ScpRestart(int window) =>
        window > 0 ? string.Create(CultureInfo.InvariantCulture, $"after {window} stalled step{(window == 1 ? string.Empty : "s")}") : "never";

    /// <summary>Help text of <c>--empty-generator</c> (recover and sweep).</summary>
    public const string EmptyGeneratorHelp =
        "scp: generator h_j of a block whose weights are all zero: redraw-one (one such block at a time gets a fresh h_j ~ N(0, I), seeded by seed, step and block; the others are all-off until their turn) | redraw (every such block gets one) | zero (h_j = 0: all-on under geq, all-off and never back under gt, the reference code)";

    /// <summary>Help text of <c>--backend</c>: auto and the kernel backend catalogue's words.</summary>
    public static string BackendHelp =>
        $"kernels: {KernelBackendCatalogue.AutomaticWord} (the fastest this machine runs: {KernelBackendCatalogue.Automatic.Word}) | {string.Join(" | ", KernelBackendCatalogue.All.Select(b => $"{b.Word} ({b.Summary})"))}; results are identical for every backend";

    /// <summary>The backend named <paramref name="word"/>, or an <see cref="InvalidSettingException"/> naming the accepted words or why this machine cannot run it.</summary>
    public static IKernelBackend Backend(string word)
    {
        IKernelBackend backend = KernelBackendCatalogue.Find(word)
            ?? throw new InvalidSettingException("backend", $"must be one of {KernelBackendCatalogue.AutomaticWord}, {string.Join(", ", KernelBackendCatalogue.All.Select(b => b.Word))}; got '{word}'");
        return backend.IsSupported
            ? backend
            : throw new InvalidSettingException("backend", $"{backend.Word} cannot run on this machine; it runs {string.Join(", ", KernelBackendCatalogue.Supported.Select(b => b.Word))}");
    }

    /// <summary>The solver catalogue's words.</summary>
    public static readonly IReadOnlyDictionary<string, SolverKind> Solvers = SolverCatalogue.All.ToDictionary(s => s.Word);

    public static readonly IReadOnlyDictionary<string, SolverMode> Modes = SolverModes.Words;

    /// <summary>The solver statuses' words.</summary>
    public static readonly IReadOnlyDictionary<string, SolverStatus> Statuses = SolverStatuses.Words;

    /// <summary>The value for <paramref name="word"/>, or an <see cref="InvalidSettingException"/> listing the accepted words.</summary>
    public static T Parse<T>(IReadOnlyDictionary<string, T> words, string setting, string word) =>
        words.TryGetValue(word, out T? value)
            ? value
            : throw new InvalidSettingException(setting, $"must be one of {string.Join(", ", words.Keys)}; got '{word}'");

    /// <summary>The command-line word for <paramref name="value"/>.</summary>
    public static string Word<T>(IReadOnlyDictionary<string, T> words, T value) where T : struct, Enum =>
        words.First(pair => EqualityComparer<T>.Default.Equals(pair.Value, value)).Key;
}
