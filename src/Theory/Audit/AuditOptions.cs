using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Representation;

namespace SparseIhtVerify.Theory.Audit;

/// <summary>Settings of an audit. Every limit is in work units unless a time cap is given explicitly.</summary>
/// <param name="Budget">Estimation budget per level.</param>
/// <param name="ExtraLevels">Levels to estimate besides those the catalogue needs.</param>
/// <param name="RestrictToSupport">Also estimate constants over supports ⊇ S*, and judge with them every clause whose proof allows it.</param>
/// <param name="ModelCheckSecondsCap">An explicit wall-clock cap on the model check, or null (default: its iteration budget alone).</param>
/// <param name="Parallelism">Threads for the solver runs (results are identical for every value).</param>
/// <param name="ModelCheckWork">Multiply–adds the model check's solvers may spend (sets their iteration budget, <see cref="ModelCheck.Iterations"/>).</param>
public sealed record AuditOptions(
    EstimationBudget Budget,
    IReadOnlyList<int> ExtraLevels,
    bool RestrictToSupport = false,
    double? ModelCheckSecondsCap = null,
    int Parallelism = 1,
    double ModelCheckWork = ModelCheck.DefaultWork);
