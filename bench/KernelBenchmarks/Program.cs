using BenchmarkDotNet.Running;

namespace SparseIhtVerify.KernelBenchmarks;

public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
