namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>Whether the activation patterns stay fixed or follow the iterate.</summary>
public enum SolverMode
{
    /// <summary>Convex mode: the dictionary's patterns D_j are fixed for the whole solve.</summary>
    Convex,

    /// <summary>
    /// Sequential-convex (SCP) mode: after the warm-up steps, h_j := w_j after every step, so the model is the
    /// ReLU network Σ_j relu(X w_j) itself. A block whose w_j becomes 0 gets the generator of
    /// <see cref="SolverOptions.EmptyGenerator"/>: by default only the lowest such block holds a fresh random generator
    /// and may return, the others are all-off until their turn (h_j = 0 would make them all-on under ≥, all copies of X,
    /// and dead under &gt;).
    /// </summary>
    SequentialConvex,
}

/// <summary>The words of <see cref="SolverMode"/> values, as the command line, the reports and the model file spell them.</summary>
public static class SolverModes
{
    /// <summary>Word → value, the default first.</summary>
    public static IReadOnlyDictionary<string, SolverMode> Words { get; } = new Dictionary<string, SolverMode>
    {
        ["convex"] = SolverMode.Convex, ["scp"] = SolverMode.SequentialConvex,
    };

    /// <summary>The word of <paramref name="value"/>: convex or scp.</summary>
    public static string Word(SolverMode value) => Words.First(pair => pair.Value == value).Key;
}
