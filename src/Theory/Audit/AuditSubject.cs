using SparseIhtVerify.Solver;
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
    SparseVector? Truth);
