using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Metrics;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Solvers;

namespace SparseIhtVerify.Properties.Models;

/// <summary>The two-layer model instance scores a solve with the matching its gates allow.</summary>
public sealed class PlantedInstanceProperties
{
    // Blocks are matched to units by the identity only when the gates stayed those of a dictionary that starts with the
    // planted units (convex mode, planted or planted+random); an SCP solve rewrites the gates, so it is matched by the
    // Hungarian method, as is every solve on a random dictionary. w* is the fused weights padded to N.
    [Property(MaxTest = 60)]
    public Property MatchingIsTheIdentityOnlyWhenTheGatesStayedThePlantedOnes() =>
        Prop.ForAll(InstanceGenerators.SmallNetworkCases(minSamples: 10, maxSamples: 120), Gen.Elements(SolverMode.Convex, SolverMode.SequentialConvex).ToArbitrary(), (c, mode) =>
        {
            var instance = PlantedInstance.Create(PlantedNetwork.Create(c.Spec()), c.Dictionary, c.ExtraUnits, c.Rule);
            var options = new SolverOptions(Solver: SolverCatalogue.Niht, Projection: c.Nonzeros, MaxIterations: 5, Mode: mode);
            SolverResult result = IterativeSolver.Solve(instance.Operator, instance.Labels, options);
            RecoveryMetrics metrics = instance.Evaluate(result);
            bool planted = instance.Dictionary.PlantedBlocks == instance.Network.Width;
            string expected = mode == SolverMode.Convex && planted ? "identity" : "hungarian";
            bool truth = instance.Truth.Length == instance.Operator.Columns && instance.Truth.Indices.SequenceEqual(instance.Network.FusedWeights.Indices);
            return (metrics.MatchingMethod == expected).Label($"matching {metrics.MatchingMethod}, expected {expected} ({mode}, dictionary {c.Dictionary}); {c}")
                .And(truth.Label($"w* has length {instance.Truth.Length} (N = {instance.Operator.Columns}) or other indices than the fused weights; {c}"))
                .Classify(mode == SolverMode.SequentialConvex, "scp")
                .Classify(planted, "dictionary starts with the planted units");
        });
}
