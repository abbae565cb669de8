namespace SparseIhtVerify.Experiments.Baselines;

/// <summary>One training round of iterative magnitude pruning.</summary>
/// <param name="Round">1-based round number.</param>
/// <param name="Remaining">Weights left unpruned during this round's training.</param>
/// <param name="LossBefore">Mean squared error at the rewound weights, before the round's first Adam step.</param>
/// <param name="LossAfter">Mean squared error after the round's last Adam step.</param>
/// <param name="Pruned">Weights pruned after this round (0 for the last round).</param>
public sealed record ImpRound(int Round, int Remaining, double LossBefore, double LossAfter, int Pruned);
