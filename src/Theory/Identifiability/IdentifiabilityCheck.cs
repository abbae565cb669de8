using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Representation;

namespace SparseIhtVerify.Theory.Identifiability;

/// <summary>
/// Identifiability (theory.md §3 end, §4), saying only what was shown. If α_2s = min_{|S|=2s} λ_min(A_SᵀA_S/n) &gt; 0 no two
/// s-sparse vectors share an image (their difference would be a 2s-sparse null vector): <see cref="IdentifiabilityStatus.Unique"/>
/// when the certified lower bound exceeds the rounding tolerance τ, or when an exhaustive search of all C(N, s) supports finds no
/// other solution. α_2s ≈ 0 alone only means uniqueness is not certified: <see cref="IdentifiabilityStatus.NotUnique"/> needs a
/// second s-sparse w₂ ≠ w* with ‖Aw₂ − y‖/‖y‖ ≤ 1e−9 (<see cref="ModelCheck.SolutionTolerance"/>), built and verified by a forward
/// product. Second solutions are built from every dependency found: the caller's null-vector candidates, the singular vector of
/// σ_min(A_S) on the witness supports of α_2s, identical (and all-off) activation patterns, and the exhaustive search; from a null
/// vector v, w₂ = w* − (w*_i/v_i)·v zeroes coordinate i ∈ supp v ∩ supp w*. Of the verified ones the smallest residual is
/// reported (ties: fewer nonzeros, then lower support). Without w*, the question is whether every s-sparse vector is determined by
/// its image, and a counterexample is a verified null vector v with ‖v‖₀ ≤ 2s, split into s-sparse u ≠ u′ with Au = Au′.
/// </summary>
public static class IdentifiabilityCheck
{
    /// <summary>Dependent columns: where |v_i| &gt; this·max|v| for the singular vector v of σ_min(A_S) on the witness support.</summary>
    public const double NegligibleEntry = 1e-6;

    /// <summary>Witness supports are decomposed densely only up to <see cref="SymmetricEigenvalues.DenseSupportLimit"/> columns and n·|S| at most this.</summary>
    public const long WitnessWorkLimit = 20_000_000;

    /// <summary>
    /// τ = (n·k + N)·ε·β, ε = 2⁻⁵², k = the level's effective size, β = max(certified β_k, witness β_k) over the finite ones (τ = 0
    /// when neither is finite): the rounding of the computed Gram G_S = A_SᵀA_S/n (entrywise at most n·ε·max G_ii, k entries a row)
    /// plus the eigen-solver's.
    /// </summary>
    public static double RoundingTolerance(SensingOperator sensing, RestrictedConstants level2s)
    {
        double beta = level2s.BetaCertified is double b && double.IsFinite(b) ? Math.Max(b, level2s.BetaWitness) : level2s.BetaWitness;
        beta = double.IsFinite(beta) ? Math.Max(beta, 0) : 0;
        return ((double)sensing.Rows * level2s.EffectiveLevel + sensing.Columns) * SupportDecomposition.Epsilon * beta;
    }

    /// <summary>Runs the check.</summary>
    /// <param name="sensing">The operator A (n×N).</param>
    /// <param name="level2s">Uniform restricted constants at level min(2s, N).</param>
    /// <param name="sparsity">s ≥ 1.</param>
    /// <param name="truth">
    /// The planted w* (length N), or null for a user's data: then the question is whether every s-sparse vector is determined by
    /// its image (<see cref="IdentifiabilityQuestion.EverySparseVector"/>) and <paramref name="labels"/> are not used.
    /// </param>
    /// <param name="labels">y (length n), or empty: with w*, y = Aw* then. With y = 0 the question is the one without w*.</param>
    /// <param name="nullVectorCandidates">Vectors v (length N) the caller believes have Av ≈ 0, e.g. the null vectors of exact pattern dependencies (<see cref="Constants.StructuredWitnesses.NullVectors"/>); each is verified.</param>
    /// <param name="structure">The block structure of A (same N columns), for identical and all-off patterns; null for other operators.</param>
    /// <param name="budget">The exhaustive-search budget and τ.</param>
    /// <param name="witnessSupports">Further small supports S on which λ_min(G_S) was found small (α_2s's own witness is always used).</param>
    public static IdentifiabilityReport Check(
        SensingOperator sensing,
        RestrictedConstants level2s,
        int sparsity,
        SparseVector? truth,
        ReadOnlySpan<double> labels,
        IReadOnlyList<SparseVector> nullVectorCandidates,
        IGatedBlocks? structure,
        IdentifiabilityBudget budget,
        IReadOnlyList<IReadOnlyList<int>>? witnessSupports = null)
    {
        int n = sensing.Rows, columns = sensing.Columns;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sparsity);
        if (level2s.EffectiveLevel != Math.Min(2 * sparsity, columns) || level2s.RestrictedToSupport)
        {
            throw new ArgumentException($"identifiability needs the uniform constants at level min(2s, N) = {Math.Min(2 * sparsity, columns)}, got level {level2s.EffectiveLevel}{(level2s.RestrictedToSupport ? " restricted to supports ⊇ S*" : "")}", nameof(level2s));
        }

        if (truth is not null && truth.Length != columns)
        {
            throw new ArgumentException($"w* has length {truth.Length} but A has N = {columns} columns", nameof(truth));
        }

        if (labels.Length != 0 && labels.Length != n)
        {
            throw new ArgumentException($"y has length {labels.Length} but A has n = {n} rows", nameof(labels));
        }

        if (nullVectorCandidates.FirstOrDefault(v => v.Length != columns) is { } wrong)
        {
            throw new ArgumentException($"a null-vector candidate has length {wrong.Length}, not N = {columns}", nameof(nullVectorCandidates));
        }

        if (structure is not null && structure.Columns != columns)
        {
            throw new ArgumentException($"the structure has {structure.Columns} columns, A has {columns}", nameof(structure));
        }

        double tau = budget.RoundingTolerance ?? RoundingTolerance(sensing, level2s);
        var inputs = new Inputs(sensing, level2s, sparsity, nullVectorCandidates, structure, budget, tau,
            [level2s.AlphaWitnessSupport, .. witnessSupports ?? []]);
        double[] y = labels.Length > 0 ? labels.ToArray() : truth is not null ? sensing.Forward(truth) : [];
        return truth is not null && y.Length > 0 && VectorKernels.Norm(y) > 0
            ? SolutionOfLabels(inputs, truth, y)
            : EverySparseVector(inputs);
    }

    /// <summary>The columns where the singular vector of σ_min(A_S) is not negligible (the whole support when it is too large to decompose or not finite).</summary>
    public static int[] NullVectorSupport(SensingOperator sensing, IReadOnlyList<int> support)
    {
        if (!Decomposable(sensing, support))
        {
            return support.ToArray();
        }

        SupportDecomposition svd = SupportDecomposition.Of(sensing, support.Order().ToArray());
        if (!svd.IsFinite)
        {
            return svd.Support;
        }

        double[] v = svd.SmallestRightVector();
        double largest = v.Max(x => Math.Abs(x));
        return svd.Support.Where((_, t) => Math.Abs(v[t]) > NegligibleEntry * largest).ToArray();
    }

    /// <summary>True when A_S for <paramref name="support"/> is decomposed densely: 1 ≤ |S| ≤ the dense limit and n·|S| ≤ <see cref="WitnessWorkLimit"/> (decided from the shape alone).</summary>
    internal static bool Decomposable(SensingOperator sensing, IReadOnlyList<int> support) =>
        support.Count > 0 && support.Count <= SymmetricEigenvalues.DenseSupportLimit && (long)sensing.Rows * support.Count <= WitnessWorkLimit;

    /// <summary>Is w* (or, when w* does not solve, the first solution found) the only s-sparse solution of Aw = y?</summary>
    private static IdentifiabilityReport SolutionOfLabels(Inputs inputs, SparseVector truth, double[] y)
    {
        var pairs = new SecondSolutions(inputs.Sensing, inputs.Sparsity, y, ModelCheck.SolutionTolerance);
        double truthResidual = pairs.RelativeResidual(truth);
        bool truthSolves = truthResidual <= pairs.Tolerance && truth.NonzeroCount <= inputs.Sparsity;
        if (truthSolves)
        {
            pairs.Reference = SparseCombination.WithoutZeros(truth);
        }

        var tried = new List<string>();
        bool dependenciesTried = false;
        void TryDependencies()
        {
            if (dependenciesTried || pairs.Reference is null)
            {
                return;
            }

            dependenciesTried = true;
            tried.AddRange(FeedDependencies(inputs, pairs, TwinMoves(inputs, pairs)));
        }

        TryDependencies();
        ExhaustiveOutcome? exhaustive = null;
        bool affordable = ExhaustiveSupportSearch.Affordable(inputs.Sensing, Math.Min(inputs.Sparsity, inputs.Sensing.Columns), inputs.Budget, out double supports);
        if (pairs.Found.Count == 0 && !inputs.Certified && affordable)
        {
            exhaustive = ExhaustiveSupportSearch.Solutions(inputs.Sensing, pairs, y);
            TryDependencies();
        }

        string who = truthSolves ? "w*" : "w₁";
        string notSolving = truthResidual <= pairs.Tolerance
            ? $"w* solves Aw = y but is not s-sparse (‖w*‖₀ = {truth.NonzeroCount} > s = {inputs.Sparsity})"
            : $"w* does not solve Aw = y (‖Aw* − y‖/‖y‖ = {IdentifiabilityText.Number(truthResidual)})";
        if (Best(pairs.Found) is { } best)
        {
            double distance = best.Second.DistanceTo(best.First), relative = distance / best.First.Norm();
            string reference = truthSolves ? "w*" : $"w₁ (support {IdentifiabilityText.Columns(best.First.Indices.ToArray())}; {notSolving})";
            return inputs.Report(IdentifiabilityStatus.NotUnique, best.Method, IdentifiabilityQuestion.SolutionOfLabels, best.First, best, distance, relative, exhaustive,
                $"a second s-sparse solution: {best.Origin} gives w₂ ≠ {reference} with support {IdentifiabilityText.Columns(best.Second.Indices.ToArray())}, " +
                $"‖Aw₂ − y‖/‖y‖ = {IdentifiabilityText.Number(best.Residual)} and ‖w₂ − {who}‖ = {IdentifiabilityText.Number(distance)} ({IdentifiabilityText.Number(relative)} of ‖{who}‖)");
        }

        if (inputs.Certified)
        {
            string conclusion = truthSolves ? "w* is the only s-sparse solution of Aw = y" : $"at most one s-sparse w solves Aw = y ({notSolving})";
            return inputs.Report(IdentifiabilityStatus.Unique, IdentifiabilityMethod.CertifiedRsc, IdentifiabilityQuestion.SolutionOfLabels, pairs.Reference, null, null, null, exhaustive,
                $"certified α_2s ≥ {IdentifiabilityText.Number(inputs.Level2s.AlphaCertified!.Value)} > τ = {IdentifiabilityText.Number(inputs.Tau)} ({RestrictedConstants.Normalisation}): no 2s-sparse null vector exists, so {conclusion}");
        }

        if (exhaustive is { Settled: true } done)
        {
            string every = $"exhaustive search of all C({inputs.Sensing.Columns}, {done.Size}) = {done.Total} supports T of size s";
            string text = pairs.Reference is null
                ? $"{every}: none has a solution of A_T w = y (least-squares residual > 1e-9·‖y‖), so no {inputs.Sparsity}-sparse w solves Aw = y ({notSolving})"
                : truthSolves
                    ? $"{every}: each has no solution of A_T w = y (least-squares residual > 1e-9·‖y‖) or only w*, so w* is the only {inputs.Sparsity}-sparse solution of Aw = y{inputs.DespiteDependence}"
                    : $"{every}: each has no solution of A_T w = y (least-squares residual > 1e-9·‖y‖) or only w₁, so w₁ (support {IdentifiabilityText.Columns(pairs.Reference.Indices.ToArray())}) is the only {inputs.Sparsity}-sparse solution of Aw = y ({notSolving}){inputs.DespiteDependence}";
            return inputs.Report(IdentifiabilityStatus.Unique, IdentifiabilityMethod.ExhaustiveSearch, IdentifiabilityQuestion.SolutionOfLabels, pairs.Reference, null, null, null, exhaustive, text);
        }

        tried.Add(ExhaustiveText(exhaustive, supports, inputs, Math.Min(inputs.Sparsity, inputs.Sensing.Columns)));
        string missing = pairs.Reference is null
            ? $"; {notSolving} and no s-sparse solution was found to compare with"
            : truthSolves ? "" : $"; compared with w₁ (support {IdentifiabilityText.Columns(pairs.Reference.Indices.ToArray())}; {notSolving})";
        return inputs.Report(IdentifiabilityStatus.NotCertified, IdentifiabilityMethod.None, IdentifiabilityQuestion.SolutionOfLabels, pairs.Reference, null, null, null, exhaustive,
            $"{inputs.AlphaText}{missing}; no second s-sparse solution found among the dependencies tried ({string.Join(", ", tried)})");
    }

    /// <summary>Is every s-sparse vector determined by its image (no null vector with ‖v‖₀ ≤ 2s)?</summary>
    private static IdentifiabilityReport EverySparseVector(Inputs inputs)
    {
        var pairs = new ImagePairs(inputs.Sensing, inputs.Sparsity, ModelCheck.SolutionTolerance);
        var tried = FeedDependencies(inputs, pairs, twins: null);
        int size = Math.Min(2 * inputs.Sparsity, inputs.Sensing.Columns);
        bool affordable = ExhaustiveSupportSearch.Affordable(inputs.Sensing, size, inputs.Budget, out double supports);
        ExhaustiveOutcome? exhaustive = pairs.Found.Count == 0 && !inputs.Certified && affordable ? ExhaustiveSupportSearch.NullVectors(inputs.Sensing, pairs) : null;
        if (Best(pairs.Found) is { } best)
        {
            double distance = best.Second.DistanceTo(best.First), relative = distance / best.First.Norm();
            return inputs.Report(IdentifiabilityStatus.NotUnique, best.Method, IdentifiabilityQuestion.EverySparseVector, best.First, best, distance, relative, exhaustive,
                $"two s-sparse vectors with one image: {best.Origin}: the null vector v = u − u′ with ‖v‖₀ = {best.First.Count + best.Second.Count} ≤ 2s, so u (support {IdentifiabilityText.Columns(best.First.Indices.ToArray())}) " +
                $"and u′ (support {IdentifiabilityText.Columns(best.Second.Indices.ToArray())}) are distinct s-sparse vectors with ‖Au − Au′‖/max(‖Au‖, ‖Au′‖) = {IdentifiabilityText.Number(best.Residual)}");
        }

        if (inputs.Certified)
        {
            return inputs.Report(IdentifiabilityStatus.Unique, IdentifiabilityMethod.CertifiedRsc, IdentifiabilityQuestion.EverySparseVector, null, null, null, null, exhaustive,
                $"certified α_2s ≥ {IdentifiabilityText.Number(inputs.Level2s.AlphaCertified!.Value)} > τ = {IdentifiabilityText.Number(inputs.Tau)} ({RestrictedConstants.Normalisation}): A has no null vector with at most 2s nonzeros, so every s-sparse vector is determined by its image");
        }

        if (exhaustive is { Settled: true } done)
        {
            return inputs.Report(IdentifiabilityStatus.Unique, IdentifiabilityMethod.ExhaustiveSearch, IdentifiabilityQuestion.EverySparseVector, null, null, null, null, exhaustive,
                $"exhaustive search of all C({inputs.Sensing.Columns}, {done.Size}) = {done.Total} supports T of size 2s: each has σ_min(A_T) > 1e-9·σ_max(A_T), so no two distinct s-sparse vectors have images within 1e-9 of each other{inputs.DespiteDependence}");
        }

        tried.Add(ExhaustiveText(exhaustive, supports, inputs, size));
        return inputs.Report(IdentifiabilityStatus.NotCertified, IdentifiabilityMethod.None, IdentifiabilityQuestion.EverySparseVector, null, null, null, null, exhaustive,
            $"{inputs.AlphaText}; no null vector with at most 2s nonzeros found among the dependencies tried ({string.Join(", ", tried)})");
    }

    /// <summary>
    /// Feeds every dependency to <paramref name="pairs"/>: identical and all-off patterns (and, with w*, <paramref name="twins"/>' block
    /// moves), the caller's candidates, and the witness supports' singular vectors (unless α_2s is certified). Returns what was tried, in words.
    /// </summary>
    private static List<string> FeedDependencies(Inputs inputs, ICounterexamples pairs, Action? twins)
    {
        var tried = new List<string>();
        if (inputs.Structure is { } structure)
        {
            int d = structure.BlockSize;
            List<int[]> groups = IdenticalPatterns.TwinGroups(structure.Patterns);
            List<int> off = IdenticalPatterns.AllOffBlocks(structure.Patterns);
            tried.Add(groups.Count + off.Count == 0 ? "identical or all-off patterns (none)" : $"identical patterns ({Count(groups.Count, "group")}) and all-off blocks ({off.Count})");
            if (twins is not null)
            {
                twins();
            }
            else
            {
                foreach (int[] group in groups)
                {
                    pairs.FromNullVector(Unit(inputs, group[0] * d, group[1] * d, -1), IdentifiabilityMethod.IdenticalPatterns,
                        $"the identical activation patterns of blocks {group[0]} and {group[1]} (columns {group[0] * d} and {group[1] * d} coincide)");
                }

                foreach (int block in off)
                {
                    pairs.FromNullVector(Unit(inputs, block * d), IdentifiabilityMethod.IdenticalPatterns, $"the all-off pattern of block {block} (column {block * d} is zero)");
                }
            }
        }

        foreach (SparseVector v in inputs.NullVectorCandidates)
        {
            pairs.FromNullVector(v, IdentifiabilityMethod.NullVectorCandidate, $"the caller's null-vector candidate on columns {IdentifiabilityText.Columns(v.Indices.ToArray())}");
        }

        if (inputs.NullVectorCandidates.Count > 0)
        {
            tried.Add($"the caller's null-vector candidates ({inputs.NullVectorCandidates.Count})");
        }

        if (!inputs.Certified)
        {
            foreach (IReadOnlyList<int> support in inputs.WitnessSupports.Where(s => Decomposable(inputs.Sensing, s)))
            {
                int[] sorted = support.Order().Distinct().ToArray();
                SupportDecomposition svd = SupportDecomposition.Of(inputs.Sensing, sorted);
                if (!svd.IsFinite)
                {
                    tried.Add($"the witness support {IdentifiabilityText.Columns(sorted)} (A_S is not finite)");
                    continue;
                }

                string origin = $"the singular vector of σ_min(A_S) = {IdentifiabilityText.Number(svd.Singular[0] > 0 ? svd.Smallest / svd.Singular[0] : 0)}·σ_max(A_S) on the witness columns {IdentifiabilityText.Columns(sorted)}";
                foreach (SparseVector v in svd.NullVectorForms(inputs.Sensing.Columns))
                {
                    pairs.FromNullVector(v, IdentifiabilityMethod.WitnessNullVector, origin);
                }

                tried.Add($"the witness support {IdentifiabilityText.Columns(sorted)}");
            }
        }

        return tried;
    }

    /// <summary>
    /// The identical-pattern constructions with w_ref: moving block a's weights onto a twin b (w₂_b = w_b + w_a, w₂_a = 0), and
    /// the null vectors e_{a·d+ℓ} − e_{b·d+ℓ} and (for an all-off block) e_{a·d+ℓ} where w_ref has weight, or at ℓ = 0 when w_ref
    /// has room for the extra nonzeros.
    /// </summary>
    private static Action TwinMoves(Inputs inputs, SecondSolutions pairs) => () =>
    {
        if (inputs.Structure is not { } structure || pairs.Reference is not { } reference)
        {
            return;
        }

        int d = structure.BlockSize;
        bool HasWeight(int column) => reference[column] != 0;
        bool Carries(int block) => Enumerable.Range(block * d, d).Any(HasWeight);
        foreach (int[] group in IdenticalPatterns.TwinGroups(structure.Patterns))
        {
            foreach (int a in group.Where(Carries))
            {
                foreach (int b in group.Where(b => b != a))
                {
                    // v = Σ_ℓ w_{a,ℓ}(e_{b·d+ℓ} − e_{a·d+ℓ}): block a's entries cancel exactly, block b gains them.
                    var entries = Enumerable.Range(0, d).Where(l => HasWeight(a * d + l))
                        .SelectMany(l => new[] { (Index: a * d + l, Value: -reference[a * d + l]), (Index: b * d + l, Value: reference[a * d + l]) })
                        .OrderBy(e => e.Index).ToArray();
                    var move = new SparseVector(reference.Length, entries.Select(e => e.Index).ToArray(), entries.Select(e => e.Value).ToArray());
                    pairs.Offer(SparseCombination.Add(reference, 1, move), IdentifiabilityMethod.IdenticalPatterns, $"moving block {a}'s weights onto block {b} (identical activation patterns)");
                }
            }

            for (int i = 0; i < group.Length; i++)
            {
                for (int j = i + 1; j < group.Length; j++)
                {
                    int a = group[i], b = group[j];
                    foreach (int l in Enumerable.Range(0, d).Where(l => HasWeight(a * d + l) || HasWeight(b * d + l) || (l == 0 && reference.NonzeroCount + 2 <= inputs.Sparsity)))
                    {
                        pairs.FromNullVector(Unit(inputs, a * d + l, b * d + l, -1), IdentifiabilityMethod.IdenticalPatterns,
                            $"the null vector e_{a * d + l} − e_{b * d + l} (blocks {a} and {b} have identical activation patterns)");
                    }
                }
            }
        }

        foreach (int block in IdenticalPatterns.AllOffBlocks(structure.Patterns))
        {
            foreach (int l in Enumerable.Range(0, d).Where(l => HasWeight(block * d + l) || (l == 0 && reference.NonzeroCount + 1 <= inputs.Sparsity)))
            {
                pairs.FromNullVector(Unit(inputs, block * d + l), IdentifiabilityMethod.IdenticalPatterns,
                    $"the zero column {block * d + l} (block {block}'s pattern is off on every sample)");
            }
        }
    };

    /// <summary>e_i, or e_i + c·e_j (i &lt; j).</summary>
    private static SparseVector Unit(Inputs inputs, int i, int j = -1, double c = 0) =>
        j < 0 ? new SparseVector(inputs.Sensing.Columns, [i], [1.0]) : new SparseVector(inputs.Sensing.Columns, [i, j], [1.0, c]);

    /// <summary>The verified counterexample with the smallest residual; ties: fewer nonzeros, then the lower support.</summary>
    private static SecondSolutionCandidate? Best(List<SecondSolutionCandidate> found) =>
        found.OrderBy(c => c.Residual)
            .ThenBy(c => c.First.Count + c.Second.Count)
            .ThenBy(c => c.Second, Comparer<SparseVector>.Create(SparseCombination.CompareSupports))
            .ThenBy(c => c.First, Comparer<SparseVector>.Create(SparseCombination.CompareSupports))
            .FirstOrDefault();

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>
    /// Why the exhaustive search did not settle the question. It is reached only with nothing found and α_2s not certified, so
    /// the search either ran and met an inconclusive support, or was not affordable.
    /// </summary>
    private static string ExhaustiveText(ExhaustiveOutcome? exhaustive, double supports, Inputs inputs, int size) =>
        exhaustive is { Inconclusive: { } where }
            ? $"exhaustive search inconclusive on {IdentifiabilityText.Columns(where)}: {exhaustive.Reason}"
            : supports <= inputs.Budget.ExhaustiveSupports
                ? $"exhaustive search skipped: the work of its C({inputs.Sensing.Columns}, {size}) = {IdentifiabilityText.Count(supports)} least-squares problems, n·k² each, exceeds {IdentifiabilityText.Number(IdentifiabilityBudget.ExhaustiveWork)}"
                : $"exhaustive search skipped: C({inputs.Sensing.Columns}, {size}) = {IdentifiabilityText.Count(supports)} supports exceed the budget of {inputs.Budget.ExhaustiveSupports}";

    /// <summary>What both questions share.</summary>
    private sealed record Inputs(
        SensingOperator Sensing,
        RestrictedConstants Level2s,
        int Sparsity,
        IReadOnlyList<SparseVector> NullVectorCandidates,
        IGatedBlocks? Structure,
        IdentifiabilityBudget Budget,
        double Tau,
        IReadOnlyList<IReadOnlyList<int>> WitnessSupports)
    {
        /// <summary>The certified α_2s exceeds τ.</summary>
        public bool Certified => Level2s.AlphaCertified is double c && c > Tau;

        /// <summary>The witness α_2s is at most τ (numerically zero).</summary>
        public bool WitnessZero => Level2s.AlphaWitness <= Tau;

        /// <summary>The dependent columns (witness α_2s ≈ 0), else empty.</summary>
        public IReadOnlyList<int> Dependent => _dependent ??= WitnessZero ? NullVectorSupport(Sensing, Level2s.AlphaWitnessSupport) : [];

        private IReadOnlyList<int>? _dependent;

        /// <summary>", although α_2s ≤ … on columns […]" when the witness α_2s ≈ 0.</summary>
        public string DespiteDependence => WitnessZero ? $", although α_2s ≤ {IdentifiabilityText.Number(Level2s.AlphaWitness)} on columns {IdentifiabilityText.Columns(Dependent)}" : "";

        /// <summary>What is known of α_2s when it is not certified.</summary>
        public string AlphaText => WitnessZero
            ? $"α_2s ≤ {IdentifiabilityText.Number(Level2s.AlphaWitness)} on columns {IdentifiabilityText.Columns(Dependent)}"
            : $"α_2s ≤ {IdentifiabilityText.Number(Level2s.AlphaWitness)} (witness) but its certified lower bound is {(Level2s.AlphaCertified is double c ? $"{IdentifiabilityText.Number(c)}, not above τ = {IdentifiabilityText.Number(Tau)}" : "not available")}";

        public IdentifiabilityReport Report(IdentifiabilityStatus status, IdentifiabilityMethod method, IdentifiabilityQuestion question, SparseVector? first,
            SecondSolutionCandidate? second, double? distance, double? relative, ExhaustiveOutcome? exhaustive, string explanation) =>
            new(status, method, question, Level2s.AlphaWitness, Level2s.AlphaCertified, Tau, Dependent, first, second?.Second, second?.Residual,
                distance, relative, exhaustive?.Examined ?? 0, explanation);
    }
}
