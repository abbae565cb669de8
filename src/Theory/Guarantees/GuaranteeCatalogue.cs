using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Solvers;
using SparseIhtVerify.Theory.Constants;

namespace SparseIhtVerify.Theory.Guarantees;

/// <summary>
/// The guarantee catalogue of theory.md §5, one row per guarantee. All constants are of G = AᵀA/n; δ is the
/// restricted isometry constant of √μ·A at the prescribed step μ, which for μ = 2/(n(α + β)) is (β − α)/(β + α).
/// Each clause names the level and the family of supports its proof needs, with the source.
/// </summary>
public static class GuaranteeCatalogue
{
    private static readonly double InverseSqrt3 = 1 / Math.Sqrt(3);

    /// <summary>The proof of the δ_3s results for IHT and HTP uses only sets S* ∪ S_t ∪ S_{t+1}.</summary>
    private const string ThreeSetsProof = "the proof uses only the sets S* ∪ S_t ∪ S_{t+1}, which contain S*";

    /// <summary>Proofs with δ_2s bound ⟨Au, Av⟩ for u, v supported off S*.</summary>
    private const string OffSupportProof = "the proof bounds ⟨Au, Av⟩ for u, v supported off S*, which supports ⊇ S* do not control";

    /// <summary>Every row, in the order of theory.md §5.</summary>
    public static IReadOnlyList<Guarantee> All { get; } =
    [
        new("JTK14", SolverCatalogue.Iht, StepRule.TwoThirdsOverBeta, 1, 2, ProjectionRule.ThirtyTwoSparsity,
            [new(ConditionQuantity.Kappa, 1, 2, (s, k) => Math.Sqrt(k / (32.0 * s)), "RSC/RSS at level 2k+s with k ≥ 32κ²s", SupportFamily.ContainingTruth,
                "the proof uses RSC/RSS only on S_t ∪ S_{t+1} ∪ S* (Jain, Tewari & Kar 2014, proof of Thm 1)")],
            RateKind.ConvergenceOnly, null, "f(w_t) − f(w*) ≤ ε after O(κ log 1/ε) steps (no constant stated)",
            "f(w_t) − f(w*) ≤ ε after O(κ log(1/ε)) steps; ‖w − w*‖² ≤ 2(f(w) − f(w*))/(nα)",
            "Jain, Tewari & Kar, NeurIPS 2014"),
        new("FR13-IHT", SolverCatalogue.Iht, StepRule.BestRescaling, 3, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 3, 0, (_, _) => InverseSqrt3, "δ_3s < 1/√3", SupportFamily.ContainingTruth, ThreeSetsProof + " (Foucart & Rauhut 2013, proof of Thm 6.18)")],
            RateKind.PerStep, (delta, s, _) => Math.Sqrt(3) * delta[3 * s], "ρ = √3·δ_3s",
            "‖w_t − w*‖ ≤ ρ^t ‖w_0 − w*‖ (the proof contracts every step)",
            "Foucart & Rauhut, A Mathematical Introduction to Compressive Sensing (2013), Thm 6.18"),
        new("F10-IHT", SolverCatalogue.Iht, StepRule.BestRescaling, 3, 0, ProjectionRule.Sparsity,
            [
                new(ConditionQuantity.Delta, 3, 0, (_, _) => 0.5, "δ_3s < 1/2", SupportFamily.ContainingTruth, ThreeSetsProof + " (Foucart 2010)"),
                new(ConditionQuantity.Delta, 2, 0, (_, _) => 0.25, "δ_2s < 1/4", SupportFamily.Uniform,
                    "it follows from δ_3s < 1/2 through δ_3s ≤ 2δ_2s, which holds for uniform constants only (Foucart & Rauhut 2013, Prop. 6.6)"),
            ],
            RateKind.PerStep, (delta, s, _) => 2 * delta[3 * s], "ρ = 2·δ_3s",
            "‖w_t − w*‖ ≤ ρ^t ‖w_0 − w*‖, linear convergence to w*",
            "Foucart 2010, Sparse recovery algorithms: sufficient conditions in terms of restricted isometry constants"),
        new("BD09-IHT", SolverCatalogue.Iht, StepRule.BestRescaling, 3, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 3, 0, (_, _) => 1 / Math.Sqrt(32), "δ_3s < 1/√32", SupportFamily.ContainingTruth, ThreeSetsProof + " (Blumensath & Davies 2009)")],
            RateKind.Cumulative, (_, _, _) => 0.5, "ρ = 1/2",
            "‖w_t − w*‖ ≤ 2^(−t) ‖w*‖",
            "Blumensath & Davies 2009"),
        new("F11-HTP", SolverCatalogue.Htp, StepRule.BestRescaling, 3, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 3, 0, (_, _) => InverseSqrt3, "δ_3s < 1/√3", SupportFamily.ContainingTruth, ThreeSetsProof + " (Foucart 2011; Foucart & Rauhut 2013, Thm 6.18)")],
            RateKind.PerStep, (delta, s, _) => Math.Sqrt(2 * delta[3 * s] * delta[3 * s] / (1 - delta[2 * s] * delta[2 * s])), "ρ = √(2δ_3s²/(1 − δ_2s²))",
            "exact recovery, ‖w_t − w*‖ ≤ ρ^t ‖w_0 − w*‖",
            "Foucart 2011 (HTP); rate of Foucart & Rauhut (2013), Thm 6.18"),
        new("X23-IHT", SolverCatalogue.Iht, StepRule.BestRescaling, 2, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 2, 0, (_, _) => (Math.Sqrt(5) - 1) / (2 * Math.Sqrt(3)), "δ_2s < (√5 − 1)/(2√3) ≈ 0.3568", SupportFamily.Uniform, OffSupportProof + " (Xie 2023)")],
            RateKind.ConvergenceOnly, null, "linear (constant not restated)",
            "linear convergence to w*",
            "Xie, IEEE Signal Processing Letters 2023"),
        new("X23-HTP", SolverCatalogue.Htp, StepRule.BestRescaling, 2, 0, ProjectionRule.Sparsity,
            [new(ConditionQuantity.Delta, 2, 0, (_, _) => 1 / Math.Sqrt(7), "δ_2s < 1/√7 ≈ 0.3780", SupportFamily.Uniform, OffSupportProof + " (Xie 2023)")],
            RateKind.ConvergenceOnly, null, "linear (constant not restated)",
            "linear convergence to w*",
            "Xie, IEEE Signal Processing Letters 2023"),
    ];
}
