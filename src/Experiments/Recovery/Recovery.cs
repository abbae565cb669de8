using System.Diagnostics;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Metrics;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Experiments;

/// <summary>
/// Runs a <see cref="RecoveryRequest"/>: draws the planted network, builds its model instance (dictionary and
/// activation-pattern operator, <see cref="PlantedInstance"/>), solves, and scores the result by the instance's
/// <see cref="PlantedInstance.Evaluate"/>.
/// </summary>
public static class Recovery
{
    /// <summary>Validates every setting of <paramref name="request"/>, naming the first one out of range.</summary>
    public static void Validate(RecoveryRequest request)
    {
        request.Instance.Validate();
        request.Solver.Validate();
        if (request.Solver.Projection < request.Instance.Nonzeros)
        {
            throw new InvalidSettingException("projection", $"must be at least the sparsity s = {request.Instance.Nonzeros} (nonzeros), got {request.Solver.Projection}");
        }

        long unknowns = (long)request.Instance.Inputs * (request.Instance.Width + request.ExtraUnits);
        if (request.Solver.Projection > unknowns)
        {
            throw new InvalidSettingException("projection", $"must be at most the number of unknowns p·d = {unknowns}, got {request.Solver.Projection}");
        }
    }

    /// <summary>Runs the experiment; <paramref name="onIteration"/> sees each trace row.</summary>
    public static RecoveryOutcome Run(RecoveryRequest request, Action<TraceRow>? onIteration = null, CancellationToken cancellation = default)
    {
        Validate(request);
        var clock = Stopwatch.StartNew();
        PlantedNetwork network = PlantedNetwork.Create(request.Instance);
        return Run(request, network, clock, onIteration, cancellation);
    }

    /// <summary>
    /// Runs the experiment on <paramref name="network"/>, already drawn from <c>request.Instance</c> (several
    /// solvers can share one draw); the setup time then counts the dictionary and the patterns only.
    /// </summary>
    public static RecoveryOutcome Run(RecoveryRequest request, PlantedNetwork network, Action<TraceRow>? onIteration = null, CancellationToken cancellation = default)
    {
        Validate(request);
        if (network.Spec != request.Instance)
        {
            throw new ArgumentException("the network was not drawn from the request's instance", nameof(network));
        }

        return Run(request, network, Stopwatch.StartNew(), onIteration, cancellation);
    }

    private static RecoveryOutcome Run(RecoveryRequest request, PlantedNetwork network, Stopwatch clock, Action<TraceRow>? onIteration, CancellationToken cancellation)
    {
        var instance = PlantedInstance.Create(network, request.Dictionary, request.ExtraUnits, request.Rule, request.Solver.Parallelism, request.Backend);
        double setup = clock.Elapsed.TotalSeconds;

        SolverResult result = IterativeSolver.Solve(instance.Operator, instance.Labels, request.Solver, onIteration, cancellation);
        RecoveryMetrics metrics = instance.Evaluate(result);
        return new RecoveryOutcome(request, network, instance.Dictionary, result, metrics, setup);
    }
}
