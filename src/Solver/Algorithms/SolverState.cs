using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>The state an iteration step reads: the operator, the labels, the iterate w and its residual r = Aw − y.</summary>
internal sealed class SolverState
{
    public SolverState(SensingOperator sensing, double[] labels, SolverOptions options)
    {
        Operator = sensing;
        Labels = labels;
        Options = options;
        Weights = SparseVector.Zero(sensing.Columns);
        Residual = labels.Select(v => -v).ToArray();
        Gradient = new StreamedGradient(sensing, options.Solver.Candidates(options.Projection), options.Parallelism);
    }

    public SensingOperator Operator { get; set; }

    public double[] Labels { get; }

    public SolverOptions Options { get; }

    public int Projection => Options.Projection;

    public StreamedGradient Gradient { get; }

    /// <summary>The fixed step of IHT and HTP (set by the driver before the first step).</summary>
    public double FixedStep { get; set; }

    public SparseVector Weights { get; set; }

    public double[] Residual { get; set; }

    /// <summary>Sees the steps' inner events (null: none are built).</summary>
    public Action<StepEvent>? Probe { get; init; }

    /// <summary>r = A_S z − y for a support S and its values z (a new array of length n).</summary>
    public double[] ResidualOf(ReadOnlySpan<int> support, ReadOnlySpan<double> values)
    {
        var r = new double[Operator.Rows];
        Operator.RestrictedForward(support, values, r);
        VectorKernels.Axpy(-1.0, Labels, r);
        return r;
    }

    /// <summary>r = A v − y.</summary>
    public double[] ResidualOf(SparseVector v) => ResidualOf(v.Indices, v.Values);
}
