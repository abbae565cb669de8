namespace SparseIhtVerify.Solver.Kernels;

/// <summary>Per-thread scratch of <see cref="SupportKernels.Adjoint"/>: eight partial sums per support position.</summary>
public sealed class SupportScratch
{
    [ThreadStatic]
    private static SupportScratch? t_current;

    internal AlignedBuffer Partials { get; } = new();

    /// <summary>The calling thread's own scratch.</summary>
    public static SupportScratch ForCurrentThread() => t_current ??= new SupportScratch();
}
