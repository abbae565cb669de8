using MathNet.Numerics.LinearAlgebra;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Theory.Constants;

namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>
/// Identifiability of an s-sparse w* from y = Aw*: if α_2s &gt; 0 no other s-sparse w has Aw = y (their difference
/// would be a 2s-sparse null vector). When α_2s is numerically zero, the null vector of G_S on the witness support
/// names the dependent columns; when two blocks have identical patterns and one carries planted weights, moving
/// that block's weights to its twin gives a second s-sparse solution, which is built and its residual reported.
/// </summary>
public static class IdentifiabilityCheck
{
    /// <summary>Below this (relative to β_2s) α_2s counts as zero.</summary>
    public const double ZeroTolerance = 1e-10;

    /// <summary>Runs the check from the level-2s constants.</summary>
    public static IdentifiabilityReport Check(SensingOperator sensing, RestrictedConstants level2s, SparseVector truth, ReadOnlySpan<double> labels, ActivationPatternOperator? structure)
    {
        bool solves = Representation.ModelCheck.RelativeResidual(sensing, truth, labels) <= Representation.ModelCheck.SolutionTolerance;
        string unique = solves ? "w* is the only s-sparse solution of Aw = y" : "at most one s-sparse w solves Aw = y (w* does not: Aw* ≠ y for this dictionary)";
        if (level2s.AlphaCertified is double certified && certified > ZeroTolerance * Math.Max(1, level2s.BetaWitness))
        {
            return new IdentifiabilityReport(IdentifiabilityStatus.Certified, level2s.AlphaWitness, certified, [], null, null,
                $"certified α_2s ≥ {certified.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)} > 0 ({RestrictedConstants.Normalisation}): {unique}");
        }

        if (level2s.AlphaWitness > ZeroTolerance * Math.Max(1, level2s.BetaWitness))
        {
            return new IdentifiabilityReport(IdentifiabilityStatus.Estimated, level2s.AlphaWitness, level2s.AlphaCertified, [], null, null,
                $"no support of size 2s found with λ_min(G_S) below {level2s.AlphaWitness.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}, but nothing certifies α_2s > 0");
        }

        int[] dependent = NullVectorSupport(sensing, level2s.AlphaWitnessSupport);
        (SparseVector? second, double? residual) = structure is null ? (null, null) : MoveToTwin(structure, truth, labels);
        string text = second is null
            ? $"α_2s ≈ 0: columns [{string.Join(", ", dependent)}] are linearly dependent, so two s-sparse vectors share an image"
            : $"α_2s ≈ 0: moving a planted block to a block with the identical pattern gives a second s-sparse solution (relative residual {residual:G3})";
        return new IdentifiabilityReport(IdentifiabilityStatus.NotIdentifiable, level2s.AlphaWitness, level2s.AlphaCertified, dependent, second, residual, text);
    }

    /// <summary>The columns where the eigenvector of λ_min(G_S) is not negligible.</summary>
    public static int[] NullVectorSupport(SensingOperator sensing, IReadOnlyList<int> support)
    {
        if (support.Count == 0 || support.Count > SymmetricEigenvalues.DenseSupportLimit)
        {
            // Too large to decompose densely: the whole witness support is reported.
            return support.ToArray();
        }

        Matrix<double> gram = SymmetricEigenvalues.Gram(sensing, support.ToArray());
        var evd = gram.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        int smallest = 0;
        for (int i = 1; i < gram.RowCount; i++)
        {
            if (evd.EigenValues[i].Real < evd.EigenValues[smallest].Real)
            {
                smallest = i;
            }
        }

        Vector<double> v = evd.EigenVectors.Column(smallest);
        double largest = v.AbsoluteMaximum();
        return support.Where((_, t) => Math.Abs(v[t]) > 1e-6 * largest).ToArray();
    }

    /// <summary>
    /// If blocks a ≠ b have identical patterns and w*_a ≠ 0 while w*_b = 0, the vector w₂ with w₂_b = w*_a, w₂_a = 0
    /// has A w₂ = A w* (the columns of a and b coincide) and the same sparsity.
    /// </summary>
    public static (SparseVector? Solution, double? RelativeResidual) MoveToTwin(ActivationPatternOperator structure, SparseVector truth, ReadOnlySpan<double> labels)
    {
        int d = structure.BlockSize, p = structure.Blocks;
        var carries = new bool[p];
        foreach (int index in truth.Indices)
        {
            carries[index / d] = true;
        }

        for (int a = 0; a < p; a++)
        {
            if (!carries[a])
            {
                continue;
            }

            for (int b = 0; b < p; b++)
            {
                if (b == a || carries[b] || !structure.Patterns.Mask(a).SequenceEqual(structure.Patterns.Mask(b)))
                {
                    continue;
                }

                double[] dense = truth.ToDense();
                for (int l = 0; l < d; l++)
                {
                    dense[b * d + l] = dense[a * d + l];
                    dense[a * d + l] = 0;
                }

                SparseVector second = SparseVector.FromDense(dense);
                double[] image = structure.Forward(second);
                VectorKernels.Axpy(-1, labels, image);
                return (second, VectorKernels.Norm(image) / VectorKernels.Norm(labels));
            }
        }

        return (null, null);
    }
}
