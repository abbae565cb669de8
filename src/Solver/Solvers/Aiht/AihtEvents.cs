using SparseIhtVerify.Solver.Algorithms;

namespace SparseIhtVerify.Solver.Solvers;

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
