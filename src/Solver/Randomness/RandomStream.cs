namespace SparseIhtVerify.Solver.Randomness;

/// <summary>
/// Named, independent random streams derived from one user seed. Each quantity of an instance draws from its
/// own stream, so e.g. changing the weight distribution does not change the data matrix X.
/// </summary>
public enum RandomStream
{
    /// <summary>General-purpose stream.</summary>
    Default = 0,

    /// <summary>The data matrix X.</summary>
    Data = 1,

    /// <summary>Positions of the planted nonzeros.</summary>
    Support = 2,

    /// <summary>Values of the planted hidden weights.</summary>
    HiddenWeights = 3,

    /// <summary>Output weights (signs).</summary>
    OutputWeights = 4,

    /// <summary>Random generator vectors of a dictionary.</summary>
    Dictionary = 5,

    /// <summary>Sampled supports and directions of estimators.</summary>
    Estimation = 6,

    /// <summary>Initial weights of the dense baselines (iterative magnitude pruning).</summary>
    Baseline = 7,

    /// <summary>Generators re-drawn for empty blocks in sequential-convex mode (<c>EmptyGenerator.Redraw</c>).</summary>
    RedrawnGenerators = 8,

    /// <summary>The rows held out for validation and the cross-validation folds of a fit.</summary>
    Validation = 9,
}
