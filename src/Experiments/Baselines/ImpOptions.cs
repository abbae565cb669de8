using SparseIhtVerify.Solver;

namespace SparseIhtVerify.Experiments.Baselines;

/// <summary>
/// Settings of iterative magnitude pruning, the paper's baseline (theory.md §6). Defaults follow the reference code
/// (voilalab/MLP-IHT, <c>baselines.py</c> with <c>--prune_iters 0.1 --num_epochs 15</c>, full batch): 15 Adam steps
/// at lr 1e−3 per round, 10% of the remaining weights pruned per round.
/// </summary>
/// <param name="StepsPerRound">Full-batch Adam steps per training round (≥ 1).</param>
/// <param name="PruneFraction">Fraction of the remaining weights pruned per round, in (0, 1).</param>
/// <param name="LearningRate">Adam's learning rate (&gt; 0).</param>
/// <param name="Seed">Seed of the initial weights (stream <see cref="Solver.Randomness.RandomStream.Baseline"/>).</param>
public sealed record ImpOptions(int StepsPerRound = 15, double PruneFraction = 0.1, double LearningRate = 1e-3, long Seed = 0)
{
    /// <summary>Throws <see cref="InvalidSettingException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        InvalidSettingException.RequireAtLeast("imp-steps", StepsPerRound, 1);
        if (!(PruneFraction > 0 && PruneFraction < 1))
        {
            throw new InvalidSettingException("imp-prune", $"must lie in (0, 1), got {PruneFraction}");
        }

        InvalidSettingException.RequirePositive("imp-lr", LearningRate);
    }
}
