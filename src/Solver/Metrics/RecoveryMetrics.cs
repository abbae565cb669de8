namespace SparseIhtVerify.Solver.Metrics;

/// <summary>
/// How well ŵ recovers w* and fits y. Support sets count nonzero entries only.
/// </summary>
/// <param name="RelativeWeightError">‖ŵ_π − w*‖₂/‖w*‖₂ after matching recovered blocks to planted units (π).</param>
/// <param name="SupportPrecision">|Ŝ ∩ S*|/|Ŝ| after matching (0 when ŵ = 0).</param>
/// <param name="SupportRecall">|Ŝ ∩ S*|/|S*|.</param>
/// <param name="SupportExact">Ŝ = S* after matching.</param>
/// <param name="PsnrDb">The paper's PSNR: 20·log₁₀(max|y|) − 10·log₁₀(MSE), MSE = ‖Aŵ − y‖²/n, in dB (+∞ for a perfect fit).</param>
/// <param name="RelativeResidual">‖Aŵ − y‖₂/‖y‖₂.</param>
/// <param name="Matching">For each planted unit k, the recovered block matched to it (−1 when matched to nothing).</param>
/// <param name="MatchingMethod">"identity" (planted dictionary in convex mode), "hungarian", or "none" (plain vector).</param>
public sealed record RecoveryMetrics(
    double RelativeWeightError,
    double SupportPrecision,
    double SupportRecall,
    bool SupportExact,
    double PsnrDb,
    double RelativeResidual,
    IReadOnlyList<int> Matching,
    string MatchingMethod);
