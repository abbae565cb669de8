using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Solver.Models.TwoLayerRelu;

/// <summary>
/// A planted two-layer scalar-output ReLU network and its data:
/// y_i = Σ_j relu(x_iᵀ u_j)·v_j for the n rows x_i of X (theory.md §1 and §6).
/// Hidden weights are stored unit-major (unit j occupies <c>[j·d, j·d+d)</c>), which is also the block-major
/// layout of the fused vector w* = [u_1 v_1; …; u_m v_m] ∈ ℝ^{m·d}.
/// </summary>
public sealed class PlantedNetwork
{
    private readonly double[] _hidden;
    private readonly double[] _outputs;
    private readonly double[] _labels;

    private PlantedNetwork(PlantedNetworkSpec spec, DataMatrix data, double[] hidden, double[] outputs)
    {
        Spec = spec;
        Data = data;
        _hidden = hidden;
        _outputs = outputs;
        _labels = Evaluate(data, hidden, outputs);
        FusedWeights = Fuse(spec.Inputs, hidden, outputs);
    }

    /// <summary>The settings that produced this instance.</summary>
    public PlantedNetworkSpec Spec { get; }

    /// <summary>The data X (n×d, i.i.d. N(0, 1)).</summary>
    public DataMatrix Data { get; }

    /// <summary>Input dimension d.</summary>
    public int Inputs => Spec.Inputs;

    /// <summary>Hidden width m.</summary>
    public int Width => Spec.Width;

    /// <summary>All hidden weights, unit-major (m·d values).</summary>
    public ReadOnlySpan<double> HiddenWeights => _hidden;

    /// <summary>Hidden unit u_j ∈ ℝ^d.</summary>
    public ReadOnlySpan<double> Unit(int j) => new(_hidden, j * Spec.Inputs, Spec.Inputs);

    /// <summary>Output weights v ∈ {−1, +1}^m.</summary>
    public ReadOnlySpan<double> OutputWeights => _outputs;

    /// <summary>Labels y ∈ ℝ^n.</summary>
    public ReadOnlySpan<double> Labels => _labels;

    /// <summary>The fused planted weights w* with w*_j = u_j·v_j (block-major, length m·d, s nonzeros).</summary>
    public SparseVector FusedWeights { get; }

    /// <summary>Draws the instance described by <paramref name="spec"/>.</summary>
    public static PlantedNetwork Create(PlantedNetworkSpec spec)
    {
        spec.Validate();
        int d = spec.Inputs, m = spec.Width;
        var data = DataMatrix.Gaussian(spec.Samples, d, new SeededRandom(spec.Seed, RandomStream.Data));

        int[] positions = PlacePositions(spec, new SeededRandom(spec.Seed, RandomStream.Support));
        Array.Sort(positions);
        var values = new SeededRandom(spec.Seed, RandomStream.HiddenWeights);
        var hidden = new double[d * m];
        foreach (int position in positions)
        {
            hidden[position] = spec.Weights switch
            {
                WeightDistribution.Gaussian => NonZeroGaussian(values),
                WeightDistribution.Signs => values.NextSign(),
                WeightDistribution.Ones => 1.0,
                _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Weights, "unknown weight distribution"),
            };
        }

        var signs = new SeededRandom(spec.Seed, RandomStream.OutputWeights);
        var outputs = new double[m];
        for (int j = 0; j < m; j++)
        {
            outputs[j] = spec.Outputs == TwoLayerRelu.OutputWeights.Signs ? signs.NextSign() : 1.0;
        }

        return new PlantedNetwork(spec, data, hidden, outputs);
    }

    /// <summary>y_i = Σ_j relu(x_iᵀ u_j)·v_j, with x_iᵀ u_j computed by <see cref="VectorKernels.Dot"/>.</summary>
    public static double[] Evaluate(DataMatrix data, ReadOnlySpan<double> hidden, ReadOnlySpan<double> outputs)
    {
        int d = data.Columns, m = outputs.Length;
        var y = new double[data.Rows];
        for (int i = 0; i < data.Rows; i++)
        {
            ReadOnlySpan<double> row = data.Row(i);
            double sum = 0;
            for (int j = 0; j < m; j++)
            {
                double pre = VectorKernels.Dot(row, hidden.Slice(j * d, d));
                if (pre > 0)
                {
                    sum += pre * outputs[j];
                }
            }

            y[i] = sum;
        }

        return y;
    }

    private static int[] PlacePositions(PlantedNetworkSpec spec, SeededRandom random)
    {
        int d = spec.Inputs, m = spec.Width, s = spec.Nonzeros;
        if (!spec.KeepUnitsNonEmpty)
        {
            return random.SampleWithoutReplacement(d * m, s);
        }

        // One uniformly chosen coordinate per unit, then s − m more uniformly among the remaining positions.
        var positions = new List<int>(s);
        var taken = new HashSet<int>();
        for (int j = 0; j < m; j++)
        {
            int position = j * d + random.NextInt(d);
            positions.Add(position);
            taken.Add(position);
        }

        int remaining = s - m;
        if (remaining > 0)
        {
            // Sample ranks among the d·m − m free positions, then map ranks to positions.
            int[] ranks = random.SampleWithoutReplacement(d * m - m, remaining);
            int[] free = Enumerable.Range(0, d * m).Where(p => !taken.Contains(p)).ToArray();
            positions.AddRange(ranks.Select(r => free[r]));
        }

        return positions.ToArray();
    }

    private static double NonZeroGaussian(SeededRandom random)
    {
        double value;
        do
        {
            value = random.NextGaussian();
        }
        while (value == 0);
        return value;
    }

    private static SparseVector Fuse(int d, double[] hidden, double[] outputs)
    {
        var indices = new List<int>();
        var values = new List<double>();
        for (int c = 0; c < hidden.Length; c++)
        {
            if (hidden[c] != 0)
            {
                indices.Add(c);
                values.Add(hidden[c] * outputs[c / d]);
            }
        }

        return SparseVector.FromSortedOwned(hidden.Length, indices.ToArray(), values.ToArray());
    }
}
