using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;
using SparseIhtVerify.Theory.Constants;

namespace SparseIhtVerify.Properties;

/// <summary>
/// <see cref="SymmetricEigenvalues.Lanczos"/>, the eigensolver of supports beyond the dense limit: with |S| steps on G_S it
/// returns the dense extremes, and it is scale-free, since A·2^j has G_S·4^j and the same Krylov space.
/// </summary>
public sealed class LanczosProperties
{
    /// <summary>(|S|, rows beyond |S| + 2, the scale exponent j, the seed of A).</summary>
    private static Gen<(int, int, int, int)> Cases =>
        from k in Gen.Choose(2, 8)
        from extraRows in Gen.Choose(0, 20)
        from j in Gen.Elements(-200, -30, -3, 0, 3, 30, 200)
        from seed in Gen.Choose(1, 1_000_000)
        select (k, extraRows, j, seed);

    // |S| Lanczos steps on (2^j·A)_S give 4^j times the dense λ_min, λ_max of G_S (to 1e−9·λ_max) for j from −200 to 200: the breakdown test is relative to G_S's scale, not absolute.
    [Property(MaxTest = 60)]
    public Property FullLanczosEqualsTheDenseExtremesAtEveryScale() =>
        Prop.ForAll(Cases.ToArbitrary(), drawn =>
        {
            (int k, int extraRows, int j, int seed) = drawn;
            int rows = k + 2 + extraRows, columns = k + 3;
            var random = new SeededRandom(seed);
            var plain = new double[rows, columns];
            var scaled = new double[rows, columns];
            for (int i = 0; i < rows; i++)
            {
                for (int c = 0; c < columns; c++)
                {
                    plain[i, c] = random.NextGaussian();
                    scaled[i, c] = Math.ScaleB(plain[i, c], j);
                }
            }

            int[] support = [.. Enumerable.Range(1, k)];
            (double min, double max) = SymmetricEigenvalues.Extremes(SymmetricEigenvalues.Gram(new DenseMatrixOperator(plain), support));
            (double lanczosMin, double lanczosMax) = SymmetricEigenvalues.Lanczos(new DenseMatrixOperator(scaled), support, k);
            double factor = Math.ScaleB(1, 2 * j), tolerance = 1e-9 * max * factor;
            bool same = Math.Abs(lanczosMin - min * factor) <= tolerance && Math.Abs(lanczosMax - max * factor) <= tolerance;
            return same.Label($"Lanczos at 2^{j}: ({lanczosMin:R}, {lanczosMax:R}); dense × 4^{j}: ({min * factor:R}, {max * factor:R}); |S| = {k}, n = {rows}, seed {seed}")
                .Classify(j < 0, "scaled down").Classify(j > 0, "scaled up");
        });
}
