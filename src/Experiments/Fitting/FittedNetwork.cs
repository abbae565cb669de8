using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;

namespace SparseIhtVerify.Experiments.Fitting;

/// <summary>
/// A fitted sparse two-layer ReLU network in its gated form: ŷ(x) = Σ_j 1[xᵀh_j ≥ 0]·xᵀw_j (or &gt; 0, <see cref="Rule"/>)
/// over p blocks, with generators h_j ∈ ℝ^d and fused weights w_j = v_j·u_j ∈ ℝ^d (as a ReLU network: hidden unit u_j = w_j,
/// output weight v_j = 1, when h_j = w_j as after a sequential-convex fit). Blocks are stored block-major (h_j, w_j occupy
/// <c>[j·d, j·d + d)</c>).
/// </summary>
public sealed class FittedNetwork
{
    private readonly double[] _generators;

    /// <summary>Wraps the generators (p·d values, copied) and weights (length p·d) of a network on d inputs.</summary>
    public FittedNetwork(int inputs, ReadOnlySpan<double> generators, SparseVector weights, PatternRule rule, GateEvaluation gates, FitProvenance provenance)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        if (generators.Length == 0 || generators.Length % inputs != 0 || weights.Length != generators.Length)
        {
            throw new ArgumentException($"generators ({generators.Length}) and weights ({weights.Length}) must both hold p·d values, d = {inputs}");
        }

        if (!VectorKernels.AllFinite(generators) || !weights.IsFinite())
        {
            throw new ArgumentException("generators and weights must be finite");
        }

        Inputs = inputs;
        _generators = generators.ToArray();
        Weights = weights.NonzeroCount == weights.Count ? weights : SparseVector.FromDense(weights.ToDense()); // no stored zeros
        Rule = rule;
        Gates = gates;
        Provenance = provenance;
    }

    /// <summary>Input dimension d.</summary>
    public int Inputs { get; }

    /// <summary>Number of blocks p.</summary>
    public int Blocks => _generators.Length / Inputs;

    /// <summary>The generators h_j, block-major (p·d values).</summary>
    public ReadOnlySpan<double> Generators => _generators;

    /// <summary>The fused weights w_j, block-major (length p·d); only nonzero values are stored.</summary>
    public SparseVector Weights { get; }

    /// <summary>The pattern rule of the gates.</summary>
    public PatternRule Rule { get; }

    /// <summary>How x_iᵀh_j is evaluated for the gates.</summary>
    public GateEvaluation Gates { get; }

    /// <summary>How the network was fitted.</summary>
    public FitProvenance Provenance { get; }

    /// <summary>
    /// The gated operator A = [D_1 X | … | D_p X] of this network's generators on <paramref name="data"/> (n×d), whose
    /// product with <see cref="Weights"/> is the prediction.
    /// </summary>
    public ActivationPatternOperator Operator(DataMatrix data, int parallelism = 1, IKernelBackend? backend = null)
    {
        if (data.Columns != Inputs)
        {
            throw new InvalidSettingException("data", $"must have the model's d = {Inputs} columns, got {data.Columns}");
        }

        return GatedOperator(data, _generators, Rule, Gates, parallelism, backend);
    }

    /// <summary>The gated operator of generators h_j (p·d values, block-major) on <paramref name="data"/>, x_iᵀh_j evaluated as <paramref name="gates"/> says.</summary>
    public static ActivationPatternOperator GatedOperator(DataMatrix data, ReadOnlySpan<double> generators, PatternRule rule, GateEvaluation gates, int parallelism = 1, IKernelBackend? backend = null)
    {
        var dictionary = new GeneratorDictionary(DictionaryKind.Random, data.Columns, generators, 0);
        ActivationPatternOperator sensing = ActivationPatternOperator.FromDictionary(data, dictionary, rule, parallelism, backend);
        if (gates == GateEvaluation.Sparse)
        {
            sensing.RecomputePatterns([.. Enumerable.Range(0, dictionary.Blocks)], SparseVector.FromDense(generators), parallelism);
        }

        return sensing;
    }

    /// <summary>ŷ = A w for the rows of <paramref name="data"/>.</summary>
    public double[] Predict(DataMatrix data, int parallelism = 1, IKernelBackend? backend = null) => Operator(data, parallelism, backend).Forward(Weights);
}
