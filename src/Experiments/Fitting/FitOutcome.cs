using SparseIhtVerify.Solver.Algorithms;

namespace SparseIhtVerify.Experiments.Fitting;

/// <summary>What a <see cref="FitRequest"/> produced.</summary>
/// <param name="Request">The request.</param>
/// <param name="Model">The fitted network (weights debiased when asked).</param>
/// <param name="Result">The final solve (on the training rows, with the chosen s).</param>
/// <param name="TrainRows">The rows of X the final fit used, increasing.</param>
/// <param name="ValidationRows">The held-out rows, increasing (empty without a holdout).</param>
/// <param name="TrainPredictions">ŷ on the training rows, by <see cref="FittedNetwork.Predict"/>.</param>
/// <param name="Train">Metrics on the training rows.</param>
/// <param name="Validation">Metrics on the held-out rows or the test set (null when there are none).</param>
/// <param name="Path">The validation path, one step per candidate s (empty when no choice was made).</param>
public sealed record FitOutcome(
    FitRequest Request,
    FittedNetwork Model,
    SolverResult Result,
    IReadOnlyList<int> TrainRows,
    IReadOnlyList<int> ValidationRows,
    double[] TrainPredictions,
    FitMetrics Train,
    FitMetrics? Validation,
    IReadOnlyList<SelectionStep> Path)
{
    /// <summary>The chosen sparsity s.</summary>
    public int Nonzeros => Model.Provenance.Nonzeros;
}
