namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// The comparison that turns the pre-activation xᵀh into a pattern bit. The paper uses 1[xᵀh ≥ 0]; the
/// reference code uses 1[xᵀh &gt; 0]. They differ only on exact zeros, but an all-zero generator (an empty unit,
/// or a block whose weights hard thresholding removed in SCP mode) gives the all-on pattern under
/// <see cref="GreaterOrEqual"/> and the all-off pattern under <see cref="Greater"/>, where the block's gradient
/// is zero forever ("dead unit").
/// </summary>
public enum PatternRule
{
    /// <summary>1[xᵀh ≥ 0] (default, as in the paper).</summary>
    GreaterOrEqual,

    /// <summary>1[xᵀh &gt; 0] (as in the reference code).</summary>
    Greater,
}

/// <summary>The words of <see cref="PatternRule"/> values, as the command line, the reports and the model file spell them.</summary>
public static class PatternRules
{
    /// <summary>Word → value, the default first.</summary>
    public static IReadOnlyDictionary<string, PatternRule> Words { get; } = new Dictionary<string, PatternRule>
    {
        ["geq"] = PatternRule.GreaterOrEqual, ["gt"] = PatternRule.Greater,
    };

    /// <summary>The word of <paramref name="value"/>: geq or gt.</summary>
    public static string Word(PatternRule value) => Words.First(pair => pair.Value == value).Key;
}
