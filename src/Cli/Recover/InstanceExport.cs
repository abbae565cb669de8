using SparseIhtVerify.Experiments;
using SparseIhtVerify.Experiments.IO;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;

namespace SparseIhtVerify.Cli;

/// <summary>
/// Writes an instance as NumPy arrays so that a Python user can check every number:
/// X.npy (n×d), generators.npy (p×d, the h_j the solve started from), w_star.npy (m×d, fused planted weights
/// u_j·v_j), hidden.npy (m×d, u_j), outputs.npy (m, v_j), y.npy (n), w_hat.npy (p×d, the recovered weights).
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
        return files;
    }
}
