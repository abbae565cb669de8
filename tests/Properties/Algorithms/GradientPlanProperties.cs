using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Properties;

/// <summary>
/// How <see cref="StreamedGradient"/> cuts the columns into chunks and spreads them over threads. The result is
/// bit-identical for every plan (SolverProperties checks that over thread counts), so what the plan promises is
/// memory and parallelism: every block covered once with no empty chunk, at most 384 blocks and 64k columns of
/// scratch per thread, the fewest chunks on one thread, every thread busy on several, panel-aligned when possible.
/// </summary>
public sealed class GradientPlanProperties
{
    private const int MaxChunkBlocks = 384;
    private const int ScratchColumns = 65536;
    private const int TargetDenseChunk = 4096;

    /// <summary>p blocks of size d on t threads.</summary>
    public sealed record PlanCase(int Blocks, int BlockSize, int Threads)
    {
        public override string ToString() => $"PlanCase(p={Blocks}, d={BlockSize}, threads={Threads})";
    }

    private static readonly Gen<PlanCase> PlanGen =
        from exponent in Gen.Choose(0, 1600)
        from d in Gen.Elements(1, 2, 3, 7, 20, 100, 784, 1500, 65536, 100_000)
        from threads in Gen.Frequency((2, Gen.Constant(1)), (3, Gen.Choose(2, 32)))
        select new PlanCase(Math.Max(1, (int)Math.Pow(10, exponent / 400.0)), d, threads);

    // The block plan covers p blocks with ⌈p/per⌉ non-empty chunks of per ≤ min(384, ⌊65536/d⌋) blocks; one thread gets the fewest chunks; t > 1 threads get at least min(t, p) chunks, at least 2t when p ≥ 192t (three requested, panel rounding may cost a fifth), and at most 2(max(⌈p/limit⌉, 3t) + t); per is a multiple of 16 unless rounding up to one breaks a limit.
    [Property(MaxTest = 400)]
    public Property BlockChunksCoverEveryBlockWithinTheLimits() =>
        Prop.ForAll(PlanGen.ToArbitrary(), c =>
        {
            (int columns, int chunks) = StreamedGradient.BlockChunks(c.Blocks, c.BlockSize, c.Threads);
            var v = new CaseVerdict();
            int limit = Math.Max(1, Math.Min(MaxChunkBlocks, ScratchColumns / c.BlockSize));
            int fewest = (c.Blocks + limit - 1) / limit;
            int busy = Math.Min(c.Threads, c.Blocks);
            v.Require(columns > 0 && columns % c.BlockSize == 0, () => $"{columns} columns per chunk are not whole blocks of {c.BlockSize}");
            int per = Math.Max(1, columns / c.BlockSize);
            v.Require(chunks == (c.Blocks + per - 1) / per, () => $"{chunks} chunks of {per} blocks for {c.Blocks} blocks (an empty or a missing chunk)");
            v.Require(per <= limit, () => $"{per} blocks per chunk exceed the limit {limit}");
            if (c.Threads == 1)
            {
                v.Require(chunks == fewest, () => $"one thread gets {chunks} chunks; {fewest} suffice");
            }
            else
            {
                v.Require(chunks >= busy, () => $"{chunks} chunks leave some of {c.Threads} threads idle on {c.Blocks} blocks");
                v.Require(c.Blocks < 192 * c.Threads || chunks >= 2 * c.Threads, () => $"{chunks} chunks for {c.Threads} threads on {c.Blocks} blocks: fewer than two each");
                int ceiling = 2 * (Math.Max(fewest, 3 * c.Threads) + c.Threads);
                v.Require(chunks <= ceiling, () => $"{chunks} chunks exceed {ceiling}");
            }

            int panel = GradientGemmKernel.PanelBlocks;
            int rounded = (per + panel - 1) / panel * panel;
            v.Tag(per % panel == 0, "panel-aligned");
            v.Require(per % panel == 0 || rounded > limit || (c.Blocks + rounded - 1) / rounded < busy, () => $"{per} blocks per chunk could be rounded to {rounded} within the limits");
            v.Tag(c.Threads > 1, "several threads");
            v.Tag(per == limit, "at the limit");
            return v.ToProperty(c.ToString(), "panel-aligned", "several threads", "at the limit");
        });

    /// <summary>A pass over an operator of N columns on t threads; dense operators have a chunk unit u of 1 or 64.</summary>
    public sealed record PassCase(int Kind, int Columns, int Inputs, int Threads, long Seed)
    {
        public override string ToString() => $"PassCase({(Kind == 0 ? "dense" : Kind == 1 ? "gaussian" : "network")}, N={Columns}, d={Inputs}, threads={Threads}, seed={Seed})";

        public SensingOperator Build()
        {
            if (Kind == 0)
            {
                return new DenseMatrixOperator(new double[1, Columns]);
            }

            if (Kind == 1)
            {
                return new GaussianSensingOperator(2, Columns, Seed);
            }

            var random = new SeededRandom(Seed, RandomStream.Estimation);
            DataMatrix data = DataMatrix.Gaussian(4, Inputs, random);
            var generators = new double[Columns];
            for (int i = 0; i < generators.Length; i++)
            {
                generators[i] = random.NextGaussian();
            }

            return new ActivationPatternOperator(data, ActivationPatterns.Compute(data, generators, PatternRule.GreaterOrEqual));
        }
    }

    private static readonly Gen<PassCase> PassGen =
        from kind in Gen.Choose(0, 2)
        from d in Gen.Elements(1, 2, 5)
        from blocks in Gen.Choose(1, kind == 2 ? 2000 : 12_000)
        from threads in Gen.Choose(1, 8)
        from seed in InstanceGenerators.Seed
        select new PassCase(kind, kind == 2 ? blocks * d : blocks, d, threads, seed);

    // A pass chunks a network operator by the block plan and any other operator by the largest multiple of its unit u not above 4096 columns (u itself when larger), and runs min(t, chunks) threads.
    [Property(MaxTest = 100)]
    public Property PassUsesThePlanAndEveryThreadThatHasAChunk() =>
        Prop.ForAll(PassGen.ToArbitrary(), c =>
        {
            SensingOperator sensing = c.Build();
            var pass = new StreamedGradient(sensing, 1, c.Threads);
            var v = new CaseVerdict();
            int expectedColumns, chunks;
            if (sensing is IGatedBlocks network)
            {
                (expectedColumns, chunks) = StreamedGradient.BlockChunks(network.Blocks, network.BlockSize, c.Threads);
            }
            else
            {
                int unit = sensing.ChunkColumns;
                expectedColumns = unit >= TargetDenseChunk ? unit : TargetDenseChunk / unit * unit;
                chunks = (sensing.Columns + expectedColumns - 1) / expectedColumns;
            }

            v.Require(pass.ChunkColumns == expectedColumns, () => $"chunks of {pass.ChunkColumns} columns, expected {expectedColumns}");
            v.Require(pass.Parallelism == Math.Min(c.Threads, chunks), () => $"{pass.Parallelism} threads for {chunks} chunks on {c.Threads} requested");
            v.Tag(chunks > 1, "several chunks");
            v.Tag(pass.Parallelism > 1, "several threads");
            return v.ToProperty(c.ToString(), "several chunks", "several threads");
        });
}
