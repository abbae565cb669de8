using FsCheck;
using FsCheck.Fluent;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Properties.Generators;

/// <summary>
/// A small least-squares instance for per-step invariants: either n×N Gaussian columns scaled by 10^(Spread·u),
/// u ~ U(0, 1) per column (Spread 0: well conditioned; 3: condition numbers up to ~10⁶), with an s-sparse planted
/// vector, or a small network (<paramref name="Network"/>). Labels y = A x plus noise of relative size
/// <paramref name="Noise"/> (0: consistent; the solves then converge, otherwise they run to a stall or the limit).
/// </summary>
public sealed record SolveProblem(int Rows, int Columns, int Sparsity, int Spread, double Noise, long Seed, SmallNetworkCase? Network = null)
{
    /// <summary>Every field, so that a counterexample can be rebuilt by hand.</summary>
    public override string ToString() => Network is SmallNetworkCase net
        ? $"SolveProblem(network {net}, noise={Noise})"
        : $"SolveProblem(gaussian n={Rows}, N={Columns}, s={Sparsity}, spread=10^{Spread}, noise={Noise}, seed={Seed})";

    /// <summary>Builds the operator the solver sees, the dense oracle the test recomputes with, and the labels.</summary>
    public BuiltProblem Build()
    {
        var random = new SeededRandom(Seed, RandomStream.Estimation);
        if (Network is SmallNetworkCase net)
        {
            SmallNetworkInstance instance = net.Build();
            double[] y = instance.Network.Labels.ToArray();
            AddNoise(y, random);
            return new BuiltProblem(instance.Operator, instance.Oracle, y);
        }

        var matrix = new double[Rows, Columns];
        for (int c = 0; c < Columns; c++)
        {
            double scale = Math.Pow(10, Spread * random.NextDouble()) / Math.Sqrt(Rows);
            for (int i = 0; i < Rows; i++)
            {
                matrix[i, c] = scale * random.NextGaussian();
            }
        }

        var a = new DenseMatrixOperator(matrix);
        int[] support = random.SampleWithoutReplacement(Columns, Sparsity).Order().ToArray();
        double[] values = support.Select(_ => random.NextGaussian()).ToArray();
        double[] labels = a.Forward(new SparseVector(Columns, support, values));
        AddNoise(labels, random);
        return new BuiltProblem(a, a, labels);
    }

    private void AddNoise(double[] y, SeededRandom random)
    {
        if (Noise == 0 || y.Length == 0)
        {
            return;
        }

        double rms = Math.Sqrt(y.Sum(v => v * v) / y.Length);
        double level = Noise * (rms > 0 ? rms : 1.0);
        for (int i = 0; i < y.Length; i++)
        {
            y[i] += level * random.NextGaussian();
        }
    }

    /// <summary>Gaussian instances: n ∈ 8..30, N ∈ n/2..3n (at least s + 3), s ∈ 1..4, spread 0..3, noise 0, 10⁻³ or 0.1.</summary>
    public static Gen<SolveProblem> GaussianGen =>
        from rows in Gen.Choose(8, 30)
        from s in Gen.Choose(1, 4)
        from columns in Gen.Choose(Math.Max(s + 3, rows / 2), 3 * rows)
        from spread in Gen.Elements(0, 0, 1, 2, 3)
        from noise in Gen.Elements(0.0, 0.0, 1e-3, 0.1)
        from seed in InstanceGenerators.Seed
        select new SolveProblem(rows, columns, s, spread, noise, seed);

    /// <summary>Small network instances (n ≥ 8) with noise 0 or 0.05.</summary>
    public static Gen<SolveProblem> NetworkGen =>
        from net in InstanceGenerators.SmallNetworkCaseGen(minSamples: 8)
        from noise in Gen.Elements(0.0, 0.05)
        from seed in InstanceGenerators.Seed
        select new SolveProblem(net.Samples, net.Columns, net.Nonzeros, 0, noise, seed, net);

    /// <summary>Gaussian instances three times out of four, networks otherwise.</summary>
    public static Gen<SolveProblem> Any => Gen.Frequency((3, GaussianGen), (1, NetworkGen));
}

/// <summary>A built <see cref="SolveProblem"/>: what the solver sees, the dense oracle, and y.</summary>
public sealed record BuiltProblem(SensingOperator Sensing, DenseMatrixOperator Oracle, double[] Labels);
