using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Solver.Solvers;
using SparseIhtVerify.Solver.Thresholding;

namespace SparseIhtVerify.Properties.Solvers;

/// <summary>
/// One CoSaMP step against a textbook twin on the dense A: g = Aᵀ(Aw − y) by plain sums, U = supp w ∪ supp H_2k(g off
/// supp w), b = argmin ‖A_U z − y‖ by MathNet's QR, w⁺ = H_k(b), r⁺ = A w⁺ − y.
/// </summary>
public sealed class CoSaMPProperties
{
    /// <summary>A Gaussian A (n×N), labels y, and an iterate w with at most k entries (possibly none).</summary>
    public sealed record StepCase(int Rows, int Columns, int Projection, int Held, long Seed)
    {
        public override string ToString() => $"StepCase(n={Rows}, N={Columns}, k={Projection}, |supp w|={Held}, seed={Seed})";
    }

    private static Gen<StepCase> StepGen =>
        from k in Gen.Choose(1, 6)
        from columns in Gen.Choose(k + 1, 60)
        from held in Gen.OneOf(Gen.Constant(0), Gen.Constant(Math.Min(k, columns)), Gen.Choose(0, Math.Min(k, columns)))
        from extra in Gen.Choose(5, 40)
        from seed in InstanceGenerators.Seed
        select new StepCase(3 * k + extra, columns, k, held, seed);

    // w⁺ and its residual equal the textbook twin's: the 2k candidates off supp w are merged with supp w, fitted by least squares, and thresholded to k.
    [Property(MaxTest = 150)]
    public Property StepIsLeastSquaresOnTheMergedSupportThresholdedToK() =>
        Prop.ForAll(StepGen.ToArbitrary(), c => Check(c).ToProperty(c.ToString(), "w = 0", "|U| = 3k", "fewer than 2k columns off supp w", "near tie at the 2k-th candidate"));

    // Premise rates: w = 0 in at least 15% of cases and the merged support holds the full 3k columns in at least 15%
    // (by the generator about 38% each; a floor ≥ 3.5 binomial deviations below that over 60 draws).
    [Property(MaxTest = 1)]
    public Property StepCasesCoverEmptyAndFullMergesOftenEnough() =>
        Prop.ForAll(Gen.ArrayOf(StepGen, 60).ToArbitrary(), cases => PremiseFloor.Floor(cases, Check, ("w = 0", 0.15), ("|U| = 3k", 0.15)));

    private static CaseVerdict Check(StepCase c)
    {
        var v = new CaseVerdict();
        var sensing = new GaussianSensingOperator(c.Rows, c.Columns, c.Seed);
        var random = new SeededRandom(c.Seed, RandomStream.Support);
        double[] labels = Enumerable.Range(0, c.Rows).Select(_ => random.NextGaussian()).ToArray();
        int[] support = random.SampleWithoutReplacement(c.Columns, c.Held).Order().ToArray();
        var w = new SparseVector(c.Columns, support, support.Select(_ => random.NextGaussian()).ToArray());

        var state = new SolverState(sensing, labels, new SolverOptions(Solver: SolverCatalogue.CoSaMP, Projection: c.Projection));
        state.Weights = w;
        state.Residual = state.ResidualOf(w);
        state.Gradient.Compute(w, state.Residual);
        StepOutcome outcome = SolverCatalogue.CoSaMP.CreateStep().Take(state);

        // The twin, on the dense A.
        Matrix<double> a = sensing.ColumnSubmatrix(Enumerable.Range(0, c.Columns).ToArray());
        Vector<double> y = Vector<double>.Build.DenseOfArray(labels);
        Vector<double> gradient = a.TransposeThisAndMultiply(a * Vector<double>.Build.DenseOfArray(w.ToDense()) - y);
        double[] off = gradient.ToArray();
        foreach (int i in support)
        {
            off[i] = 0;
        }

        SparseVector candidates = HardThreshold.Apply(off, 2 * c.Projection);
        int[] merged = support.Concat(candidates.Indices.ToArray()).Order().ToArray();
        double[] magnitudes = off.Select(Math.Abs).OrderDescending().ToArray();
        int offColumns = c.Columns - c.Held;
        bool nearTie = offColumns > 2 * c.Projection && magnitudes[2 * c.Projection - 1] - magnitudes[2 * c.Projection] <= 1e-9 * magnitudes[0];
        v.Tag(c.Held == 0, "w = 0");
        v.Tag(merged.Length == 3 * c.Projection, "|U| = 3k");
        v.Tag(offColumns < 2 * c.Projection, "fewer than 2k columns off supp w");
        v.Tag(nearTie, "near tie at the 2k-th candidate");
        if (nearTie)
        {
            return v;
        }

        double[] b = Matrix<double>.Build.Dense(c.Rows, merged.Length, (i, t) => a[i, merged[t]]).QR().Solve(y).ToArray();
        SparseVector expected = HardThreshold.Apply(c.Columns, merged, b, c.Projection);
        double[] expectedResidual = (a * Vector<double>.Build.DenseOfArray(expected.ToDense()) - y).ToArray();

        v.Require(outcome.Next.Indices.SequenceEqual(expected.Indices),
            () => $"supp w⁺ = [{string.Join(",", outcome.Next.Indices.ToArray())}], the twin's [{string.Join(",", expected.Indices.ToArray())}] (U = [{string.Join(",", merged)}])");
        Closeness.Outcome values = Closeness.Compare(outcome.Next.Values, expected.Values, b, terms: c.Rows);
        v.Require(values.Ok, () => $"w⁺ values differ from the twin's: {values}");
        Closeness.Outcome residual = Closeness.Compare(outcome.Residual, expectedResidual, labels, terms: c.Rows);
        v.Require(residual.Ok, () => $"r⁺ differs from A w⁺ − y: {residual}");
        v.Require(outcome.Step == 0, () => $"CoSaMP reports step {outcome.Step}, not 0");
        return v;
    }
}
