using SparseIhtVerify.Solver.Metrics;

namespace SparseIhtVerify.Experiments.Fitting;

/// <summary>How well predictions ŷ fit labels y on one set of n rows.</summary>
/// <param name="Rows">n.</param>
/// <param name="MeanSquaredError">MSE = Σ(ŷ_i − y_i)²/n, in squared label units.</param>
/// <param name="RSquared">R² = 1 − Σ(ŷ_i − y_i)² / Σ(y_i − ȳ)² (NaN when y is constant: undefined).</param>
/// <param name="PsnrDb">The paper's PSNR = 20·log₁₀(max|y|) − 10·log₁₀(MSE), dB (+∞ for an exact fit).</param>
/// <param name="RelativeResidual">‖ŷ − y‖₂/‖y‖₂ (0 when y = 0 and ŷ = y).</param>
/// <param name="Accuracy">For 0/1 labels, the fraction of rows with 1[ŷ_i ≥ 0.5] = y_i (the paper's binary tasks); null otherwise.</param>
public sealed record FitMetrics(int Rows, double MeanSquaredError, double RSquared, double PsnrDb, double RelativeResidual, double? Accuracy)
{
    /// <summary>The metrics of <paramref name="predictions"/> against <paramref name="labels"/>; accuracy when <paramref name="binary"/>.</summary>
    public static FitMetrics Of(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, bool binary)
    {
        if (labels.Length != predictions.Length || labels.Length == 0)
        {
            throw new ArgumentException($"labels ({labels.Length}) and predictions ({predictions.Length}) must have the same positive length");
        }

        int n = labels.Length;
        double mean = 0;
        foreach (double y in labels)
        {
            mean += y;
        }

        mean /= n;
        double squares = 0, total = 0, labelSquares = 0;
        int correct = 0;
        for (int i = 0; i < n; i++)
        {
            double diff = predictions[i] - labels[i];
            squares += diff * diff;
            total += (labels[i] - mean) * (labels[i] - mean);
            labelSquares += labels[i] * labels[i];
            correct += (predictions[i] >= 0.5 ? 1.0 : 0.0) == labels[i] ? 1 : 0;
        }

        return new FitMetrics(
            n,
            squares / n,
            total > 0 ? 1 - (squares / total) : double.NaN,
            RecoveryEvaluation.PeakSignalToNoiseRatio(labels, predictions),
            labelSquares > 0 ? Math.Sqrt(squares / labelSquares) : (squares == 0 ? 0 : double.PositiveInfinity),
            binary ? (double)correct / n : null);
    }

    /// <summary>Whether every label is 0 or 1 (accuracy is then reported).</summary>
    public static bool AreBinary(ReadOnlySpan<double> labels)
    {
        foreach (double y in labels)
        {
            if (y is not (0.0 or 1.0))
            {
                return false;
            }
        }

        return true;
    }
}
