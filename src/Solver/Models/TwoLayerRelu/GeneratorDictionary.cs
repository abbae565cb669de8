using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Solver.Models.TwoLayerRelu;

/// <summary>
/// The p generator vectors h_1 … h_p ∈ ℝ^d of the gated reformulation (theory.md §1), stored block-major
/// (h_j occupies <c>[j·d, j·d+d)</c>). Block j of the sensing matrix is D_j X with D_j = diag(1[X h_j ≥ 0]).
/// </summary>
public sealed class GeneratorDictionary
{
    private readonly double[] _generators;

    /// <summary>Wraps <paramref name="generators"/> (p·d values, copied).</summary>
    public GeneratorDictionary(DictionaryKind kind, int inputs, ReadOnlySpan<double> generators, int plantedBlocks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        if (generators.Length == 0 || generators.Length % inputs != 0)
        {
            throw new ArgumentException($"generator values ({generators.Length}) must be a positive multiple of d = {inputs}");
        }

        if (!Kernels.VectorKernels.AllFinite(generators))
        {
            throw new ArgumentException("generators must be finite");
        }

        Kind = kind;
        Inputs = inputs;
        _generators = generators.ToArray();
        PlantedBlocks = plantedBlocks;
    }

    /// <summary>How the generators were chosen.</summary>
    public DictionaryKind Kind { get; }

    /// <summary>Input dimension d.</summary>
    public int Inputs { get; }

    /// <summary>Number of blocks p.</summary>
    public int Blocks => _generators.Length / Inputs;

    /// <summary>The leading blocks whose generators are planted units (m for planted dictionaries, 0 for random).</summary>
    public int PlantedBlocks { get; }

    /// <summary>All generators, block-major.</summary>
    public ReadOnlySpan<double> Generators => _generators;

    /// <summary>Generator h_j.</summary>
    public ReadOnlySpan<double> Generator(int j) => new(_generators, j * Inputs, Inputs);

    /// <summary>
    /// p = <paramref name="blocks"/> generators h_j ~ N(0, I_d), drawn from the <see cref="RandomStream.Dictionary"/> stream
    /// of <paramref name="seed"/> (the random dictionary of a planted instance with m + extra = p units has the same ones).
    /// </summary>
    public static GeneratorDictionary Random(int inputs, int blocks, long seed)
    {
        InvalidSettingException.RequireAtLeast("width", blocks, 1);
        if ((long)blocks * inputs > int.MaxValue)
        {
            throw new InvalidSettingException("width", $"blocks × inputs must be at most {int.MaxValue}, got {blocks} × {inputs}");
        }

        var values = new double[blocks * inputs];
        new SeededRandom(seed, RandomStream.Dictionary).FillGaussian(values);
        return new GeneratorDictionary(DictionaryKind.Random, inputs, values, 0);
    }

    /// <summary>
    /// Builds the dictionary of <paramref name="kind"/> for <paramref name="network"/>; random generators are
    /// N(0, I_d), drawn from the <see cref="RandomStream.Dictionary"/> stream of <paramref name="seed"/>.
    /// </summary>
    public static GeneratorDictionary Create(DictionaryKind kind, PlantedNetwork network, int extraUnits, long seed)
    {
        int d = network.Inputs, m = network.Width;
        if (extraUnits < 0)
        {
            throw new InvalidSettingException("extra-units", $"must be at least 0, got {extraUnits}");
        }

        switch (kind)
        {
            case DictionaryKind.Planted when extraUnits > 0:
                throw new InvalidSettingException("extra-units", $"must be 0 with the planted dictionary (the planted+random dictionary adds random generators), got {extraUnits}");
            case DictionaryKind.PlantedPlusRandom when extraUnits < 1:
                throw new InvalidSettingException("extra-units", $"must be at least 1 with the planted+random dictionary, got {extraUnits}");
        }

        int planted = kind == DictionaryKind.Random ? 0 : m;
        int random = kind == DictionaryKind.Planted ? 0 : (kind == DictionaryKind.Random ? m + extraUnits : extraUnits);
        if ((long)(planted + random) * d > int.MaxValue)
        {
            throw new InvalidSettingException("extra-units", $"blocks × inputs must be at most {int.MaxValue}");
        }

        var values = new double[(planted + random) * d];
        network.HiddenWeights[..(planted * d)].CopyTo(values);
        if (random > 0)
        {
            Random(d, random, seed).Generators.CopyTo(values.AsSpan(planted * d));
        }

        return new GeneratorDictionary(kind, d, values, planted);
    }
}
