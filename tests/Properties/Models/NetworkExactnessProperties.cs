using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Properties;

/// <summary>
/// The gated reformulation reproduces the ReLU network (theory.md §1): with the planted dictionary A w* = y, and
/// with h := w the convex gradient Aᵀ(Aw − y) is the gradient of the non-convex loss ½‖Σ_j relu(X w_j) − y‖².
/// </summary>
public sealed class NetworkExactnessProperties
{
    // With h_j = u_j (planted dictionary), A w* equals the network's labels, for both pattern rules and both output-weight kinds.
    [Property(MaxTest = 200)]
    public Property PlantedDictionaryReproducesLabels() =>
        Prop.ForAll(
            InstanceGenerators.SmallNetworkCases(DictionaryKind.Planted),
            Gen.Elements(OutputWeights.Positive, OutputWeights.Signs).ToArbitrary(),
            (c, outputs) =>
            {
                SmallNetworkInstance instance = c.Build(outputs);
                SparseVector fused = instance.Network.FusedWeights;
                double[] labels = instance.Network.Labels.ToArray();
                double[] magnitude = Closeness.ForwardMagnitude(instance.Oracle, fused.Indices, fused.Values);
                Closeness.Outcome byOperator = Closeness.Compare(instance.Operator.Forward(fused), labels, magnitude);
                Closeness.Outcome byOracle = Closeness.Compare(instance.Oracle.Forward(fused), labels, magnitude);
                return Prop.When(instance.FreeOfNearTies, () => byOperator.Ok.Label($"operator A w* vs y: {byOperator}; {c}; outputs={outputs}")
                    .And(byOracle.Ok.Label($"oracle A w* vs y: {byOracle}; {c}; outputs={outputs}"))
                    .Collect($"rule {c.Rule}, outputs {outputs}")
                    .Classify(c.Nonzeros < c.Width, "some unit empty or sparse"));
            });

    // With h := w (every block nonzero), Aᵀ(Aw − y) equals the hand-computed gradient of ½‖Σ_j relu(X w_j) − y‖², away from ties.
    [Property(MaxTest = 200)]
    public Property ScpGradientEqualsNonConvexLossGradient() =>
        Prop.ForAll(InstanceGenerators.SmallNetworkCases(DictionaryKind.Planted), c =>
        {
            PlantedNetwork network = PlantedNetwork.Create(c.Spec());
            DataMatrix x = network.Data;
            int n = x.Rows, d = x.Columns, m = c.Width;

            // A dense w whose every block is nonzero (an all-zero block is a tie: relu'(0) is undefined).
            var random = new SeededRandom(c.Seed, RandomStream.Estimation);
            var w = new double[m * d];
            for (int j = 0; j < m; j++)
            {
                w[j * d + random.NextInt(d)] = random.NextGaussian();
                for (int l = 0; l < d; l++)
                {
                    if (random.NextDouble() < 0.4)
                    {
                        w[j * d + l] = random.NextGaussian();
                    }
                }
            }

            double[] y = InstanceGenerators.RandomResidual(random, n);

            // By hand: pre-activations, ŷ = Σ_j relu(X w_j), residual ŷ − y, ∂/∂w_j = Xᵀ diag(1[X w_j > 0]) (ŷ − y).
            var pre = new double[n, m];
            var predicted = new double[n];
            var termMagnitude = new double[n];
            double smallestPre = double.PositiveInfinity;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    double sum = 0, abs = 0;
                    for (int l = 0; l < d; l++)
                    {
                        sum += x[i, l] * w[j * d + l];
                        abs += Math.Abs(x[i, l] * w[j * d + l]);
                    }

                    pre[i, j] = sum;
                    smallestPre = Math.Min(smallestPre, Math.Abs(sum));
                    predicted[i] += Math.Max(sum, 0);
                    termMagnitude[i] += abs;
                }
            }

            var residual = new double[n];
            for (int i = 0; i < n; i++)
            {
                residual[i] = predicted[i] - y[i];
            }

            var expected = new double[m * d];
            var gradientMagnitude = new double[m * d];
            for (int j = 0; j < m; j++)
            {
                for (int l = 0; l < d; l++)
                {
                    for (int i = 0; i < n; i++)
                    {
                        if (pre[i, j] > 0)
                        {
                            expected[j * d + l] += x[i, l] * residual[i];
                            gradientMagnitude[j * d + l] += Math.Abs(x[i, l]) * (Math.Abs(residual[i]) + termMagnitude[i] + Math.Abs(y[i]));
                        }
                    }
                }
            }

            // The solver's operator with h := w and the paper's rule.
            var dictionary = new GeneratorDictionary(DictionaryKind.Random, d, w, 0);
            var sensing = ActivationPatternOperator.FromDictionary(x, dictionary, PatternRule.GreaterOrEqual);
            SparseVector sparse = SparseVector.FromDense(w);
            double[] forward = sensing.Forward(sparse);
            double[] operatorResidual = forward.Select((v, i) => v - y[i]).ToArray();
            double[] gradient = sensing.Adjoint(operatorResidual);

            Closeness.Outcome model = Closeness.Compare(forward, predicted, termMagnitude);
            Closeness.Outcome grad = Closeness.Compare(gradient, expected, gradientMagnitude);
            return Prop.When(smallestPre >= SmallNetworkInstance.NearTie, () => model.Ok.Label($"A w vs Σ relu(X w_j): {model}; {c}")
                .And(grad.Ok.Label($"Aᵀ(Aw − y) vs non-convex gradient: {grad}; {c}"))
                .Collect($"width {m}"));
        });
}
