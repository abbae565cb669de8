using SparseIhtVerify.Solver.Algorithms;

namespace SparseIhtVerify.Solver.Solvers;

/// <summary>
/// NIHT: one candidate w⁺ = H_k(w − μ g) whose support differs from S, with ω = (1 − c)‖w⁺ − w‖²/‖A(w⁺ − w)‖² and
/// whether μ ≤ ω accepted it. A rejected candidate is followed by μ ← μ/(κ(1 − c)) and a new candidate.
/// </summary>
/// <param name="Shrinks">Shrinks of μ before this candidate (0 for the normalised step).</param>
/// <param name="Step">The step μ of this candidate.</param>
/// <param name="Support">S, the support μ was computed on (supp w, or supp H_k(g) when w = 0).</param>
/// <param name="Next">The candidate w⁺.</param>
/// <param name="Omega">ω for this candidate.</param>
/// <param name="Accepted">μ ≤ ω.</param>
internal sealed record NihtTrial(int Shrinks, double Step, int[] Support, SparseVector Next, double Omega, bool Accepted) : StepEvent;
