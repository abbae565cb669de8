using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;

namespace SparseIhtVerify.Experiments;

/// <summary>One recovery experiment: a planted instance, the dictionary that builds its operator, and a solver.</summary>
/// <param name="Instance">The planted network and data.</param>
/// <param name="Dictionary">How the generators h_j are chosen.</param>
/// <param name="ExtraUnits">Random generators beyond the m units (random and planted+random dictionaries).</param>
/// <param name="Rule">Pattern rule ≥ or &gt;.</param>
/// <param name="Solver">Solver settings (the projection size k must be ≥ s; 0, the default, is k = s).</param>
/// <param name="Backend">The operator's kernels (default <see cref="KernelBackendCatalogue.Automatic"/>); results do not depend on it.</param>
public sealed record RecoveryRequest(
    PlantedNetworkSpec Instance,
    DictionaryKind Dictionary,
    int ExtraUnits,
    PatternRule Rule,
    SolverOptions Solver,
    IKernelBackend Backend = null!)
{
    /// <summary>The solver settings, with k = s when the projection was left at 0.</summary>
    public SolverOptions Solver { get; init; } = Solver.Projection == 0 ? Solver with { Projection = Instance.Nonzeros } : Solver;

    /// <summary>The operator's kernels (<see cref="KernelBackendCatalogue.Automatic"/> when none was given).</summary>
    public IKernelBackend Backend { get; init; } = Backend ?? KernelBackendCatalogue.Automatic;
}
