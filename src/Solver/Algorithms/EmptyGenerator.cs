using SparseIhtVerify.Solver.Kernels;

namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>
/// What sequential-convex mode does with a block j whose weights are all zero when it sets h_j := w_j (an emptied, or
/// "dead", unit). With h_j = 0 the pattern is degenerate: 1[X·0 ≥ 0] = I (all-on: block j is the linear map X, the same
/// for every such block, so their gradient entries tie and hard thresholding fills the support with copies of one
/// column) or 1[X·0 &gt; 0] = 0 (all-off: zero gradient, so the block never holds weights again).
/// A re-drawn generator is ξ_(j,t) ~ N(0, I_d), a function of the solver's seed (<see cref="SolverOptions.Seed"/>), the
/// step t and the block j only, so it does not depend on the thread count; its pattern 1[X ξ ≥ 0] is a random half-space,
/// with probability 1 neither all-on nor all-off unless all samples lie in one half-space through the origin.
/// </summary>
/// <remarks>The default is <see cref="RedrawOne"/>, chosen by measurement on the paper's Figure 1 grid (docs/dead-units.md).</remarks>
public enum EmptyGenerator
{
    /// <summary>h_j := 0: all-on under ≥ and all-off under &gt; (<see cref="Kernels.PatternRule"/>); with &gt;, the reference code.</summary>
    Zero,

    /// <summary>
    /// Every empty block gets a re-drawn generator: h_j := ξ_(j,t) at the step t whose update found w_j = 0 (at the first
    /// update every empty block, later the blocks that hard thresholding emptied), kept while w_j stays 0.
    /// </summary>
    Redraw,

    /// <summary>
    /// One empty block at a time can return: the empty block of lowest index j* holds h_j* := ξ_(j*,t), t the step at which it
    /// became the lowest empty block, and every other empty block is all-off (D_j = 0) until its turn. When block j* takes
    /// weights, the next empty block is drawn after that step.
    /// </summary>
    RedrawOne,
}

/// <summary>The words of <see cref="EmptyGenerator"/> values, as the command line, the JSON reports and the sweep fingerprint spell them.</summary>
public static class EmptyGenerators
{
    /// <summary>Word → value, the default first.</summary>
    public static IReadOnlyDictionary<string, EmptyGenerator> Words { get; } = new Dictionary<string, EmptyGenerator>
    {
        ["redraw-one"] = EmptyGenerator.RedrawOne, ["redraw"] = EmptyGenerator.Redraw, ["zero"] = EmptyGenerator.Zero,
    };

    /// <summary>The word of <paramref name="value"/>, e.g. <c>redraw-one</c>.</summary>
    public static string Word(EmptyGenerator value) => Words.First(pair => pair.Value == value).Key;
}
