namespace SparseIhtVerify.Theory.Guarantees;

/// <summary>One clause of a condition, evaluated.</summary>
/// <param name="Text">The clause as printed.</param>
/// <param name="Level">Its level L (before capping at N).</param>
/// <param name="Bound">The strict upper bound the quantity must stay under.</param>
/// <param name="CertifiedValue">A proven upper bound of the quantity at the prescribed (certified) step, or null.</param>
/// <param name="WitnessValue">A proven lower bound of the quantity under every rescaling (from witnesses); also the point estimate.</param>
/// <param name="Verdict">The clause's verdict.</param>
public sealed record ClauseEvaluation(string Text, int Level, double Bound, double? CertifiedValue, double WitnessValue, Verdict Verdict);
