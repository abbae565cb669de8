using SparseIhtVerify.Experiments;
using SparseIhtVerify.Experiments.IO;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Cli;

/// <summary>
/// Writes an instance and its result as NumPy arrays, so that ŵ's residual and weight error can be recomputed from the
/// files alone: X.npy (n×d float64), generators.npy (p×d, the h_j the solve started from), w_star.npy (m×d, fused planted
/// weights u_j·v_j), hidden.npy (m×d, u_j), outputs.npy (m, v_j), y.npy (n), w_hat.npy (p×d, the recovered weights),
/// patterns.npy (n×p uint8: D_j[i] of the gates the result is evaluated with, the final ones in SCP mode) and
/// matching.npy (m int64: the block matched to each planted unit, −1 for none).
/// </summary>
public static class InstanceExport
{
    public static IReadOnlyList<string> Write(string directory, RecoveryOutcome outcome)
    {
        var network = outcome.Network;
        int d = network.Inputs, m = network.Width, p = outcome.Dictionary.Blocks;
        var files = new List<string>();
        void Save(string name, ReadOnlySpan<double> values, params int[] shape)
        {
            string path = Path.Combine(directory, name);
            NpyFile.Write(path, values, shape);
            files.Add(path);
        }

        Save("X.npy", network.Data.Values, network.Data.Rows, d);
        Save("generators.npy", outcome.Dictionary.Generators, p, d);
        Save("w_star.npy", network.FusedWeights.ToDense(), m, d);
        Save("hidden.npy", network.HiddenWeights, m, d);
        Save("outputs.npy", network.OutputWeights, m);
        Save("y.npy", network.Labels, network.Data.Rows);
        Save("w_hat.npy", outcome.Result.Weights.ToDense(), p, d);

        IGatedBlocks gates = outcome.Result.FinalOperator as IGatedBlocks ?? throw new InvalidOperationException("a recovery result ends on a gated operator");
        int n = network.Data.Rows;
        var masks = new byte[(long)n * p];
        for (int j = 0; j < p; j++)
        {
            for (int i = 0; i < n; i++)
            {
                masks[((long)i * p) + j] = gates.Patterns.IsOn(j, i) ? (byte)1 : (byte)0;
            }
        }

        string patterns = Path.Combine(directory, "patterns.npy");
        NpyFile.Write(patterns, masks, n, p);
        files.Add(patterns);
        string matching = Path.Combine(directory, "matching.npy");
        NpyFile.Write(matching, outcome.Metrics.Matching.Select(b => (long)b).ToArray(), m);
        files.Add(matching);
        return files;
    }
}
