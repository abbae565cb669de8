using SparseIhtVerify.Solver.Kernels;

namespace SparseIhtVerify.Solver.Operators;

/// <summary>
/// Capability of an operator A = [D_1 X | D_2 X | … | D_p X] ∈ ℝ^{n×pd} (theory.md §1): columns come in p blocks of d
/// (column c = j·d + ℓ is D_j X[:, ℓ]), held as the data X and the gates D_j, and the gradient can be streamed block by
/// block into caller-held scratch. The solvers and the audit ask an operator for it (as Math.NET's objective functions
/// advertise <c>IsGradientSupported</c>) instead of naming the network model's operator.
/// </summary>
public interface IGatedBlocks
{
    /// <summary>The data X (n×d).</summary>
    DataMatrix Data { get; }

    /// <summary>The gates D_j as bit masks.</summary>
    ActivationPatterns Patterns { get; }

    /// <summary>The kernels the products run.</summary>
    IKernelBackend Backend { get; }

    /// <summary>Rows n (samples).</summary>
    int Rows { get; }

    /// <summary>Columns N = p·d.</summary>
    int Columns { get; }

    /// <summary>Number of blocks p.</summary>
    int Blocks { get; }

    /// <summary>Columns per block d.</summary>
    int BlockSize { get; }

    /// <summary>The same gates D_j on other data of the same shape (the rows of <paramref name="data"/> are the samples the gates cover): [D_1 X′ | … | D_p X′].</summary>
    SensingOperator WithData(DataMatrix data);

    /// <summary>result[b·d .. b·d+d) ← (D_{firstBlock+b} X)ᵀ r for b &lt; blockCount, with the caller's per-thread <paramref name="workspace"/>.</summary>
    void AdjointBlocks(ReadOnlySpan<double> r, int firstBlock, int blockCount, Span<double> result, GradientWorkspace workspace);
}
