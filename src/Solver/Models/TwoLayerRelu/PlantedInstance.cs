using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Metrics;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Solver.Models.TwoLayerRelu;

/// <summary>
/// A planted two-layer scalar-output ReLU network f(x) = Σ_j v_j·relu(xᵀu_j) with its data, as an instance of the gated
/// convex formulation: A = [D_1 X | … | D_p X] with D_j = diag(1[X h_j ≥ 0]) (or &gt; 0) for the generators h_j of a
/// dictionary, y = f(X), and w* = the fused weights v_j·u_j in the first m blocks (zero-padded to N = p·d). Recovered blocks
/// are matched to units by the identity when the gates stayed fixed and the dictionary starts with the planted units,
/// by the Hungarian method otherwise (units are only defined up to a permutation).
/// </summary>
/// <param name="Network">The planted network and its data.</param>
/// <param name="Dictionary">The generators the operator was built from.</param>
/// <param name="Operator">The activation-pattern operator of the dictionary on X.</param>
public sealed record PlantedInstance(PlantedNetwork Network, GeneratorDictionary Dictionary, ActivationPatternOperator Operator) : IModelInstance
{
    /// <summary>The model's word.</summary>
    public const string ModelWord = "two-layer-relu";

    /// <summary>The instance of <paramref name="network"/> with the dictionary of <paramref name="kind"/> (seeded by the network's seed).</summary>
    public static PlantedInstance Create(PlantedNetwork network, DictionaryKind kind, int extraUnits, PatternRule rule, int parallelism = 1, IKernelBackend? backend = null)
    {
        GeneratorDictionary dictionary = GeneratorDictionary.Create(kind, network, extraUnits, network.Spec.Seed);
        return new PlantedInstance(network, dictionary, ActivationPatternOperator.FromDictionary(network.Data, dictionary, rule, parallelism, backend));
    }

    /// <inheritdoc/>
    public string Model => ModelWord;

    /// <inheritdoc/>
    SensingOperator IModelInstance.Operator => Operator;

    /// <inheritdoc/>
    public ReadOnlySpan<double> Labels => Network.Labels;

    /// <inheritdoc/>
    public int Nonzeros => Network.Spec.Nonzeros;

    /// <summary>w* = the fused weights, zero-padded to the operator's N columns (random and planted+random dictionaries have more blocks than units).</summary>
    public SparseVector Truth => new(Operator.Columns, Network.FusedWeights.Indices, Network.FusedWeights.Values);

    /// <inheritdoc/>
    SparseVector? IModelInstance.Truth => Truth;

    /// <summary>
    /// Weight error, support recovery and fit of <paramref name="result"/>: blocks matched to units by the identity when the
    /// solve ended on this instance's own gates (convex mode) and the dictionary starts with the m planted units, by the
    /// Hungarian method otherwise; predictions A ŵ with the gates the solve ended on.
    /// </summary>
    public RecoveryMetrics Evaluate(SolverResult result)
    {
        bool identity = ReferenceEquals(result.FinalOperator, Operator) && Dictionary.PlantedBlocks == Network.Width;
        double[] predictions = result.FinalOperator.Forward(result.Weights);
        return RecoveryEvaluation.ForNetwork(result.Weights, Network.FusedWeights, Network.Inputs, identity, Network.Labels, predictions);
    }
}
