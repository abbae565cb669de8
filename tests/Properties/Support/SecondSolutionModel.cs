using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;

namespace SparseIhtVerify.Properties.Support;

/// <summary>One documented counterexample: the pair, its verified residual, the kind of construction and its documented origin text.</summary>
public sealed record ModelPair(double[] First, double[] Second, double Residual, string Source, string Origin);

/// <summary>
/// The second-solution constructions IdentifiabilityCheck documents, rebuilt here from their definitions on dense vectors so
/// that the check's choice can be compared with the whole candidate set: from a null vector v and a reference w,
/// w − (w_i/v_i)·v with coordinate i set to 0 for every i ∈ supp v ∩ supp w, and w + (‖w‖/‖v‖)·v
/// (each kept when s-sparse, ‖w₂ − w‖ &gt; 1e−6‖w‖ and ‖Aw₂ − y‖/‖y‖ ≤ 1e−9); without w*, v split into its first ⌈k/2⌉ nonzeros u
/// and u′ = −(the rest), kept when k ≤ 2s and ‖Au − Au′‖ ≤ 1e−9·max(‖Au‖, ‖Au′‖), else each half of two or more entries split
/// in its turn. The reported pair is the one with the
/// smallest residual, then the fewest nonzeros, then the lowest support of the second vector, then of the first.
/// Residuals are forward products of the operator under test (the definition of "verified").
/// </summary>
public sealed class SecondSolutionModel(SensingOperator sensing, int sparsity, double[]? reference, double[] labels)
{
    private const double Tolerance = 1e-9, Distinct = 1e-6;

    public List<ModelPair> Pairs { get; } = [];

    private static int Nonzeros(double[] v) => v.Count(x => x != 0);

    private static double Norm(double[] v) => VectorKernels.Norm(v.Where(x => x != 0).ToArray());

    private static SparseVector Sparse(double[] v) => SparseVector.FromDense(v);

    /// <summary>Offers w₂ against the reference (the labels question).</summary>
    public void Offer(double[] second, string source, string origin)
    {
        double[] w = reference!;
        if (Nonzeros(second) > sparsity || second.Any(x => !double.IsFinite(x)))
        {
            return;
        }

        double distance = Math.Sqrt(second.Zip(w, (a, b) => (a - b) * (a - b)).Sum());
        if (!(distance > Distinct * Norm(w)))
        {
            return;
        }

        double[] image = sensing.Forward(Sparse(second));
        VectorKernels.Axpy(-1, labels, image);
        double residual = VectorKernels.Norm(image) / VectorKernels.Norm(labels);
        if (residual <= Tolerance)
        {
            Pairs.Add(new ModelPair(w, second, residual, source, origin));
        }
    }

    /// <summary>The constructions from one null vector v (dense, length N).</summary>
    public void FromNullVector(double[] v, string source, string origin)
    {
        if (reference is null)
        {
            SplitPair(v, source, origin);
            return;
        }

        double[] w = reference;
        if (Nonzeros(v) == 0)
        {
            return;
        }

        for (int i = 0; i < v.Length; i++)
        {
            if (v[i] != 0 && w[i] != 0)
            {
                double t = -w[i] / v[i];
                double[] second = w.Select((x, j) => x + t * v[j]).ToArray();
                second[i] = 0;
                Offer(second, source, origin);
            }
        }

        double scale = Norm(w) / Norm(v);
        Offer(w.Select((x, j) => x + scale * v[j]).ToArray(), source, origin);
    }

    private void SplitPair(double[] v, string source, string origin)
    {
        int[] support = Enumerable.Range(0, v.Length).Where(i => v[i] != 0).ToArray();
        int k = support.Length;
        if (k == 0 || k > 2 * sparsity)
        {
            return;
        }

        int half = (k + 1) / 2;
        var u = new double[v.Length];
        var other = new double[v.Length];
        for (int t = 0; t < k; t++)
        {
            if (t < half)
            {
                u[support[t]] = v[support[t]];
            }
            else
            {
                other[support[t]] = -v[support[t]];
            }
        }

        double[] a = sensing.Forward(Sparse(u)), b = sensing.Forward(Sparse(other));
        double scale = Math.Max(VectorKernels.Norm(a), VectorKernels.Norm(b));
        VectorKernels.Axpy(-1, b, a);
        double difference = VectorKernels.Norm(a);
        double relative = difference == 0 ? 0 : difference / scale;
        if (relative <= Tolerance)
        {
            Pairs.Add(new ModelPair(u, other, relative, source, origin));
            return;
        }

        // A failed split: each half of two or more entries is tried as a null vector of its own.
        foreach (double[] part in new[] { u, other })
        {
            if (Nonzeros(part) >= 2)
            {
                SplitPair(part, source, origin);
            }
        }
    }

    /// <summary>Lexicographic order of supports, then by length.</summary>
    public static int CompareSupports(double[] a, double[] b)
    {
        int[] x = Enumerable.Range(0, a.Length).Where(i => a[i] != 0).ToArray(), y = Enumerable.Range(0, b.Length).Where(i => b[i] != 0).ToArray();
        for (int t = 0; t < Math.Min(x.Length, y.Length); t++)
        {
            if (x[t] != y[t])
            {
                return x[t].CompareTo(y[t]);
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    /// <summary>The documented choice, or null when no construction verified.</summary>
    public ModelPair? Best() =>
        Pairs.OrderBy(p => p.Residual)
            .ThenBy(p => Nonzeros(p.First) + Nonzeros(p.Second))
            .ThenBy(p => p.Second, Comparer<double[]>.Create(CompareSupports))
            .ThenBy(p => p.First, Comparer<double[]>.Create(CompareSupports))
            .FirstOrDefault();
}
