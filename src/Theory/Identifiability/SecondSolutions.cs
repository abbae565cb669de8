using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>
/// Builds and verifies second s-sparse solutions of Aw = y against a reference solution w_ref (w*, or the first solution
/// the exhaustive search found). From a null vector v (Av ≈ 0): w₂ = w_ref − (w_ref,i/v_i)·v for every
/// i ∈ supp v ∩ supp w_ref (coordinate i set to exactly 0), and w₂ = w_ref + (‖w_ref‖/‖v‖)·v.
/// A candidate is kept only when ‖w₂‖₀ ≤ s, ‖w₂ − w_ref‖ &gt; 1e−6·‖w_ref‖, and ‖Aw₂ − y‖/‖y‖ ≤ 1e−9 by a forward product.
/// </summary>
internal sealed class SecondSolutions : ICounterexamples
{
    /// <summary>Two solutions are distinct when ‖w₂ − w_ref‖ &gt; this·‖w_ref‖.</summary>
    public const double DistinctTolerance = 1e-6;

    private readonly SensingOperator _sensing;
    private readonly double[] _labels;
    private readonly double _labelsNorm;

    public SecondSolutions(SensingOperator sensing, int sparsity, double[] labels, double tolerance)
    {
        _sensing = sensing;
        Sparsity = sparsity;
        _labels = labels;
        _labelsNorm = VectorKernels.Norm(labels);
        Tolerance = tolerance;
    }

    /// <summary>s.</summary>
    public int Sparsity { get; }

    /// <summary>The relative residual at or below which w solves Aw = y (1e−9).</summary>
    public double Tolerance { get; }

    /// <summary>‖y‖.</summary>
    public double LabelsNorm => _labelsNorm;

    /// <summary>The solution second ones must differ from; null until one is known.</summary>
    public SparseVector? Reference { get; set; }

    /// <inheritdoc/>
    public List<SecondSolutionCandidate> Found { get; } = [];

    /// <summary>‖Aw − y‖/‖y‖ by a forward product.</summary>
    public double RelativeResidual(SparseVector w)
    {
        double[] image = _sensing.Forward(w);
        VectorKernels.Axpy(-1, _labels, image);
        return VectorKernels.Norm(image) / _labelsNorm;
    }

    /// <summary>True when ‖w − w_ref‖ &gt; 1e−6·‖w_ref‖.</summary>
    public bool IsDistinct(SparseVector w) => Reference is null || w.DistanceTo(Reference) > DistinctTolerance * Reference.Norm();

    /// <summary>Keeps <paramref name="second"/> (in <see cref="Found"/>) if it is s-sparse, finite, distinct from the reference and verified.</summary>
    public void Offer(SparseVector second, IdentifiabilityMethod method, string origin)
    {
        if (Reference is null || second.NonzeroCount > Sparsity || !second.IsFinite() || !IsDistinct(second))
        {
            return;
        }

        double residual = RelativeResidual(second);
        if (residual <= Tolerance)
        {
            Found.Add(new SecondSolutionCandidate(Reference, SparseCombination.WithoutZeros(second), residual, method, origin));
        }
    }

    /// <inheritdoc/>
    public void FromNullVector(SparseVector v, IdentifiabilityMethod method, string origin)
    {
        if (Reference is not { } reference || v.NonzeroCount == 0 || !v.IsFinite())
        {
            return;
        }

        for (int t = 0; t < v.Count; t++)
        {
            int i = v.Indices[t];
            if (v.Values[t] != 0 && reference[i] != 0)
            {
                Offer(SparseCombination.Add(reference, -reference[i] / v.Values[t], v, zeroAt: i), method, origin);
            }
        }

        // w_ref ≠ 0 always (it solves Aw = y with y ≠ 0); Offer keeps this one only when it is s-sparse.
        Offer(SparseCombination.Add(reference, reference.Norm() / v.Norm(), v), method, origin);
    }
}
