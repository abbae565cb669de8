using SparseIhtVerify.Solver.Instances;
using SparseIhtVerify.Solver.Kernels;

namespace SparseIhtVerify.Solver.Experiments.Sweep;

/// <summary>
/// Audits one cell and seed of a sweep (the theory checker lives in another assembly, which implements this).
/// Implementations must be deterministic: the same network and settings give the same verdicts.
/// </summary>
public interface ISweepAuditor
{
    /// <summary>Judges the guarantee catalogue on the planted-pattern operator of <paramref name="network"/>.</summary>
    /// <param name="network">The planted instance.</param>
    /// <param name="rule">Pattern rule.</param>
    /// <param name="projection">The user's projection size k (≥ s).</param>
    /// <param name="supports">Supports evaluated per level.</param>
    /// <param name="threads">Threads.</param>
    SweepAudit Audit(PlantedNetwork network, PatternRule rule, int projection, int supports, int threads);
}
