using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Theory.Patterns;

namespace SparseIhtVerify.Theory.Constants;

/// <summary>
/// One same-coordinate support from the pattern structure: the columns {j·d + ℓ : j ∈ B} of a block set B at the input
/// coordinate ℓ where λ_min of their exact Gram is smallest, with that Gram's extreme eigenvalues (witnesses for
/// α_|B| and β_|B|) and the eigenvector of λ_min (a null-vector candidate when λ_min ≈ 0).
/// </summary>
/// <param name="Source">"exact dependency: …" or "near dependency: …", naming the blocks and their relation.</param>
/// <param name="Blocks">B.</param>
/// <param name="Coordinate">ℓ.</param>
/// <param name="Support">The columns, increasing.</param>
/// <param name="Min">λ_min(G_S).</param>
/// <param name="Max">λ_max(G_S).</param>
/// <param name="MinEigenvector">The unit eigenvector of λ_min over <paramref name="Support"/>.</param>
public sealed record StructuredWitness(string Source, IReadOnlyList<int> Blocks, int Coordinate, int[] Support, double Min, double Max, double[] MinEigenvector);

/// <summary>
/// The structured witness search of theory.md §3, done once per audit and shared by every level: exact linear
/// dependencies among the patterns (<see cref="PatternDependencies"/>: duplicates, D_a + D_b = D_c, D_a + D_b = D_c + D_d,
/// whose null vectors Σ c_j e_{j·d+ℓ} make α_|B| = 0 at every coordinate ℓ) and small block sets on which the overlap
/// matrix O_jk = |D_j ∩ D_k|/n is nearly singular (<see cref="NearDependencySearch"/>), each evaluated by the exact
/// same-coordinate Grams of all d coordinates in one pass over the samples (<see cref="SameCoordinateGram"/>).
/// O costs p²·n/64 word operations; the whole search is bounded by counts, never by the clock.
/// </summary>
public sealed class StructuredWitnesses
{
    /// <summary>Block sets evaluated at most (exact dependencies first, then near ones).</summary>
    public const int MaxBlockSets = 64;

    private StructuredWitnesses(PatternDependencies dependencies, int nearSets, IReadOnlyList<StructuredWitness> witnesses, IReadOnlyList<SparseVector> nullVectors)
    {
        Dependencies = dependencies;
        NearSets = nearSets;
        Witnesses = witnesses;
        NullVectors = nullVectors;
    }

    /// <summary>The exact dependencies found (with totals per kind).</summary>
    public PatternDependencies Dependencies { get; }

    /// <summary>How many near-singular block sets were evaluated.</summary>
    public int NearSets { get; }

    /// <summary>The witnesses, by increasing λ_min (ties by support).</summary>
    public IReadOnlyList<StructuredWitness> Witnesses { get; }

    /// <summary>
    /// Exact null vectors of A from the listed dependencies, one per dependency and coordinate (the candidates an
    /// identifiability check builds second solutions from).
    /// </summary>
    public IReadOnlyList<SparseVector> NullVectors { get; }

    /// <summary>The search on the network operator's patterns and data.</summary>
    public static StructuredWitnesses Find(IGatedBlocks structure, int parallelism = 1)
    {
        int d = structure.BlockSize, columns = structure.Columns;
        PatternDependencies dependencies = PatternDependencies.Find(structure.Patterns);
        var sets = new List<(string Source, int[] Blocks)>();
        var nulls = new List<SparseVector>();
        foreach (PatternDependency dependency in dependencies.Dependencies)
        {
            sets.Add(($"exact dependency: {dependency}", dependency.Blocks.ToArray()));
            for (int l = 0; l < d; l++)
            {
                (int[] indices, double[] values) = dependency.NullVector(d, l);
                nulls.Add(new SparseVector(columns, indices, values));
            }
        }

        IReadOnlyList<NearDependency> near = structure.Blocks >= 2 ? NearDependencySearch.Find(PatternOverlap.Compute(structure.Patterns, parallelism)) : [];
        int nearSets = 0;
        foreach (NearDependency dependency in near)
        {
            int[] blocks = dependency.Blocks.ToArray();
            if (!sets.Any(s => s.Blocks.SequenceEqual(blocks)))
            {
                sets.Add(($"near dependency: λ_min(O_B) = {Math.Max(0, dependency.MinEigenvalue).ToString("0.00e+0", System.Globalization.CultureInfo.InvariantCulture)} on blocks [{string.Join(", ", blocks)}]", blocks));
                nearSets++;
            }
        }

        var witnesses = new List<StructuredWitness>();
        foreach (var (source, blocks) in sets.Where(s => s.Blocks.Length <= SameCoordinateGram.MaxBlocks).Take(MaxBlockSets))
        {
            SameCoordinateGram gram = SameCoordinateGram.Compute(structure, blocks);
            (int coordinate, _) = gram.SmallestMinimum();
            (double min, double max) = gram.Extremes(coordinate);
            witnesses.Add(new StructuredWitness(source, gram.Blocks, coordinate, gram.Support(coordinate), min, max, gram.MinEigenvector(coordinate)));
            (int top, double largest) = gram.LargestMaximum();
            if (top != coordinate)
            {
                (double topMin, _) = gram.Extremes(top);
                witnesses.Add(new StructuredWitness(source, gram.Blocks, top, gram.Support(top), topMin, largest, gram.MinEigenvector(top)));
            }
        }

        // Numerically zero minima (≤ 1e−12·λ_max) tie, and then exact dependencies and smaller supports come first.
        static double Key(StructuredWitness w) => w.Min <= 1e-12 * Math.Abs(w.Max) ? 0 : w.Min;
        witnesses.Sort((x, y) => Key(x) != Key(y) ? Key(x).CompareTo(Key(y))
            : x.Source.StartsWith("exact", StringComparison.Ordinal) != y.Source.StartsWith("exact", StringComparison.Ordinal) ? (x.Source.StartsWith("exact", StringComparison.Ordinal) ? -1 : 1)
            : x.Support.Length != y.Support.Length ? x.Support.Length.CompareTo(y.Support.Length)
            : CompareSupports(x.Support, y.Support));
        return new StructuredWitnesses(dependencies, nearSets, witnesses, nulls);
    }

    /// <summary>Records the witnesses that fit <paramref name="search"/>'s level (joined to the required support, if any).</summary>
    internal void Offer(SupportSearch search)
    {
        if (search.Required.Length == 0)
        {
            foreach (StructuredWitness w in Witnesses.Where(w => w.Support.Length <= search.Level))
            {
                search.Record(w.Support, w.Min, w.Max);
            }

            return;
        }

        foreach (StructuredWitness w in Witnesses.Where(w => search.Required.Union(w.Support).Count() <= search.Level).Take(5))
        {
            if (search.OutOfBudget)
            {
                return;
            }

            search.Consider(search.Required.Union(w.Support).Order().ToArray());
        }
    }

    private static int CompareSupports(int[] a, int[] b)
    {
        for (int t = 0; t < Math.Min(a.Length, b.Length); t++)
        {
            if (a[t] != b[t])
            {
                return a[t].CompareTo(b[t]);
            }
        }

        return a.Length.CompareTo(b.Length);
    }
}
