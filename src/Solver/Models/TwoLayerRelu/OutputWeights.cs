namespace SparseIhtVerify.Solver.Models.TwoLayerRelu;

/// <summary>Output weights v_j of the planted network (|v_j| = 1 without loss of generality, theory.md §1).</summary>
public enum OutputWeights
{
    /// <summary>Every v_j = +1, as in the paper's experiments.</summary>
    Positive,

    /// <summary>Uniform random signs v_j ∈ {−1, +1}.</summary>
    Signs,
}
