using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Theory.Audit;

/// <summary>
/// What is audited: the activation-pattern operator of a dictionary on data X, the sparsity s the guarantees are
/// judged at, the user's projection size k, and for planted instances the labels y and the planted weights w*
/// (null for a user's own data, where guarantees are evaluated but not exercised).
/// </summary>
public sealed record AuditSubject(
    ActivationPatternOperator Operator,
    ReadOnlyMemory<double> Generators,
    int Sparsity,
    int Projection,
    double[]? Labels,
    SparseVector? Truth)
{
    /// <summary>
    /// The subject of a planted instance: s = its nonzeros, y its labels, and w* its fused weights, which live in the
    /// first m blocks and are padded with zeros to the operator's N columns (planted+random and random dictionaries
    /// have more blocks than units).
    /// </summary>
    public static AuditSubject Planted(ActivationPatternOperator sensing, ReadOnlySpan<double> generators, PlantedNetwork network, int projection)
    {
        SparseVector fused = network.FusedWeights;
        var truth = new SparseVector(sensing.Columns, fused.Indices, fused.Values);
        int s = network.Spec.Nonzeros;
        return new AuditSubject(sensing, generators.ToArray(), s, Math.Max(s, projection), network.Labels.ToArray(), truth);
    }
}
