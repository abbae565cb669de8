namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>The iterative hard-thresholding family (theory.md §2).</summary>
public enum SolverKind
{
    /// <summary>IHT: w ← H_k(w − μ Aᵀ(Aw − y)) with a fixed step μ.</summary>
    Iht,

    /// <summary>Normalised IHT (Blumensath &amp; Davies 2010): adaptive step ‖g_S‖²/‖A_S g_S‖² with the ω shrink test.</summary>
    Niht,

    /// <summary>Accelerated IHT as in the reference code: the NIHT step, then K Armijo gradient steps on the new support.</summary>
    Aiht,

    /// <summary>Hard thresholding pursuit (Foucart 2011): the IHT step picks the support T, then w_T ← least squares on A_T.</summary>
    Htp,
}
