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
