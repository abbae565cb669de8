namespace SparseIhtVerify.Solver.Models.TwoLayerRelu;

/// <summary>Distribution of the planted nonzero hidden weights.</summary>
public enum WeightDistribution
{
    /// <summary>N(0, 1) values, as in the paper's experiments.</summary>
    Gaussian,

    /// <summary>Uniform random signs ±1.</summary>
    Signs,

    /// <summary>All nonzeros equal to 1 (the paper's Assumption 1 style binary weights).</summary>
    Ones,
}
