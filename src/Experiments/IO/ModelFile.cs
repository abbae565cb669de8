using System.Text;
using System.Text.Json;
using SparseIhtVerify.Experiments.Fitting;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;

namespace SparseIhtVerify.Experiments.IO;

/// <summary>
/// The model file of a <see cref="FittedNetwork"/>: an <c>.npz</c> archive (<see cref="NpzArchive"/>) of
/// <c>generators.npy</c> (p×d float64, h_j in row j), <c>weights.npy</c> (p×d float64, w_j in row j) and <c>header.json</c>
/// (<see cref="ModelHeader"/>, UTF-8). In Python: <c>z = np.load("model.npz"); h = z["generators"]; w = z["weights"];
/// header = json.loads(z["header.json"])</c>, and ŷ = <c>((X @ h.T >= 0) * (X @ w.T)).sum(axis=1)</c> (<c>&gt; 0</c> when
/// header["patternRule"] is "gt"). The same model gives the same bytes.
/// </summary>
public static class ModelFile
{
    /// <summary>The header's <c>format</c> value.</summary>
    public const string Format = "sparse-iht-model";

    /// <summary>The header's <c>formatVersion</c> this code reads and writes.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> (through a temporary file).</summary>
    public static void Save(string path, FittedNetwork model)
    {
        var header = new ModelHeader(
            Format, Version, "two-layer-relu", model.Inputs, model.Blocks, PatternRules.Word(model.Rule), GateEvaluations.Word(model.Gates),
            model.Weights.Count, model.Provenance,
            "yhat[i] = sum_j [X[i] @ generators[j] >= 0] * (X[i] @ weights[j]), '>' for patternRule gt");
        NpzArchive.Write(path, [
            ("generators.npy", NpzArchive.Array(model.Generators, model.Blocks, model.Inputs)),
            ("weights.npy", NpzArchive.Array(model.Weights.ToDense(), model.Blocks, model.Inputs)),
            ("header.json", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header, Json) + "\n")),
        ]);
    }

    /// <summary>Reads a model file.</summary>
    /// <exception cref="InvalidDataException">The file is not a readable model of this format; the message says why.</exception>
    public static FittedNetwork Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException(Directory.Exists(path) ? $"'{path}' is a directory: give a model file" : $"'{path}' does not exist");
        }

        ModelHeader header;
        try
        {
            header = JsonSerializer.Deserialize<ModelHeader>(NpzArchive.ReadMember(path, "header.json"), Json)
                ?? throw new InvalidDataException("header.json is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"header.json is not a model header ({e.Message})");
        }

        if (header.Format != Format || header.FormatVersion != Version)
        {
            throw new InvalidDataException($"is not a {Format} file of version {Version} (format '{header.Format}', version {header.FormatVersion})");
        }

        if (header.Inputs < 1 || header.Blocks < 1)
        {
            throw new InvalidDataException($"header.json says d = {header.Inputs} and p = {header.Blocks}; both must be at least 1");
        }

        (int[] hShape, double[] generators) = NpzArchive.ReadArray(path, "generators.npy");
        (int[] wShape, double[] weights) = NpzArchive.ReadArray(path, "weights.npy");
        int[] expected = [header.Blocks, header.Inputs];
        if (!hShape.SequenceEqual(expected) || !wShape.SequenceEqual(expected))
        {
            throw new InvalidDataException($"generators ({string.Join("×", hShape)}) and weights ({string.Join("×", wShape)}) must both be {header.Blocks}×{header.Inputs} as the header says");
        }

        PatternRule rule = PatternRules.Words.TryGetValue(header.PatternRule, out PatternRule r) ? r
            : throw new InvalidDataException($"patternRule '{header.PatternRule}' is not one of {string.Join(", ", PatternRules.Words.Keys)}");
        GateEvaluation gates = GateEvaluations.Words.TryGetValue(header.Gates, out GateEvaluation g) ? g
            : throw new InvalidDataException($"gates '{header.Gates}' is not one of {string.Join(", ", GateEvaluations.Words.Keys)}");

        if (!VectorKernels.AllFinite(generators) || !VectorKernels.AllFinite(weights))
        {
            throw new InvalidDataException("generators and weights must be finite");
        }

        return new FittedNetwork(header.Inputs, generators, SparseVector.FromDense(weights), rule, gates, header.Fit);
    }
}

/// <summary>The <c>header.json</c> of a model file.</summary>
/// <param name="Format">Always <c>sparse-iht-model</c>.</param>
/// <param name="FormatVersion">1.</param>
/// <param name="Model">Always <c>two-layer-relu</c>.</param>
/// <param name="Inputs">d.</param>
/// <param name="Blocks">p.</param>
/// <param name="PatternRule">geq (1[xᵀh ≥ 0]) or gt (1[xᵀh &gt; 0]).</param>
/// <param name="Gates">dense or sparse: how xᵀh_j is rounded (<see cref="GateEvaluation"/>); numpy's own rounding agrees except within a few ulps of 0.</param>
/// <param name="Nonzeros">The nonzero weights held.</param>
/// <param name="Fit">How the model was fitted.</param>
/// <param name="Prediction">The prediction formula, in words.</param>
public sealed record ModelHeader(string Format, int FormatVersion, string Model, int Inputs, int Blocks, string PatternRule, string Gates, int Nonzeros, FitProvenance Fit, string Prediction);
