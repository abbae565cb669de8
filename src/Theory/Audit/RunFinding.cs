namespace SparseIhtVerify.Theory.Audit;

/// <summary>What a prescribed run showed about its guarantee.</summary>
public enum RunFinding
{
    /// <summary>It converged to w* (relative error ≤ <see cref="Auditor.RecoveryTolerance"/>) within the predicted rate.</summary>
    Honoured,

    /// <summary>Its iteration budget ended before convergence, with nothing the stated rate forbids: neither confirmed nor contradicted.</summary>
    Inconclusive,

    /// <summary>A measured contraction the stated rate forbids, or divergence (a non-finite iterate, or an error above <see cref="Auditor.DivergenceFactor"/>·‖w*‖).</summary>
    Violated,
}
