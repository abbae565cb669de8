namespace SparseIhtVerify.Solver.Solvers;

/// <summary>
/// The solver catalogue, one row per member of the hard-thresholding family (theory.md §2). A member is its folder
/// (its step and its events) plus one row here; the driver (<see cref="Algorithms.IterativeSolver"/>), the command
/// line and the sweep read everything else from the row.
/// </summary>
public static class SolverCatalogue
{
    /// <summary>IHT with a fixed step.</summary>
    public static SolverKind Iht { get; } = new("iht", "w ← H_k(w − μ Aᵀ(Aw − y)) with a fixed step μ",
        "Blumensath & Davies 2009", usesFixedStep: true, usesInnerSteps: false, () => new IhtStep());

    /// <summary>Normalised IHT.</summary>
    public static SolverKind Niht { get; } = new("niht", "the IHT step with the adaptive μ = ‖g_S‖²/‖A_S g_S‖² and the ω shrink test",
        "Blumensath & Davies 2010", usesFixedStep: false, usesInnerSteps: false, () => new NihtStep());

    /// <summary>Accelerated IHT as in the reference code.</summary>
    public static SolverKind Aiht { get; } = new("aiht", "the NIHT step without the ω test, then K Armijo gradient steps on the new support",
        "the reference code (theory.md §2)", usesFixedStep: false, usesInnerSteps: true, () => new AihtStep());

    /// <summary>Hard thresholding pursuit.</summary>
    public static SolverKind Htp { get; } = new("htp", "the IHT step picks the support T, then w_T ← least squares on A_T",
        "Foucart 2011", usesFixedStep: true, usesInnerSteps: false, () => new HtpStep());

    /// <summary>Compressive sampling matching pursuit.</summary>
    public static SolverKind CoSaMP { get; } = new("cosamp", "U = supp w ∪ the 2k largest |g| off it, b ← least squares on A_U, w ← H_k(b)",
        "Needell & Tropp 2009; Foucart & Rauhut 2013, §6.3", usesFixedStep: false, usesInnerSteps: false, () => new CoSaMPStep(), candidates: k => 2 * k);

    /// <summary>Every row, in the order results, help texts and plots use.</summary>
    public static IReadOnlyList<SolverKind> All { get; } = [Iht, Niht, Aiht, Htp, CoSaMP];

    /// <summary>The words of the rows with <paramref name="property"/>, joined by <paramref name="separator"/> (e.g. "iht and htp" for those that take a fixed step).</summary>
    public static string Words(Func<SolverKind, bool> property, string separator) => string.Join(separator, All.Where(property).Select(s => s.Word));

    /// <summary>The row spelled <paramref name="word"/>, or null.</summary>
    public static SolverKind? Find(string word) => All.FirstOrDefault(s => s.Word == word);
}
