namespace SparseIhtVerify.Solver.Kernels;

/// <summary>
/// The kernel backend catalogue, one row per backend (a backend is its folder plus its row here). <see cref="Automatic"/>
/// is the first supported row of the fast ones, chosen at run time as Math.NET chooses its linear-algebra provider.
/// </summary>
public static class KernelBackendCatalogue
{
    /// <summary>The word that asks for <see cref="Automatic"/>.</summary>
    public const string AutomaticWord = "auto";

    /// <summary>AVX-512 register-tiled kernels.</summary>
    public static IKernelBackend Avx512 { get; } = new Avx512Backend();

    /// <summary>Portable vector kernels.</summary>
    public static IKernelBackend Portable { get; } = new PortableBackend();

    /// <summary>The plain twins.</summary>
    public static IKernelBackend Reference { get; } = new ReferenceBackend();

    /// <summary>Every row, fastest first.</summary>
    public static IReadOnlyList<IKernelBackend> All { get; } = [Avx512, Portable, Reference];

    /// <summary>The rows this machine can run.</summary>
    public static IReadOnlyList<IKernelBackend> Supported { get; } = [.. All.Where(b => b.IsSupported)];

    /// <summary>The fastest supported backend (never the reference).</summary>
    public static IKernelBackend Automatic { get; } = Avx512.IsSupported ? Avx512 : Portable;

    /// <summary>The backend spelled <paramref name="word"/> (<see cref="AutomaticWord"/>: <see cref="Automatic"/>), or null.</summary>
    public static IKernelBackend? Find(string word) => word == AutomaticWord ? Automatic : All.FirstOrDefault(b => b.Word == word);
}
