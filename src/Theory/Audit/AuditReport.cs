using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Guarantees;
using SparseIhtVerify.Theory.Identifiability;
using SparseIhtVerify.Theory.Representation;
using SparseIhtVerify.Theory.Patterns;

namespace SparseIhtVerify.Theory.Audit;

/// <summary>
/// Everything an audit found. All constants use G = AᵀA/n. <see cref="PlantedRelativeResidual"/> is ‖Aw* − y‖/‖y‖
/// for planted instances: zero when the dictionary expresses the planted network, so that the prescribed runs have
/// a w* to recover.
/// </summary>
public sealed record AuditReport(
    int Samples,
    int Inputs,
    int Blocks,
    int Unknowns,
    int Sparsity,
    int Projection,
    PatternStatistics Patterns,
    IReadOnlyList<RestrictedConstants> UniformConstants,
    IReadOnlyList<RestrictedConstants> SupportRestrictedConstants,
    bool VerdictsUseSupportRestricted,
    IReadOnlyList<GuaranteeEvaluation> Guarantees,
    IdentifiabilityReport? Identifiability,
    ModelCheckReport? ModelCheck,
    double? PlantedRelativeResidual,
    IReadOnlyList<PrescribedRun> Runs,
    AuditConclusion Conclusion,
    double Seconds);
