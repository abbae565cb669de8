using System.Numerics.Tensors;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Experiments.Baselines;

/// <summary>
/// A dense two-layer scalar-output ReLU network without bias, ŷ = Σ_j relu(xᵀu_j)·v_j, as trained by the paper's
/// baseline (a PyTorch <c>nn.Linear(d, m, bias=False)</c> followed by <c>nn.Linear(m, 1, bias=False)</c>).
/// All parameters live in one flat vector θ of length d·m + m: the hidden weight of input l into unit j at
/// <c>l·m + j</c> (input-major, so one sample's pre-activations are d vector updates of length m), then the output
/// weights v_j at <c>d·m + j</c>. Memory is O(d·m): this is the dense model that pruning starts from.
/// </summary>
public sealed class DenseReluNetwork
{
    private readonly double[] _parameters;

    /// <summary>A network of <paramref name="inputs"/> inputs and <paramref name="width"/> hidden units with the given parameters (copied).</summary>
    public DenseReluNetwork(int inputs, int width, ReadOnlySpan<double> parameters)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (parameters.Length != ParameterCountOf(inputs, width))
        {
            throw new ArgumentException($"expected d·m + m = {ParameterCountOf(inputs, width)} parameters, got {parameters.Length}", nameof(parameters));
        }

        Inputs = inputs;
        Width = width;
        _parameters = parameters.ToArray();
    }

    /// <summary>Input dimension d.</summary>
    public int Inputs { get; }

    /// <summary>Hidden width m.</summary>
    public int Width { get; }

    /// <summary>d·m + m: hidden and output weights, all of which count towards the sparsity s.</summary>
    public int ParameterCount => _parameters.Length;

    /// <summary>The flat parameter vector θ (hidden weights input-major, then output weights); writable.</summary>
    public Span<double> Parameters => _parameters;

    /// <summary>Number of nonzero parameters (hidden and output weights).</summary>
    public int NonzeroCount => _parameters.Count(p => p != 0);

    /// <summary>d·m + m.</summary>
    public static int ParameterCountOf(int inputs, int width) => checked((inputs * width) + width);

    /// <summary>The index in θ of the weight from input <paramref name="input"/> into unit <paramref name="unit"/>.</summary>
    public int HiddenIndex(int input, int unit) => (input * Width) + unit;

    /// <summary>The index in θ of the output weight of unit <paramref name="unit"/>.</summary>
    public int OutputIndex(int unit) => (Inputs * Width) + unit;

    /// <summary>
    /// PyTorch's default initialisation of <c>nn.Linear</c>: every weight uniform in (−1/√fan_in, 1/√fan_in), with
    /// fan_in = d for the hidden layer and m for the output layer, drawn from <paramref name="random"/> in θ's order.
    /// </summary>
    public static DenseReluNetwork Initialize(int inputs, int width, SeededRandom random)
    {
        var parameters = new double[ParameterCountOf(inputs, width)];
        double hiddenBound = 1 / Math.Sqrt(inputs), outputBound = 1 / Math.Sqrt(width);
        for (int i = 0; i < parameters.Length; i++)
        {
            double bound = i < inputs * width ? hiddenBound : outputBound;
            parameters[i] = ((2 * random.NextDouble()) - 1) * bound;
        }

        return new DenseReluNetwork(inputs, width, parameters);
    }

    /// <summary>ŷ_i = Σ_j relu(x_iᵀu_j)·v_j for every row of <paramref name="data"/>.</summary>
    public double[] Predict(DataMatrix data)
    {
        RequireInputs(data);
        var predictions = new double[data.Rows];
        var hidden = new double[Width];
        for (int i = 0; i < data.Rows; i++)
        {
            predictions[i] = Forward(data.Row(i), hidden);
        }

        return predictions;
    }

    /// <summary>
    /// The mean squared error (1/n)·Σ_i (ŷ_i − y_i)² (PyTorch's <c>MSELoss</c>) and its gradient with respect to θ,
    /// written into <paramref name="gradient"/>. One pass over the samples in order, O(m) scratch: the n×m hidden
    /// activations are never stored.
    /// </summary>
    public double LossAndGradient(DataMatrix data, ReadOnlySpan<double> labels, Span<double> gradient)
    {
        RequireInputs(data);
        if (labels.Length != data.Rows || gradient.Length != ParameterCount)
        {
            throw new ArgumentException($"need {data.Rows} labels and a gradient of length {ParameterCount}, got {labels.Length} and {gradient.Length}");
        }

        int d = Inputs, m = Width, n = data.Rows;
        gradient.Clear();
        ReadOnlySpan<double> outputs = new(_parameters, d * m, m);
        Span<double> hiddenGradient = gradient[..(d * m)];
        Span<double> outputGradient = gradient.Slice(d * m, m);
        var hidden = new double[m];
        var delta = new double[m];
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> x = data.Row(i);
            double residual = Forward(x, hidden) - labels[i];
            loss += residual * residual;
            double scale = 2 * residual / n;

            // ∂/∂v_j = scale·relu(h_j); ∂/∂u_lj = scale·v_j·1[h_j > 0]·x_l.
            bool any = false;
            for (int j = 0; j < m; j++)
            {
                double h = hidden[j];
                if (h > 0)
                {
                    outputGradient[j] += scale * h;
                    delta[j] = scale * outputs[j];
                    any = true;
                }
                else
                {
                    delta[j] = 0;
                }
            }

            if (!any)
            {
                continue;
            }

            for (int l = 0; l < d; l++)
            {
                double xl = x[l];
                if (xl != 0)
                {
                    Span<double> row = hiddenGradient.Slice(l * m, m);
                    TensorPrimitives.MultiplyAdd(delta, xl, row, row);
                }
            }
        }

        return loss / n;
    }

    /// <summary>The mean squared error on <paramref name="data"/> and <paramref name="labels"/>.</summary>
    public double Loss(DataMatrix data, ReadOnlySpan<double> labels)
    {
        double[] predictions = Predict(data);
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double r = predictions[i] - labels[i];
            sum += r * r;
        }

        return sum / predictions.Length;
    }

    /// <summary>
    /// The fused weights w_j = u_j·v_j in the block-major layout of the sensing operator (block j at
    /// <c>[j·d, j·d + d)</c>, length m·d), so the network compares with a planted one as the solvers' iterates do.
    /// </summary>
    public SparseVector FusedWeights()
    {
        int d = Inputs, m = Width;
        var indices = new List<int>();
        var values = new List<double>();
        for (int j = 0; j < m; j++)
        {
            double v = _parameters[OutputIndex(j)];
            for (int l = 0; l < d; l++)
            {
                double fused = _parameters[HiddenIndex(l, j)] * v;
                if (fused != 0)
                {
                    indices.Add((j * d) + l);
                    values.Add(fused);
                }
            }
        }

        return new SparseVector(d * m, indices.ToArray(), values.ToArray());
    }

    // h = Xᵢ·U (d row updates of length m), returns Σ_j relu(h_j)·v_j; leaves h in `hidden`.
    private double Forward(ReadOnlySpan<double> x, Span<double> hidden)
    {
        int d = Inputs, m = Width;
        hidden.Clear();
        ReadOnlySpan<double> weights = _parameters;
        for (int l = 0; l < d; l++)
        {
            double xl = x[l];
            if (xl != 0)
            {
                TensorPrimitives.MultiplyAdd(weights.Slice(l * m, m), xl, hidden, hidden);
            }
        }

        double output = 0;
        ReadOnlySpan<double> outputs = weights.Slice(d * m, m);
        for (int j = 0; j < m; j++)
        {
            if (hidden[j] > 0)
            {
                output += hidden[j] * outputs[j];
            }
        }

        return output;
    }

    private void RequireInputs(DataMatrix data)
    {
        if (data.Columns != Inputs)
        {
            throw new ArgumentException($"the data have {data.Columns} columns but the network has d = {Inputs} inputs");
        }
    }
}
