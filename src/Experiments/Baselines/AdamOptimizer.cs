using SparseIhtVerify.Solver;

namespace SparseIhtVerify.Experiments.Baselines;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) with PyTorch's update: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
/// θ ← θ − (lr/(1 − β₁ᵗ))·m/(√v/√(1 − β₂ᵗ) + ε). Parameters outside the mask are neither read nor moved, which is
/// what PyTorch's pruning (θ_orig·mask, gradient masked) amounts to with a freshly reset optimiser.
/// </summary>
public sealed class AdamOptimizer
{
    private readonly double[] _first;
    private readonly double[] _second;
    private int _steps;

    /// <summary>An optimiser for <paramref name="size"/> parameters.</summary>
    /// <param name="size">Number of parameters.</param>
    /// <param name="learningRate">lr &gt; 0 (the paper's baseline uses 1e−3).</param>
    /// <param name="beta1">β₁ in [0, 1) (PyTorch default 0.9).</param>
    /// <param name="beta2">β₂ in [0, 1) (PyTorch default 0.999).</param>
    /// <param name="epsilon">ε &gt; 0 (PyTorch default 1e−8).</param>
    public AdamOptimizer(int size, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        InvalidSettingException.RequirePositive("imp-lr", learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), "β₁ and β₂ must lie in [0, 1)");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        _first = new double[size];
        _second = new double[size];
    }

    /// <summary>The learning rate lr.</summary>
    public double LearningRate { get; }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>Steps taken since the last <see cref="Reset"/>.</summary>
    public int Steps => _steps;

    /// <summary>Forgets the moments and the step count (a new optimiser, as the baseline makes every round).</summary>
    public void Reset()
    {
        Array.Clear(_first);
        Array.Clear(_second);
        _steps = 0;
    }

    /// <summary>One Adam step on the parameters whose <paramref name="mask"/> entry is true (all when the mask is empty).</summary>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, ReadOnlySpan<bool> mask)
    {
        if (parameters.Length != _first.Length || gradient.Length != _first.Length || (!mask.IsEmpty && mask.Length != _first.Length))
        {
            throw new ArgumentException($"expected {_first.Length} parameters, gradient entries and mask entries");
        }

        _steps++;
        double correction1 = 1 - Math.Pow(Beta1, _steps);
        double correction2 = Math.Sqrt(1 - Math.Pow(Beta2, _steps));
        double stepSize = LearningRate / correction1;
        for (int i = 0; i < parameters.Length; i++)
        {
            if (!mask.IsEmpty && !mask[i])
            {
                continue;
            }

            double g = gradient[i];
            _first[i] = (Beta1 * _first[i]) + ((1 - Beta1) * g);
            _second[i] = (Beta2 * _second[i]) + ((1 - Beta2) * g * g);
            parameters[i] -= stepSize * _first[i] / ((Math.Sqrt(_second[i]) / correction2) + Epsilon);
        }
    }
}
