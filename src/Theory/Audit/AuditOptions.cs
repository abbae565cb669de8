using SparseIhtVerify.Theory.Constants;

namespace SparseIhtVerify.Theory.Audit;

/// <summary>Settings of an audit.</summary>
/// <param name="Budget">Estimation budget per level.</param>
/// <param name="ExtraLevels">Levels to estimate besides those the catalogue needs.</param>
/// <param name="RestrictToSupport">Judge the guarantees with support-restricted constants (supports ⊇ S*) instead of uniform ones.</param>
/// <param name="ModelCheckSeconds">Time for the model check (s-sparse fits).</param>
/// <param name="Parallelism">Threads for the solver runs.</param>
public sealed record AuditOptions(
    EstimationBudget Budget,
    IReadOnlyList<int> ExtraLevels,
    bool RestrictToSupport = false,
    double ModelCheckSeconds = 20,
    int Parallelism = 1);
