namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>One method on one cell, aggregated over the seeds whose rows are stored.</summary>
/// <param name="Cell">The cell.</param>
/// <param name="Method">The method word.</param>
/// <param name="Seeds">Seeds aggregated.</param>
/// <param name="MeanPsnrDb">Mean PSNR in dB; an exact fit (+∞) counts as <see cref="SweepAggregation.PsnrCeilingDb"/>.</param>
/// <param name="SuccessRate">Fraction of seeds with relative weight error ≤ the success threshold.</param>
/// <param name="MeanWeightError">Mean relative weight error after matching.</param>
/// <param name="MedianWeightError">Median relative weight error.</param>
/// <param name="MeanSupportRecall">Mean support recall.</param>
/// <param name="ExactSupportRate">Fraction of seeds with the exact support.</param>
/// <param name="MeanSeconds">Mean seconds per run (setup excluded).</param>
/// <param name="MeanIterations">Mean iterations (IMP: Adam steps).</param>
/// <param name="StateBytes">Largest parameter and optimiser state over the seeds (see <see cref="SweepOutcome.StateBytes"/>).</param>
/// <param name="PatternBytes">Largest cached activation patterns over the seeds.</param>
/// <param name="Theory">The majority verdict of the cell's audits.</param>
/// <param name="AuditedSeeds">Seeds with an audit row.</param>
/// <param name="CertifiedSeeds">Audited seeds where some guarantee holds-certified.</param>
/// <param name="HoldingSeeds">Audited seeds where some guarantee holds-certified or holds-estimated.</param>
public sealed record SweepCellSummary(
    SweepCell Cell,
    string Method,
    int Seeds,
    double MeanPsnrDb,
    double SuccessRate,
    double MeanWeightError,
    double MedianWeightError,
    double MeanSupportRecall,
    double ExactSupportRate,
    double MeanSeconds,
    double MeanIterations,
    long StateBytes,
    long PatternBytes,
    SweepTheory Theory,
    int AuditedSeeds,
    int CertifiedSeeds,
    int HoldingSeeds);
