using SparseIhtVerify.Solver.Algorithms;

namespace SparseIhtVerify.Theory.Guarantees;

/// <summary>
/// The guarantee catalogue of theory.md §5, one row per guarantee. All constants are of G = AᵀA/n; δ is the
/// restricted isometry constant of √μ·A at the prescribed step μ, which for μ = 2/(n(α + β)) is (β − α)/(β + α).
/// </summary>
public static class GuaranteeCatalogue
{
    private static readonly double InverseSqrt3 = 1 / Math.Sqrt(3);

    /// <summary>Every row, in the order of theory.md §5.</summary>
    public static IReadOnlyList<Guarantee> All { get; } =
    [
        new("JTK14", SolverKind.Iht, StepRule.TwoThirdsOverBeta, 1, 2, ProjectionRule.ThirtyTwoSparsity,
            [new(ConditionQuantity.Kappa, 1, 2, (s, k) => Math.Sqrt(k / (32.0 * s)), "RSC/RSS at level 2k+s with k ≥ 32κ²s")],
            RateKind.ConvergenceOnly, null, "f(w_t) − f(w*) ≤ ε after O(κ log 1/ε) steps (no constant stated)",
            "f(w_t) − f(w*) ≤ ε after O(κ log(1/ε)) steps; ‖w − w*‖² ≤ 2(f(w) − f(w*))/(nα)",
            "Jain, Tewari & Kar, NeurIPS 2014"),
        new("FR13-IHT", SolverKind.Iht, StepRule.BestRescaling, 3, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 3, 0, (_, _) => InverseSqrt3, "δ_3s < 1/√3")],
            RateKind.PerStep, (delta, s, _) => Math.Sqrt(3) * delta[3 * s], "ρ = √3·δ_3s",
            "‖w_t − w*‖ ≤ ρ^t ‖w_0 − w*‖ (the proof contracts every step)",
            "Foucart & Rauhut, A Mathematical Introduction to Compressive Sensing (2013), Thm 6.18"),
        new("F10-IHT", SolverKind.Iht, StepRule.BestRescaling, 3, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 3, 0, (_, _) => 0.5, "δ_3s < 1/2"), new(ConditionQuantity.Delta, 2, 0, (_, _) => 0.25, "δ_2s < 1/4")],
            RateKind.ConvergenceOnly, null, "linear (constant not restated)",
            "linear convergence to w*",
            "Foucart 2010, Sparse recovery algorithms: sufficient conditions in terms of restricted isometry constants"),
        new("BD09-IHT", SolverKind.Iht, StepRule.BestRescaling, 3, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 3, 0, (_, _) => 1 / Math.Sqrt(32), "δ_3s < 1/√32")],
            RateKind.Cumulative, (_, _, _) => 0.5, "ρ = 1/2",
            "‖w_t − w*‖ ≤ 2^(−t) ‖w*‖",
            "Blumensath & Davies 2009"),
        new("F11-HTP", SolverKind.Htp, StepRule.BestRescaling, 3, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 3, 0, (_, _) => InverseSqrt3, "δ_3s < 1/√3")],
            RateKind.PerStep, (delta, s, _) => Math.Sqrt(2 * delta[3 * s] * delta[3 * s] / (1 - delta[2 * s] * delta[2 * s])), "ρ = √(2δ_3s²/(1 − δ_2s²))",
            "exact recovery, ‖w_t − w*‖ ≤ ρ^t ‖w_0 − w*‖",
            "Foucart 2011 (HTP); rate of Foucart & Rauhut (2013), Thm 6.18"),
        new("X23-IHT", SolverKind.Iht, StepRule.BestRescaling, 2, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 2, 0, (_, _) => (Math.Sqrt(5) - 1) / (2 * Math.Sqrt(3)), "δ_2s < (√5 − 1)/(2√3) ≈ 0.3568")],
            RateKind.ConvergenceOnly, null, "linear (constant not restated)",
            "linear convergence to w*",
            "Xie, IEEE Signal Processing Letters 2023"),
        new("X23-HTP", SolverKind.Htp, StepRule.BestRescaling, 2, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 2, 0, (_, _) => 1 / Math.Sqrt(7), "δ_2s < 1/√7 ≈ 0.3780")],
            RateKind.ConvergenceOnly, null, "linear (constant not restated)",
            "linear convergence to w*",
            "Xie, IEEE Signal Processing Letters 2023"),
    ];
}
