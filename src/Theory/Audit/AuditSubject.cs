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
    SensingOperator Operator,
    ReadOnlyMemory<double> Generators,
    int Sparsity,
    int Projection,
    double[]? Labels,
    SparseVector? Truth)
{
    /// <summary>The operator's gates: the audit judges gated operators A = [D_1 X | … | D_p X] (<see cref="IGatedBlocks"/>).</summary>
    public IGatedBlocks Gates => Operator as IGatedBlocks
        ?? throw new ArgumentException("the audit needs a gated operator A = [D_1 X | … | D_p X] (one that offers IGatedBlocks)", nameof(Operator));

    /// <summary>
    /// The subject of a planted instance: s = its nonzeros, y its labels, and w* its fused weights padded to the
    /// operator's N columns (<see cref="PlantedInstance.Truth"/>); k = max(s, <paramref name="projection"/>).
    /// </summary>
    public static AuditSubject Planted(PlantedInstance instance, int projection) =>
        new(instance.Operator, instance.Dictionary.Generators.ToArray(), instance.Nonzeros, Math.Max(instance.Nonzeros, projection), instance.Labels.ToArray(), instance.Truth);
}
