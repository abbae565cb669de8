using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Solvers;
using SparseIhtVerify.Theory.Guarantees;

namespace SparseIhtVerify.Theory.Audit;

/// <summary>
/// The solver a guarantee prescribes, run from w_0 = 0 with the prescribed step and projection, and what it did:
/// relative errors e_t = ‖w_t − w*‖/‖w*‖, per-step contractions e_{t+1}/e_t, and the directional constants
/// ‖AΔ_t‖²/(n‖Δ_t‖²) along its own error directions Δ_t = w_t − w*. The iteration budget is sized from the row's
/// rate (enough for ρ^t to fall below 1e−11), or fixed for rows that state none.
/// </summary>
public sealed record PrescribedRun(
    string GuaranteeId,
    Verdict Verdict,
    SolverKind Solver,
    int Projection,
    double Step,
    RateKind RateKind,
    double? PredictedRate,
    int IterationBudget,
    SolverStatus Status,
    int Iterations,
    double FinalRelativeError,
    double? MaxObservedContraction,
    IReadOnlyList<double> RelativeErrors,
    IReadOnlyList<double> Contractions,
    IReadOnlyList<double> DirectionalConstants,
    RunFinding Finding,
    string FindingText)
{
    /// <summary>Converged within the predicted rate.</summary>
    public bool Honoured => Finding == RunFinding.Honoured;
}
