using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Theory.Audit;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Guarantees;
using SparseIhtVerify.Theory.Identifiability;

namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>
/// The audit of one cell and seed of a sweep: <see cref="Auditor.Run"/> on the convex problem with the planted patterns
/// (h_j = u_j, the setting of the paper's Theorem 1), whatever dictionary and mode the sweep's solvers use, with a
/// small budget: <c>supports</c> supports per level, no time cap, so the verdicts are deterministic; the model check
/// (not reported) runs its default iteration budget.
/// </summary>
public static class SweepCellAuditor
{
    /// <summary>Judges the guarantee catalogue on the planted-pattern operator of <paramref name="network"/>; deterministic.</summary>
    /// <param name="network">The planted instance.</param>
    /// <param name="rule">Pattern rule.</param>
    /// <param name="projection">The user's projection size k (≥ s).</param>
    /// <param name="supports">Supports evaluated per level.</param>
    /// <param name="threads">Threads.</param>
    public static SweepAudit Audit(PlantedNetwork network, PatternRule rule, int projection, int supports, int threads)
    {
        var subject = AuditSubject.Planted(PlantedInstance.Create(network, DictionaryKind.Planted, 0, rule, threads), projection);
        var options = new AuditOptions(new EstimationBudget(supports, Directions: 20, Seed: network.Spec.Seed), [], RestrictToSupport: false,
            Parallelism: threads);
        AuditReport report = Auditor.Run(subject, options);

        var verdicts = new Dictionary<string, string>();
        foreach (GuaranteeEvaluation g in report.Guarantees)
        {
            verdicts[g.Guarantee.Id] = Verdicts.Word(g.Verdict);
        }

        var constants = report.UniformConstants.Select(c => new SweepConstants(c.Level, c.EffectiveLevel, c.IsExact ? "exact" : "witness",
            c.AlphaWitness, c.BetaWitness, c.DeltaWitness, c.AlphaCertified, c.BetaCertified, c.DeltaCertified)).ToArray();
        string identifiability = report.Identifiability?.Status switch
        {
            IdentifiabilityStatus.Unique => "unique",
            IdentifiabilityStatus.NotCertified => "not-certified",
            IdentifiabilityStatus.NotUnique => "not-unique",
            _ => "unknown",
        };
        return new SweepAudit(verdicts,
            report.Guarantees.Any(g => g.Verdict == Verdict.HoldsCertified),
            report.Guarantees.Any(g => g.Verdict is Verdict.HoldsCertified or Verdict.HoldsEstimated),
            identifiability, constants, report.Seconds);
    }
}
