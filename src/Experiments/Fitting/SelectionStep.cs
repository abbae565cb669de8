namespace SparseIhtVerify.Experiments.Fitting;

/// <summary>One candidate s of a validation path: its mean-squared errors on the rows it was fitted on and on the rows it was judged on.</summary>
/// <param name="Nonzeros">The candidate s.</param>
/// <param name="TrainError">Training MSE (for cross-validation: the mean over the folds).</param>
/// <param name="ValidationError">Validation MSE (for cross-validation: the mean over the folds of each held-out fold's MSE).</param>
public sealed record SelectionStep(int Nonzeros, double TrainError, double ValidationError);
