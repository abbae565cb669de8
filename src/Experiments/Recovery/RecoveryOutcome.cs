using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Metrics;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;

namespace SparseIhtVerify.Experiments;

/// <summary>What a <see cref="RecoveryRequest"/> produced.</summary>
/// <param name="Request">The request.</param>
/// <param name="Network">The planted network and data.</param>
/// <param name="Dictionary">The generators of the operator the solve started with.</param>
/// <param name="Result">The solver's result.</param>
/// <param name="Metrics">Recovery metrics against the planted weights.</param>
/// <param name="SetupSeconds">Seconds spent drawing the instance and computing the patterns.</param>
public sealed record RecoveryOutcome(
    RecoveryRequest Request,
    PlantedNetwork Network,
    GeneratorDictionary Dictionary,
    SolverResult Result,
    RecoveryMetrics Metrics,
    double SetupSeconds);
