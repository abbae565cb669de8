using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Metrics;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Solver.Models;

/// <summary>
/// An instance of a network model in its gated convex formulation min ½‖Aw − y‖² s.t. ‖w‖₀ ≤ k (theory.md §1): the
/// sensing operator A on the data, the labels y, the sparsity s, the planted weights w* when they are known, and how a
/// solve's weights are scored against them (matching recovered blocks to planted units where the model's symmetry needs
/// it). The solvers see only <see cref="Operator"/> (and ask it for capabilities); recovery runs and the sweep call
/// <see cref="Evaluate"/>; the audit judges the operator. A model is a folder under Models/ whose instances implement this.
/// </summary>
public interface IModelInstance
{
    /// <summary>The model's word, e.g. <c>two-layer-relu</c>.</summary>
    string Model { get; }

    /// <summary>The sensing operator A (n×N).</summary>
    SensingOperator Operator { get; }

    /// <summary>The labels y (length n).</summary>
    ReadOnlySpan<double> Labels { get; }

    /// <summary>The sparsity s the instance was drawn or is judged at.</summary>
    int Nonzeros { get; }

    /// <summary>The planted weights w* (length N), or null when they are unknown (a user's own data).</summary>
    SparseVector? Truth { get; }

    /// <summary>Recovery metrics of a solve on <see cref="Operator"/> and <see cref="Labels"/>.</summary>
    RecoveryMetrics Evaluate(SolverResult result);
}
