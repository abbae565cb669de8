namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>
/// An inner event of an iteration step, shown to the probe of
/// <see cref="IterativeSolver.Solve(Operators.SensingOperator, ReadOnlySpan{double}, SolverOptions, Action{TraceRow, SparseVector}?, Action{StepEvent}?, CancellationToken)"/>
/// (for tests of per-step invariants). Events are built only when a probe is given; they change nothing in the solve.
/// The events of iteration t arrive before that iteration's trace row.
/// </summary>
internal abstract record StepEvent;

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

/// <summary>AIHT: the thresholded point x̃ = H_k(w − μ g) with F(x̃) = ‖A x̃ − y‖², before the inner steps on T = supp x̃.</summary>
/// <param name="Step">The normalised step μ.</param>
/// <param name="Tilde">x̃.</param>
/// <param name="Objective">‖A x̃ − y‖² as the step computed it.</param>
internal sealed record AihtThresholded(double Step, SparseVector Tilde, double Objective) : StepEvent;

/// <summary>
/// AIHT: one Armijo trial z' = z − μ g_T of inner step <paramref name="Inner"/>, g_T = A_Tᵀ(A_T z − y), accepted when
/// F(z') ≤ F(z) − 0.9·μ‖g_T‖² (all numbers as the step computed them).
/// </summary>
/// <param name="Inner">Inner step, 0-based.</param>
/// <param name="Attempt">Trial within the inner step, 0-based (at most 11 trials).</param>
/// <param name="Step">μ of this trial.</param>
/// <param name="Point">z, aligned with supp x̃ (a copy).</param>
/// <param name="Candidate">z' (a copy).</param>
/// <param name="Objective">F(z).</param>
/// <param name="CandidateObjective">F(z').</param>
/// <param name="GradientNormSquared">‖g_T‖².</param>
/// <param name="Accepted">The Armijo condition held.</param>
internal sealed record AihtTrial(int Inner, int Attempt, double Step, double[] Point, double[] Candidate, double Objective, double CandidateObjective, double GradientNormSquared, bool Accepted) : StepEvent;
