using Newtonsoft.Json;

namespace SparseIhtVerify.Snapshots;

// The documents written to __snapshots__/*.snap. Every number is a string from Digits.Of (six significant digits,
// invariant culture, |x| < 1e-10 as "0"); no timing is ever included.

/// <summary>One trace row: iteration, ‖Aw − y‖/‖y‖ after it, the step μ (unnormalised A), entries that entered, nonzeros.</summary>
public sealed record TraceRowSnapshot(int Iteration, string RelativeResidual, string Step, int Entered, int Nonzeros,
    [property: JsonProperty(NullValueHandling = NullValueHandling.Ignore)] int? Run = null);

/// <summary>The outcome of a recovery case.</summary>
public sealed record RecoverySnapshot(
    string Case,
    string Expectation,
    IReadOnlyList<string> Settings,
    string Status,
    int Iterations,
    [property: JsonProperty(NullValueHandling = NullValueHandling.Ignore)] int? KeptRun,
    string RelativeWeightError,
    string SupportPrecision,
    string SupportRecall,
    bool SupportExact,
    string PsnrDb,
    string RelativeResidual,
    string Matching,
    int FinalNonzeros,
    IReadOnlyList<TraceRowSnapshot> TraceFirst,
    IReadOnlyList<TraceRowSnapshot> TraceLast);

/// <summary>A value and its kind (exact, witness, certified, directional).</summary>
public sealed record KindedValue(string Value, string Kind);

/// <summary>Restricted constants at one level, each with its kind.</summary>
public sealed record ConstantsSnapshot(
    int Level,
    int EffectiveLevel,
    bool RestrictedToSupport,
    KindedValue AlphaWitness,
    KindedValue BetaWitness,
    KindedValue? AlphaCertified,
    KindedValue? BetaCertified,
    KindedValue? AlphaDirectional,
    KindedValue? BetaDirectional,
    string KappaWitness,
    string DeltaWitness,
    string KappaCertified,
    string DeltaCertified,
    int SupportsExamined,
    string SearchEnd,
    int DirectionsSampled,
    IReadOnlyList<string> Methods);

/// <summary>One clause of a guarantee's condition.</summary>
public sealed record ClauseSnapshot(string Text, int Level, string Bound, string ProofFamily, string JudgedFamily, string Certified, string CertifiedStep, string? CertifiedFrom,
    string Witness, string? WitnessFrom, string Verdict);

/// <summary>A guarantee's verdict with the numbers it rests on.</summary>
public sealed record GuaranteeSnapshot(string Id, string Algorithm, string Verdict, int Projection, string CertifiedStep, string WitnessStep, string Step, string PredictedRate,
    IReadOnlyList<ClauseSnapshot> Clauses);

/// <summary>The pattern statistics of the dictionary.</summary>
public sealed record PatternSnapshot(string MinCoverage, string MaxCoverage, string MinSeparation, string MinSeparationPair, int DuplicatePairs, int ComplementaryPairs, int AllOnBlocks, int AllOffBlocks);

/// <summary>The identifiability check.</summary>
public sealed record IdentifiabilitySnapshot(string Status, string AlphaWitness, string AlphaCertified, IReadOnlyList<int> DependentColumns, string SecondSolutionRelativeResidual, string Explanation);

/// <summary>One attempt of the model check.</summary>
public sealed record ModelCheckAttemptSnapshot(string Solver, string Status, string RelativeResidual, int Iterations);

/// <summary>The model check.</summary>
public sealed record ModelCheckSnapshot(bool Representable, string ResidualFloor, string BestSolver, IReadOnlyList<ModelCheckAttemptSnapshot> Attempts, string Explanation);

/// <summary>A prescribed solver run.</summary>
public sealed record PrescribedRunSnapshot(
    string Guarantee,
    string Verdict,
    string Solver,
    int Projection,
    string Step,
    string PredictedRate,
    int IterationBudget,
    string Status,
    int Iterations,
    string FinalRelativeError,
    string MaxObservedContraction,
    string Finding,
    string FindingText);

/// <summary>The outcome of an audit case.</summary>
public sealed record AuditSnapshot(
    string Case,
    string Expectation,
    IReadOnlyList<string> Settings,
    string Conclusion,
    int Samples,
    int Blocks,
    int Unknowns,
    int Sparsity,
    int Projection,
    PatternSnapshot Patterns,
    string VerdictConstants,
    IReadOnlyList<ConstantsSnapshot> UniformConstants,
    IReadOnlyList<ConstantsSnapshot> SupportRestrictedConstants,
    IReadOnlyList<GuaranteeSnapshot> Guarantees,
    IdentifiabilitySnapshot? Identifiability,
    ModelCheckSnapshot? ModelCheck,
    IReadOnlyList<PrescribedRunSnapshot> Runs);

/// <summary>
/// What one run of a case produced: the snapshot document, its JSON (for comparing runs), and a fingerprint of the raw
/// doubles behind it in round-trip format (for comparing thread counts bit for bit; never snapshotted).
/// </summary>
public sealed record CaseOutcome(object Snapshot, string Json, string Fingerprint);
