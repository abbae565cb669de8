namespace SparseIhtVerify.Theory.Patterns;

/// <summary>
/// Agreement of the Hamming fraction of each pair of patterns with θ/π, θ the angle between their generators
/// (the population value for Gaussian data): the mean and largest |Hamming/n − θ/π| over all pairs.
/// </summary>
public sealed record AngleAgreement(int Pairs, double MeanAbsoluteDeviation, double MaxAbsoluteDeviation, (int First, int Second)? WorstPair)
{
    /// <summary>From the pairwise Hamming matrix (p×p) and the generators (p·d values, block-major).</summary>
    public static AngleAgreement Compute(int[] hamming, int samples, ReadOnlySpan<double> generators, int inputs)
    {
        int p = generators.Length / inputs;
        var norms = new double[p];
        for (int j = 0; j < p; j++)
        {
            norms[j] = Solver.Kernels.VectorKernels.Norm(generators.Slice(j * inputs, inputs));
        }

        int pairs = 0;
        double sum = 0, max = 0;
        (int, int)? worst = null;
        for (int a = 0; a < p; a++)
        {
            for (int b = a + 1; b < p; b++)
            {
                if (norms[a] == 0 || norms[b] == 0)
                {
                    continue;
                }

                double cosine = Solver.Kernels.VectorKernels.Dot(generators.Slice(a * inputs, inputs), generators.Slice(b * inputs, inputs)) / (norms[a] * norms[b]);
                double theta = Math.Acos(Math.Clamp(cosine, -1, 1));
                double deviation = Math.Abs((double)hamming[a * p + b] / samples - theta / Math.PI);
                sum += deviation;
                pairs++;
                if (deviation > max || worst is null)
                {
                    max = deviation;
                    worst = (a, b);
                }
            }
        }

        return new AngleAgreement(pairs, pairs > 0 ? sum / pairs : 0, max, worst);
    }
}
