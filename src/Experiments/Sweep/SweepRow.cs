using System.Text.Json.Serialization;
using SparseIhtVerify.Solver.Metrics;

namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>
/// One line of a sweep's results file: a cell, a seed and a method, with either the method's
/// <see cref="Outcome"/> or, for the method word <c>audit</c>, the cell's <see cref="Audit"/>.
/// </summary>
/// <param name="Key">Unique key, <see cref="SweepCell.Key"/>.</param>
/// <param name="Inputs">d.</param>
/// <param name="Width">m.</param>
/// <param name="Nonzeros">s.</param>
/// <param name="Samples">n.</param>
/// <param name="Seed">The seed of the instance (and of IMP's initial weights).</param>
/// <param name="Method">A method word (<c>iht</c>, <c>niht</c>, <c>aiht</c>, <c>htp</c>, <c>imp</c>) or <c>audit</c>.</param>
/// <param name="Outcome">What the method did (null on audit rows).</param>
/// <param name="Audit">The audit's verdicts and constants (audit rows only).</param>
public sealed record SweepRow(
    string Key,
    int Inputs,
    int Width,
    int Nonzeros,
    int Samples,
    long Seed,
    string Method,
    SweepOutcome? Outcome = null,
    SweepAudit? Audit = null)
{
    /// <summary>The cell this row belongs to.</summary>
    [JsonIgnore]
    public SweepCell Cell => new(Inputs, Width, Nonzeros, Samples);

    /// <summary>A row for <paramref name="cell"/>, <paramref name="seed"/> and <paramref name="method"/>.</summary>
    public static SweepRow For(SweepCell cell, long seed, string method, SweepOutcome? outcome = null, SweepAudit? audit = null) =>
        new(cell.Key(seed, method), cell.Inputs, cell.Width, cell.Nonzeros, cell.Samples, seed, method, outcome, audit);
}

/// <summary>What one method did on one instance: its status and work, the recovery metrics (defined once, in
/// <see cref="RecoveryMetrics"/>, as <c>recover</c> reports them), and its costs.</summary>
/// <param name="Status">converged | stalled | non-finite | iteration-limit | time-limit (solvers); pruned | non-finite (IMP).</param>
/// <param name="Iterations">Solver iterations, or IMP's Adam steps over all rounds.</param>
/// <param name="Metrics">Weight error, support recovery, PSNR and residual, with the matching of blocks to units.</param>
/// <param name="Seconds">Seconds of the solve or of IMP's training (setup excluded).</param>
/// <param name="SetupSeconds">Seconds of the dictionary and patterns (0 for IMP).</param>
/// <param name="PeakNonzeros">Most entries the model held at once: the iterate's peak (≤ k), or IMP's dense d·m + m.</param>
/// <param name="Nonzeros">Nonzeros of the final model (fused weights for the solvers, all parameters for IMP).</param>
/// <param name="StateBytes">
/// Parameter and optimiser state in bytes, analytic: solvers 36·k (iterate, gradient on the support and the k best
/// off-support candidates, an index and a value each); IMP 41·(d·m + m) (<see cref="Baselines.ImpResult.StateBytes"/>).
/// </param>
/// <param name="PatternBytes">Bytes of the cached activation patterns of the final operator (n·p bits; 0 for IMP).</param>
public sealed record SweepOutcome(
    string Status,
    int Iterations,
    RecoveryMetrics Metrics,
    double Seconds,
    double SetupSeconds,
    int PeakNonzeros,
    int Nonzeros,
    long StateBytes,
    long PatternBytes);

/// <summary>The guarantee catalogue's verdicts on one cell and seed (judged on the planted-pattern operator, theory.md §5).</summary>
/// <param name="Verdicts">Guarantee id → holds-certified | holds-estimated | fails-certified | unknown, in catalogue order.</param>
/// <param name="AnyHoldsCertified">Some guarantee holds-certified.</param>
/// <param name="AnyHolds">Some guarantee holds-certified or holds-estimated.</param>
/// <param name="Identifiability">unique | not-certified | not-unique.</param>
/// <param name="Constants">Restricted constants at the levels the catalogue needs.</param>
/// <param name="Seconds">Seconds the audit took.</param>
public sealed record SweepAudit(
    IReadOnlyDictionary<string, string> Verdicts,
    bool AnyHoldsCertified,
    bool AnyHolds,
    string Identifiability,
    IReadOnlyList<SweepConstants> Constants,
    double Seconds);

/// <summary>Restricted constants of G = AᵀA/n at one level (witness: α upper and β lower bounds; certified: α lower and β upper bounds).</summary>
/// <param name="Level">The level k the catalogue asked for.</param>
/// <param name="EffectiveLevel">min(k, N).</param>
/// <param name="Kind">exact | witness.</param>
/// <param name="AlphaWitness">Witness α_k (an upper bound; the value when exact).</param>
/// <param name="BetaWitness">Witness β_k (a lower bound).</param>
/// <param name="DeltaWitness">(β − α)/(β + α) from the witnesses (a lower bound for δ_k).</param>
/// <param name="AlphaCertified">Certified lower bound of α_k, when the Gram could be formed.</param>
/// <param name="BetaCertified">Certified upper bound of β_k.</param>
/// <param name="DeltaCertified">δ from the certified bounds (an upper bound).</param>
public sealed record SweepConstants(
    int Level,
    int EffectiveLevel,
    string Kind,
    double AlphaWitness,
    double BetaWitness,
    double DeltaWitness,
    double? AlphaCertified,
    double? BetaCertified,
    double? DeltaCertified);
