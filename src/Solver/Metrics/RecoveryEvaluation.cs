using SparseIhtVerify.Solver.Kernels;

namespace SparseIhtVerify.Solver.Metrics;

/// <summary>
/// Computes <see cref="RecoveryMetrics"/>. For networks, the p recovered blocks ŵ_i ∈ ℝ^d are matched to the m
/// planted units w*_k = u_k v_k by the Hungarian method on ‖ŵ_i − w*_k‖² (padded with zero vectors to a square
/// max(p, m) problem, so an unmatched block counts as ‖ŵ_i‖² of error and an unmatched unit as ‖w*_k‖²), or by
/// the identity where block k is by construction unit k (a planted dictionary in convex mode).
/// </summary>
public static class RecoveryEvaluation
{
    /// <summary>Metrics for a network whose fused weights are blocks of length <paramref name="blockSize"/>.</summary>
    /// <param name="estimate">ŵ, length p·d.</param>
    /// <param name="truth">w*, length m·d.</param>
    /// <param name="blockSize">d.</param>
    /// <param name="identityMatching">Match block k to unit k (k &lt; m) instead of solving the assignment.</param>
    /// <param name="labels">y.</param>
    /// <param name="predictions">Aŵ.</param>
    public static RecoveryMetrics ForNetwork(SparseVector estimate, SparseVector truth, int blockSize, bool identityMatching, ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions)
    {
        int d = blockSize, p = estimate.Length / d, m = truth.Length / d;
        double[][] recovered = Blocks(estimate, p, d);
        double[][] planted = Blocks(truth, m, d);
        int[] matching = new int[m];
        if (identityMatching)
        {
            for (int k = 0; k < m; k++)
            {
                matching[k] = k < p ? k : -1;
            }
        }
        else
        {
            int size = Math.Max(p, m);
            var cost = new double[size, size];
            for (int i = 0; i < size; i++)
            {
                for (int k = 0; k < size; k++)
                {
                    cost[i, k] = SquaredDistance(i < p ? recovered[i] : null, k < m ? planted[k] : null);
                }
            }

            int[] assignment = HungarianAssignment.Solve(cost);
            Array.Fill(matching, -1);
            for (int i = 0; i < p; i++)
            {
                if (assignment[i] < m)
                {
                    matching[assignment[i]] = i;
                }
            }
        }

        double error = 0;
        int truePositives = 0;
        var matchedBlocks = new bool[p];
        for (int k = 0; k < m; k++)
        {
            double[]? block = matching[k] >= 0 ? recovered[matching[k]] : null;
            if (matching[k] >= 0)
            {
                matchedBlocks[matching[k]] = true;
            }

            error += SquaredDistance(block, planted[k]);
            for (int l = 0; l < d; l++)
            {
                if (planted[k][l] != 0 && block is not null && block[l] != 0)
                {
                    truePositives++;
                }
            }
        }

        for (int i = 0; i < p; i++)
        {
            if (!matchedBlocks[i])
            {
                error += SquaredDistance(recovered[i], null);
            }
        }

        return Assemble(Math.Sqrt(error), truth, estimate.NonzeroCount, truePositives, labels, predictions, matching, identityMatching ? "identity" : "hungarian");
    }

    /// <summary>Metrics for a plain sparse vector (no blocks, no matching), e.g. the Gaussian sanity case.</summary>
    public static RecoveryMetrics ForVector(SparseVector estimate, SparseVector truth, ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions)
    {
        int truePositives = 0;
        for (int t = 0; t < estimate.Count; t++)
        {
            if (estimate.Values[t] != 0 && truth[estimate.Indices[t]] != 0)
            {
                truePositives++;
            }
        }

        return Assemble(estimate.DistanceTo(truth), truth, estimate.NonzeroCount, truePositives, labels, predictions, [], "none");
    }

    /// <summary>PSNR = 20·log₁₀(max|y|) − 10·log₁₀(mean((ŷ − y)²)) in dB, as the paper defines it; +∞ for an exact fit (also when y = 0).</summary>
    public static double PeakSignalToNoiseRatio(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions)
    {
        double peak = 0, squares = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            peak = Math.Max(peak, Math.Abs(labels[i]));
            double diff = predictions[i] - labels[i];
            squares += diff * diff;
        }

        double mse = squares / labels.Length;
        // An exact fit is +∞ dB even when y = 0 (where the definition's −∞ + ∞ would give NaN).
        return mse == 0 ? double.PositiveInfinity : 20 * Math.Log10(peak) - 10 * Math.Log10(mse);
    }

    private static RecoveryMetrics Assemble(double errorNorm, SparseVector truth, int estimatedNonzeros, int truePositives, ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, int[] matching, string method)
    {
        int trueNonzeros = truth.NonzeroCount;
        double truthNorm = truth.Norm();
        var residual = new double[labels.Length];
        for (int i = 0; i < residual.Length; i++)
        {
            residual[i] = predictions[i] - labels[i];
        }

        double labelNorm = VectorKernels.Norm(labels);
        return new RecoveryMetrics(
            RelativeWeightError: truthNorm > 0 ? errorNorm / truthNorm : errorNorm,
            SupportPrecision: estimatedNonzeros > 0 ? (double)truePositives / estimatedNonzeros : 0.0,
            SupportRecall: trueNonzeros > 0 ? (double)truePositives / trueNonzeros : 1.0,
            SupportExact: truePositives == trueNonzeros && estimatedNonzeros == trueNonzeros,
            PsnrDb: PeakSignalToNoiseRatio(labels, predictions),
            RelativeResidual: labelNorm > 0 ? VectorKernels.Norm(residual) / labelNorm : VectorKernels.Norm(residual),
            Matching: matching,
            MatchingMethod: method);
    }

    private static double[][] Blocks(SparseVector vector, int blocks, int d)
    {
        var result = new double[blocks][];
        for (int j = 0; j < blocks; j++)
        {
            result[j] = new double[d];
        }

        for (int t = 0; t < vector.Count; t++)
        {
            result[vector.Indices[t] / d][vector.Indices[t] % d] = vector.Values[t];
        }

        return result;
    }

    private static double SquaredDistance(double[]? a, double[]? b)
    {
        double sum = 0;
        int d = a?.Length ?? b?.Length ?? 0;
        for (int l = 0; l < d; l++)
        {
            double diff = (a?[l] ?? 0) - (b?[l] ?? 0);
            sum += diff * diff;
        }

        return sum;
    }
}
