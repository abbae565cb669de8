namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>Whether the activation patterns stay fixed or follow the iterate.</summary>
public enum SolverMode
{
    /// <summary>Convex mode: the dictionary's patterns D_j are fixed for the whole solve.</summary>
    Convex,

    /// <summary>
    /// Sequential-convex (SCP) mode: after the warm-up steps, h_j := w_j after every step, so the model is the
    /// ReLU network Σ_j relu(X w_j) itself. Under the strict rule a block whose w_j becomes 0 is all-off and can
    /// never return (the reference's dead units); the default ≥ rule makes it all-on, so it can.
    /// </summary>
    SequentialConvex,
}
