using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>
/// Builds and verifies pairs of distinct s-sparse vectors with one image, for the question without w*: a null vector v with
/// ‖v‖₀ = k ≤ 2s is split by support position into u = v on its first ⌈k/2⌉ indices and u′ = −v on the rest, so
/// u − u′ = v, both are s-sparse and u ≠ u′; the pair is kept when ‖Au − Au′‖ ≤ 1e−9·max(‖Au‖, ‖Au′‖), from two forward
/// products (0/0 counts as 0: both images exactly zero). When the halves do not verify, each half of two or more entries is
/// tried as a null vector in its own right: a singular vector may combine null vectors on disjoint column sets (two pairs of
/// parallel columns, say), and a split along that seam leaves two halves whose images are both rounding noise, so their relative
/// difference is O(1) although each half is itself a null vector. Every kept pair still passes the same relative test.
/// </summary>
internal sealed class ImagePairs : ICounterexamples
{
    private readonly SensingOperator _sensing;

    public ImagePairs(SensingOperator sensing, int sparsity, double tolerance)
    {
        _sensing = sensing;
        Sparsity = sparsity;
        Tolerance = tolerance;
    }

    /// <summary>s.</summary>
    public int Sparsity { get; }

    /// <summary>The relative image difference at or below which the images agree (1e−9).</summary>
    public double Tolerance { get; }

    /// <inheritdoc/>
    public List<SecondSolutionCandidate> Found { get; } = [];

    /// <summary>‖Au − Au′‖/max(‖Au‖, ‖Au′‖) by forward products (0 when both images are exactly zero).</summary>
    public double RelativeImageDifference(SparseVector u, SparseVector other)
    {
        double[] image = _sensing.Forward(u), second = _sensing.Forward(other);
        double scale = Math.Max(VectorKernels.Norm(image), VectorKernels.Norm(second));
        VectorKernels.Axpy(-1, second, image);
        double difference = VectorKernels.Norm(image);
        return difference == 0 ? 0 : difference / scale;
    }

    /// <inheritdoc/>
    public void FromNullVector(SparseVector v, IdentifiabilityMethod method, string origin)
    {
        SparseVector nonzero = SparseCombination.WithoutZeros(v);
        int k = nonzero.Count;
        if (k == 0 || k > 2 * Sparsity || !nonzero.IsFinite())
        {
            return;
        }

        int half = (k + 1) / 2;
        SparseVector u = SparseCombination.Slice(nonzero, 0, half);
        SparseVector other = SparseCombination.Slice(nonzero, half, k - half, scale: -1);
        double difference = RelativeImageDifference(u, other);
        if (difference <= Tolerance)
        {
            Found.Add(new SecondSolutionCandidate(u, other, difference, method, origin));
            return;
        }

        foreach (SparseVector part in new[] { u, other })
        {
            if (part.Count >= 2)
            {
                FromNullVector(part, method, origin);
            }
        }
    }
}
