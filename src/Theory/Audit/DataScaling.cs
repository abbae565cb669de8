using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Theory.Audit;

/// <summary>
/// Keeps the audit's arithmetic in range: when max|x_iℓ| lies outside [2^−250, 2^250] (so that Gram entries
/// Σ_i x_iℓ² could overflow or underflow), X and y are multiplied by 2^e with e = −⌊log₂ max|x|⌋, which brings max|x|
/// into [1, 2). Powers of two scale exactly, the patterns 1[Xh ≥ 0] do not change, w* does not change; the constants
/// of the scaled data are 4^e times those of the data, and δ, κ and every verdict are scale-free.
/// </summary>
public static class DataScaling
{
    /// <summary>Data with max|x| within [2^−SafeExponent, 2^SafeExponent] are audited as they are.</summary>
    public const int SafeExponent = 250;

    /// <summary>The exponent e to apply (0 when the data are in range or all zero).</summary>
    public static int Exponent(ReadOnlySpan<double> values)
    {
        double max = 0;
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("the data contain a value that is not finite (NaN or ±∞)");
            }

            max = Math.Max(max, Math.Abs(v));
        }

        if (max == 0)
        {
            return 0;
        }

        int exponent = Math.ILogB(max);
        return Math.Abs(exponent) <= SafeExponent ? 0 : -exponent;
    }

    /// <summary>The subject with X and y multiplied by 2^<paramref name="exponent"/> (the subject itself when it is 0).</summary>
    public static AuditSubject Apply(AuditSubject subject, int exponent)
    {
        if (exponent == 0)
        {
            return subject;
        }

        IGatedBlocks sensing = subject.Gates;
        double[] values = sensing.Data.Values.ToArray();
        for (int t = 0; t < values.Length; t++)
        {
            values[t] = Math.ScaleB(values[t], exponent);
        }

        var data = new DataMatrix(sensing.Data.Rows, sensing.Data.Columns, values);
        double[]? labels = subject.Labels?.Select(v => Math.ScaleB(v, exponent)).ToArray();
        return subject with { Operator = sensing.WithData(data), Labels = labels };
    }
}
