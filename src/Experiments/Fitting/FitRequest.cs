using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;

namespace SparseIhtVerify.Experiments.Fitting;

/// <summary>A fit: data X (n×d) and labels y, the settings, and optionally the starting generators, a warm start and a test set.</summary>
/// <param name="Data">X, rows are samples.</param>
/// <param name="Labels">y, one per row.</param>
/// <param name="Settings">The fit's settings.</param>
/// <param name="Generators">The dictionary h_1 … h_p to gate with (null: <see cref="FitSettings.Width"/> random generators, or the warm start's).</param>
/// <param name="WarmStart">A fitted network to start from: its generators and gates, and its weights as the solve's first iterate.</param>
/// <param name="TestData">Rows to validate on and report metrics for instead of held-out rows.</param>
/// <param name="TestLabels">Their labels.</param>
public sealed record FitRequest(
    DataMatrix Data,
    double[] Labels,
    FitSettings Settings,
    GeneratorDictionary? Generators = null,
    FittedNetwork? WarmStart = null,
    DataMatrix? TestData = null,
    double[]? TestLabels = null);
