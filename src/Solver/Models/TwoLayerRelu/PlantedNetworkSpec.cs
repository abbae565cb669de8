namespace SparseIhtVerify.Solver.Models.TwoLayerRelu;

/// <summary>
/// Everything that determines a planted instance: a two-layer scalar-output ReLU network
/// ŷ = Σ_j relu(X u_j)·v_j with <see cref="Width"/> hidden units u_j ∈ ℝ^d holding <see cref="Nonzeros"/>
/// nonzeros in total, and n Gaussian samples. The same spec always produces the same digits.
/// </summary>
/// <param name="Inputs">Input dimension d ≥ 1.</param>
/// <param name="Width">Hidden width m ≥ 1.</param>
/// <param name="Nonzeros">Total nonzeros s of the hidden weights, 1 ≤ s ≤ d·m (s ≥ m when <paramref name="KeepUnitsNonEmpty"/>).</param>
/// <param name="Samples">Number of samples n ≥ 1.</param>
/// <param name="Seed">The seed every random choice flows from.</param>
/// <param name="Weights">Distribution of the nonzero hidden weights.</param>
/// <param name="Outputs">Output weights: all +1 or random signs.</param>
/// <param name="KeepUnitsNonEmpty">
/// Place one nonzero in every unit first (a uniformly chosen coordinate), then the remaining s − m uniformly
/// among the other positions. An empty unit has a degenerate activation pattern (all on under <c>&gt;=</c>,
/// all off under <c>&gt;</c>). When false, all s positions are uniform over the d·m positions, as in the paper.
/// </param>
public sealed record PlantedNetworkSpec(
    int Inputs,
    int Width,
    int Nonzeros,
    int Samples,
    long Seed = 0,
    WeightDistribution Weights = WeightDistribution.Gaussian,
    OutputWeights Outputs = OutputWeights.Positive,
    bool KeepUnitsNonEmpty = false)
{
    /// <summary>Throws <see cref="InvalidSettingException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        InvalidSettingException.RequireAtLeast("inputs", Inputs, 1);
        InvalidSettingException.RequireAtLeast("width", Width, 1);
        InvalidSettingException.RequireAtLeast("samples", Samples, 1);
        long positions = (long)Inputs * Width;
        if (positions > int.MaxValue)
        {
            throw new InvalidSettingException("inputs", $"inputs × width must be at most {int.MaxValue}, got {positions}");
        }

        int lowest = KeepUnitsNonEmpty ? Width : 1;
        if (Nonzeros < lowest || Nonzeros > positions)
        {
            string why = KeepUnitsNonEmpty ? " (at least one per unit, since every unit is kept non-empty)" : string.Empty;
            throw new InvalidSettingException("nonzeros", $"must lie in [{lowest}, {positions}] = [{(KeepUnitsNonEmpty ? "width" : "1")}, inputs × width]{why}, got {Nonzeros}");
        }

        if ((long)Samples * Inputs > Array.MaxLength)
        {
            throw new InvalidSettingException("samples", $"samples × inputs must be at most {Array.MaxLength} (the data matrix is one array), got {(long)Samples * Inputs}");
        }
    }
}
