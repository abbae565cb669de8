using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;

namespace SparseIhtVerify.Experiments.Bench;

/// <summary>Settings of the step benchmark (<see cref="StepBenchmark"/>): the planted instance n, d, m, s and seed, the AIHT steps
/// timed, threads, the precision of the reported gradient pass (double | single), kernel repetitions and the kernel backend.</summary>
public sealed record BenchSettings(int Samples, int Inputs, int Width, int Nonzeros, long Seed, int Steps, int Threads, string Precision, int Repeats, IKernelBackend Backend = null!)
{
    /// <summary>The kernels the instance's operator runs (<see cref="KernelBackendCatalogue.Automatic"/> when none was given).</summary>
    public IKernelBackend Backend { get; init; } = Backend ?? KernelBackendCatalogue.Automatic;

    /// <summary>Throws <see cref="InvalidSettingException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        InvalidSettingException.RequireAtLeast("samples", Samples, 1);
        InvalidSettingException.RequireAtLeast("inputs", Inputs, 1);
        InvalidSettingException.RequireAtLeast("width", Width, 1);
        InvalidSettingException.RequireAtLeast("nonzeros", Nonzeros, 1);
        InvalidSettingException.RequireAtLeast("steps", Steps, 1);
        InvalidSettingException.RequireAtLeast("threads", Threads, 1);
        InvalidSettingException.RequireAtLeast("repeats", Repeats, 1);
        if (Precision is not ("double" or "single"))
        {
            throw new InvalidSettingException("precision", $"must be double or single, got '{Precision}'");
        }

        new PlantedNetworkSpec(Inputs, Width, Nonzeros, Samples, Seed, KeepUnitsNonEmpty: Nonzeros >= Width).Validate();
    }
}
