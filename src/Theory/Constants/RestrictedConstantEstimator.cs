using MathNet.Numerics.LinearAlgebra;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Theory.Constants;

/// <summary>
/// Estimates α_k and β_k of G = AᵀA/n honestly (theory.md §3): exact where every support can be examined,
/// otherwise witnesses found by search (<see cref="SupportSearch"/>: adversarial pairs and groups, greedy growth and
/// swaps, random supports), plus certified bounds (<see cref="GramCertificate"/>) where the full Gram can be formed.
/// Rounding: with τ = N·ε·‖G‖ (the backward error of the symmetric eigensolver on G), values are kept on the safe
/// side of the true ones: α ≥ 0 (G_S is positive semidefinite), certified α ≤ witness α and certified β ≥ witness β, and every
/// certified bound (exact rows included) is a computed eigenvalue widened by τ.
/// The work is bounded in work units (<see cref="EstimationBudget"/>), never by the clock unless a cap is asked for.
/// </summary>
public static class RestrictedConstantEstimator
{
    private const int GreedyLevelLimit = 40;

    /// <summary>
    /// Random supports and directions hold at most this many columns: by interlacing, a smaller support still
    /// gives valid witnesses for a higher level, and evaluating supports of tens of thousands of columns is not
    /// worth the time. Reports say so through <see cref="RestrictedConstants.Methods"/>.
    /// </summary>
    public const int MaxEvaluatedSupport = 4096;

    /// <summary>Estimates the constants at <paramref name="level"/>.</summary>
    /// <param name="sensing">The operator A.</param>
    /// <param name="level">k ≥ 1.</param>
    /// <param name="requiredSupport">S* for support-restricted constants, or null for uniform ones.</param>
    /// <param name="budget">Work limits.</param>
    /// <param name="structure">The network operator's block structure, enabling the adversarial search (null for other operators).</param>
    /// <param name="pairwiseHamming">Hamming distances of the block patterns (p×p), if already computed.</param>
    /// <param name="fullGram">G = AᵀA/n over all N columns, if already computed (<see cref="FullGram"/>); shared across levels.</param>
    /// <param name="structured">The structured witnesses of the patterns (<see cref="StructuredWitnesses.Find"/>), shared across levels; null to skip them.</param>
    public static RestrictedConstants Estimate(SensingOperator sensing, int level, IReadOnlyList<int>? requiredSupport, EstimationBudget budget, IGatedBlocks? structure = null,
        int[]? pairwiseHamming = null, Matrix<double>? fullGram = null, StructuredWitnesses? structured = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(level);
        int columns = sensing.Columns;
        int effective = Math.Min(level, columns);
        int[] required = (requiredSupport ?? []).Order().Distinct().ToArray();
        if (required.Length > effective)
        {
            throw new ArgumentException($"the required support has {required.Length} columns, more than the level {effective}");
        }

        Matrix<double>? full = fullGram ?? FullGram(sensing);
        if (full is not null && !full.Enumerate().All(double.IsFinite))
        {
            throw new ArgumentException("the Gram matrix G = AᵀA/n has entries that are not finite: the data overflow; rescale them");
        }

        var search = new SupportSearch(sensing, effective, required, budget, full);
        var methods = new List<string>();
        bool exact = false;
        if (budget.Enumerate && effective == columns && full is not null)
        {
            search.Consider(Enumerable.Range(0, columns).ToArray());
            exact = true;
            methods.Add("full Gram");
        }
        else if (budget.Enumerate && full is not null && SupportCombinatorics.Binomial(columns - required.Length, effective - required.Length) <= budget.Supports)
        {
            foreach (int[] support in SupportCombinatorics.Combinations(columns, effective, required))
            {
                search.Consider(support);
            }

            exact = true;
            methods.Add("enumeration");
        }
        else
        {
            RunSearch(search, structure, pairwiseHamming, structured, methods);
            if (search.Examined == 0)
            {
                // The budget ran out before any support was evaluated: one random support, whatever it costs,
                // so that every report carries a witness.
                search.Consider(search.RandomSupport());
            }
        }

        double? alphaCertified = null, betaCertified = null;
        if (!exact && full is not null)
        {
            (alphaCertified, betaCertified) = GramCertificate.Certify(full, required, effective);
            methods.Add("Gershgorin and full-Gram certificate");
        }

        // Rounding: keep every bound on its safe side (raising an upper bound of α, lowering a lower bound, is always valid).
        // An exact row's computed eigenvalues are within τ of the true ones, so its certified bounds are them widened by τ,
        // as the full-Gram certificate's are: a singular G_S computed as λ_min = 1e−17 proves α ≥ 0, not α ≥ 1e−17.
        double alpha = Math.Max(0, search.AlphaValue);
        double beta = search.BetaValue;
        if (exact)
        {
            double widening = RoundingTolerance(columns, beta);
            (alphaCertified, betaCertified) = (Math.Max(0, alpha - widening), beta + widening);
        }
        else if (alphaCertified is double ac && betaCertified is double bc)
        {
            (alphaCertified, betaCertified) = (Math.Min(Math.Max(0, ac), alpha), Math.Max(bc, beta));
        }

        double tolerance = RoundingTolerance(columns, Math.Max(beta, betaCertified ?? 0));
        (double? alphaDirectional, double? betaDirectional, int directions) = SampleDirections(search, budget);
        return new RestrictedConstants(
            level, effective, required.Length > 0, exact,
            alpha, search.AlphaSupport, beta, search.BetaSupport,
            alphaCertified, betaCertified, alphaDirectional, betaDirectional,
            search.Examined, directions, search.Clock.Elapsed.TotalSeconds, methods)
        {
            RoundingTolerance = tolerance,
            End = exact ? SearchEnd.Exact : search.End,
            SupportsPlanned = budget.Supports,
        };
    }

    /// <summary>τ = N·ε·‖G‖: eigenvalues closer than this to a bound are not distinguished from it.</summary>
    public static double RoundingTolerance(int columns, double gramNorm) => Math.Max(columns, 1) * UnitRoundoff * Math.Abs(gramNorm);

    /// <summary>ε = 2⁻⁵², the spacing of doubles at 1.</summary>
    public const double UnitRoundoff = 2.220446049250313e-16;

    private static void RunSearch(SupportSearch search, IGatedBlocks? structure, int[]? pairwiseHamming, StructuredWitnesses? structured, List<string> methods)
    {
        if (search.Required.Length > 0)
        {
            search.Consider(search.Required);
        }

        if (structured is not null && structured.Witnesses.Count > 0)
        {
            methods.Add($"structured pattern dependencies ({structured.Dependencies.Dependencies.Count} exact, {structured.NearSets} near)");
            structured.Offer(search);
        }

        if (structure is not null)
        {
            methods.Add("adversarial pairs and groups");
            AdversarialSupports.Run(search, structure, pairwiseHamming ?? Patterns.PatternStatistics.PairwiseHamming(structure.Patterns));
        }

        if (search.Full is not null && search.Level <= GreedyLevelLimit)
        {
            methods.Add("greedy growth and swaps");
            search.Improve(minimise: true);
            search.Improve(minimise: false);
        }

        methods.Add(search.Level > MaxEvaluatedSupport ? $"random supports of {MaxEvaluatedSupport} columns" : "random supports");
        while (!search.OutOfBudget && search.Examined < search.Budget.Supports)
        {
            search.Consider(search.RandomSupport());
            if (search.Columns - search.Required.Length <= search.Level - search.Required.Length)
            {
                break;
            }
        }
    }

    private static (double?, double?, int) SampleDirections(SupportSearch search, EstimationBudget budget)
    {
        var random = new SeededRandom(budget.Seed, RandomStream.Estimation).Split(search.Level);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        int sampled = 0;
        var image = new double[search.Sensing.Rows];
        for (; sampled < budget.Directions && !search.TimeCapReached; sampled++)
        {
            int[] support = search.RandomSupport(random);
            var values = new double[support.Length];
            random.FillGaussian(values);
            search.Sensing.RestrictedForward(support, values, image);
            double quotient = Solver.Kernels.VectorKernels.SumOfSquares(image) / (search.Sensing.Rows * Solver.Kernels.VectorKernels.SumOfSquares(values));
            min = Math.Min(min, quotient);
            max = Math.Max(max, quotient);
        }

        return sampled > 0 ? (min, max, sampled) : (null, null, 0);
    }

    /// <summary>
    /// G = AᵀA/n over all N columns when <see cref="EstimationBudget.AffordsFullGram"/> (what certified bounds and enumeration
    /// need), else null.
    /// </summary>
    public static Matrix<double>? FullGram(SensingOperator sensing) =>
        EstimationBudget.AffordsFullGram(sensing.Rows, sensing.Columns)
            ? SymmetricEigenvalues.Gram(sensing, Enumerable.Range(0, sensing.Columns).ToArray())
            : null;
}
