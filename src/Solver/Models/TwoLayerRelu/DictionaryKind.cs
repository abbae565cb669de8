namespace SparseIhtVerify.Solver.Models.TwoLayerRelu;

/// <summary>How the generator vectors h_j that fix the activation patterns D_j = diag(1[X h_j ≥ 0]) are chosen.</summary>
public enum DictionaryKind
{
    /// <summary>h_j = u_j for the m planted units (p = m): A w* reproduces the network exactly.</summary>
    Planted,

    /// <summary>p = m + extra i.i.d. N(0, I_d) generators: the paper's convex mode, and the start of SCP mode.</summary>
    Random,

    /// <summary>The m planted units followed by <c>extra</c> random generators (p = m + extra).</summary>
    PlantedPlusRandom,
}
