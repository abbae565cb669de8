namespace SparseIhtVerify.Experiments.Baselines;

/// <summary>What iterative magnitude pruning produced.</summary>
/// <param name="Network">The final network: at most s nonzero parameters (hidden and output weights together).</param>
/// <param name="Rounds">Every training round, the last one being the final mask's training.</param>
/// <param name="Predictions">The final network's outputs on the training data.</param>
/// <param name="AdamSteps">Adam steps taken in all rounds.</param>
/// <param name="Seconds">Wall-clock seconds.</param>
/// <param name="StateBytes">
/// Bytes of parameter and optimiser state, (d·m + m)·(5·8 + 1): parameters, their rewind copy, the gradient, Adam's two
/// moments (doubles) and the mask (one byte each). O(d·m), the dense model, whatever s is.
/// </param>
/// <param name="NonFinite">A NaN or infinity appeared in the loss (training stopped there).</param>
public sealed record ImpResult(
    DenseReluNetwork Network,
    IReadOnlyList<ImpRound> Rounds,
    double[] Predictions,
    int AdamSteps,
    double Seconds,
    long StateBytes,
    bool NonFinite)
{
    /// <summary>Nonzero parameters of the final network (≤ s).</summary>
    public int Nonzeros => Network.NonzeroCount;

    /// <summary>The most parameters held at once: the dense d·m + m of the first round.</summary>
    public int PeakParameters => Network.ParameterCount;
}
