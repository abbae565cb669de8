using System.Diagnostics;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Experiments.Baselines;

/// <summary>
/// Iterative magnitude pruning (IMP, "lottery ticket" pruning), the paper's baseline and the reference code's
/// <c>baselines.IMP</c>: a dense <see cref="DenseReluNetwork"/> of the planted width is trained by full-batch Adam on the
/// mean squared error; after each round the smallest-magnitude fraction of the remaining weights (hidden and output
/// weights ranked together, "global" pruning) is pruned, and the survivors are rewound to their initial values with a
/// fresh optimiser for the next round. Rounds continue until at most s weights remain; the last mask is then trained
/// once more and that network is the result.
/// </summary>
/// <remarks>
/// Per round, round(fraction·remaining) weights are pruned (Python's rounding, half to even, as PyTorch's pruning),
/// at least one and never below s, so the result has at most s nonzeros. Differences from the reference: the reference
/// may overshoot below s in its last round and reports the network right after pruning, without training the final
/// mask; here the final mask is trained, which can only help the baseline. Ties in magnitude are pruned lower index
/// first. The computation is sequential and deterministic: the same data, width, s and options give the same digits.
/// </remarks>
public static class IterativeMagnitudePruning
{
    /// <summary>Bytes of state per parameter: five doubles (θ, θ₀, gradient, two Adam moments) and a mask byte.</summary>
    public const int BytesPerParameter = (5 * sizeof(double)) + sizeof(bool);

    /// <summary>Prunes a width-<paramref name="width"/> network fitted to (<paramref name="data"/>, <paramref name="labels"/>) down to at most <paramref name="sparsity"/> nonzeros.</summary>
    public static ImpResult Run(DataMatrix data, ReadOnlySpan<double> labels, int width, int sparsity, ImpOptions options, CancellationToken cancellation = default)
    {
        options.Validate();
        InvalidSettingException.RequireAtLeast("width", width, 1);
        InvalidSettingException.RequireAtLeast("nonzeros", sparsity, 1);
        if (labels.Length != data.Rows)
        {
            throw new ArgumentException($"labels have length {labels.Length} but the data have {data.Rows} rows");
        }

        var clock = Stopwatch.StartNew();
        DenseReluNetwork initial = DenseReluNetwork.Initialize(data.Columns, width, new SeededRandom(options.Seed, RandomStream.Baseline));
        var network = new DenseReluNetwork(data.Columns, width, initial.Parameters);
        int count = network.ParameterCount;
        var mask = new bool[count];
        Array.Fill(mask, true);
        var gradient = new double[count];
        var adam = new AdamOptimizer(count, options.LearningRate);
        var rounds = new List<ImpRound>();
        int remaining = count, steps = 0;
        bool nonFinite = false;
        for (int round = 1; ; round++)
        {
            // Rewind the surviving weights to their initial values; a fresh optimiser every round.
            Span<double> theta = network.Parameters;
            ReadOnlySpan<double> start = initial.Parameters;
            for (int i = 0; i < count; i++)
            {
                theta[i] = mask[i] ? start[i] : 0;
            }

            adam.Reset();
            double before = double.NaN;
            for (int t = 0; t < options.StepsPerRound; t++)
            {
                cancellation.ThrowIfCancellationRequested();
                double loss = network.LossAndGradient(data, labels, gradient);
                if (t == 0)
                {
                    before = loss;
                }

                if (!double.IsFinite(loss))
                {
                    nonFinite = true;
                    break;
                }

                adam.Step(theta, gradient, mask);
                steps++;
            }

            double after = network.Loss(data, labels);
            nonFinite |= !double.IsFinite(after);
            if (remaining <= sparsity || nonFinite)
            {
                rounds.Add(new ImpRound(round, remaining, before, after, 0));
                break;
            }

            int prune = Math.Clamp((int)Math.Round(options.PruneFraction * remaining, MidpointRounding.ToEven), 1, remaining - sparsity);
            PruneSmallest(network.Parameters, mask, prune);
            rounds.Add(new ImpRound(round, remaining, before, after, prune));
            remaining -= prune;
        }

        double[] predictions = network.Predict(data);
        return new ImpResult(network, rounds, predictions, steps, clock.Elapsed.TotalSeconds, (long)count * BytesPerParameter, nonFinite);
    }

    /// <summary>Removes the <paramref name="count"/> unmasked entries of smallest |θ_i| (ties: lower index first) from the mask and zeroes them.</summary>
    public static void PruneSmallest(Span<double> parameters, Span<bool> mask, int count)
    {
        var candidates = new List<int>(mask.Length);
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                candidates.Add(i);
            }
        }

        if (count > candidates.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"cannot prune {count} of {candidates.Count} remaining weights");
        }

        double[] magnitudes = parameters.ToArray();
        candidates.Sort((a, b) =>
        {
            int byMagnitude = Math.Abs(magnitudes[a]).CompareTo(Math.Abs(magnitudes[b]));
            return byMagnitude != 0 ? byMagnitude : a.CompareTo(b);
        });
        for (int t = 0; t < count; t++)
        {
            mask[candidates[t]] = false;
            parameters[candidates[t]] = 0;
        }
    }
}
