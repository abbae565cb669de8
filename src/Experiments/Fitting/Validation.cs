namespace SparseIhtVerify.Experiments.Fitting;

/// <summary>How the sparsity s is chosen among several candidates.</summary>
public enum ValidationKind
{
    /// <summary>No choice: exactly one candidate s.</summary>
    None,

    /// <summary>The smallest mean-squared error on the validation rows (held out, or the test set), each s fitted on the training rows.</summary>
    Holdout,

    /// <summary>The smallest mean over K folds of the training rows of the fold's mean-squared error, each fold fitted on the others; then a refit on all training rows.</summary>
    CrossValidation,
}

/// <summary>A choice of s: <paramref name="Kind"/> and, for cross-validation, its number of folds K ≥ 2.</summary>
public sealed record Validation(ValidationKind Kind, int Folds = 0)
{
    /// <summary>No choice.</summary>
    public static Validation None { get; } = new(ValidationKind.None);

    /// <summary>The command line's word: none, holdout or cv:K.</summary>
    public string Word => Kind switch
    {
        ValidationKind.Holdout => "holdout",
        ValidationKind.CrossValidation => $"cv:{Folds}",
        _ => "none",
    };
}
