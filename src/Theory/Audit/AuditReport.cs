using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Guarantees;
using SparseIhtVerify.Theory.Identifiability;
using SparseIhtVerify.Theory.Representation;
using SparseIhtVerify.Theory.Patterns;

namespace SparseIhtVerify.Theory.Audit;

/// <summary>
/// Everything an audit found. All constants use G = AᵀA/n. <see cref="PlantedRelativeResidual"/> is ‖Aw* − y‖/‖y‖
/// for planted instances: zero when the dictionary expresses the planted network, so that the prescribed runs have
/// a w* to recover. <see cref="DataScaleExponent"/> e ≠ 0 says that X and y were multiplied by 2^e first
/// (<see cref="DataScaling"/>): every constant and step is then that of the scaled data.
/// </summary>
public sealed record AuditReport(
    int Samples,
    int Inputs,
    int Blocks,
    int Unknowns,
    int Sparsity,
    int Projection,
    int DataScaleExponent,
    PatternStatistics Patterns,
    StructuredWitnesses Structured,
    IReadOnlyList<RestrictedConstants> UniformConstants,
    IReadOnlyList<RestrictedConstants> SupportRestrictedConstants,
    bool VerdictsUseSupportRestricted,
    IReadOnlyList<GuaranteeEvaluation> Guarantees,
    IdentifiabilityReport Identifiability,
    ModelCheckReport? ModelCheck,
    double? PlantedRelativeResidual,
    IReadOnlyList<PrescribedRun> Runs,
    AuditConclusion Conclusion,
    double Seconds);
