using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Metrics;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Properties;

/// <summary>
/// The recovery metrics (theory.md §6) against brute force computed here: the Hungarian assignment against every
/// permutation (square) or injection (rectangular, padded); the weight error modulo unit permutation against the
/// minimum over every padded matching of the p blocks to the m units (an unmatched block costs ‖ŵ_i‖², an unmatched
/// unit ‖w*_k‖²); support precision, recall and exactness against set arithmetic on the matched supports; and
/// PSNR = 20·log₁₀(max|y|) − 10·log₁₀(MSE) recomputed from the definition.
/// </summary>
public sealed class MetricProperties
{
    private const int Tests = 300;

    // ---- Hungarian assignment ----

    // Square P×P, P ≤ 6: the assignment is a permutation and its cost is the minimum over all P! permutations.
    [Property(MaxTest = Tests)]
    public Property HungarianEqualsBruteForceOnSquareMatrices() =>
        Prop.ForAll(MetricGenerators.SquareCosts, c =>
        {
            int[] assignment = HungarianAssignment.Solve(c.ToArray());
            bool permutation = assignment.Length == c.Rows && assignment.All(j => j >= 0 && j < c.Columns) && assignment.Distinct().Count() == c.Rows;
            (double best, int optima) = BruteForceSquare(c);
            double achieved = permutation ? Enumerable.Range(0, c.Rows).Sum(i => c[i, assignment[i]]) : double.NaN;
            return permutation.Label($"not a permutation: [{string.Join(", ", assignment)}]; {c}")
                .And(CloseCost(achieved, best, c.Magnitude).Label($"cost {Closeness.R(achieved)} of [{string.Join(", ", assignment)}] vs brute-force minimum {Closeness.R(best)}; {c}"))
                .Classify(optima > 1, "several optimal permutations")
                .Classify(c.Rows == 1, "1×1")
                .Collect($"{c.Rows}×{c.Columns}");
        });

    // Rectangular r×c (r ≠ c, both ≤ 6), padded to square with zeros as callers do: the real rows' columns form an injection
    // (of the smaller side into the larger) whose cost is the minimum over all injections, enumerated directly. Unpadded, Solve refuses.
    [Property(MaxTest = Tests)]
    public Property HungarianOnPaddedRectangularMatricesEqualsBruteForceOverInjections() =>
        Prop.ForAll(MetricGenerators.RectangularCosts, c =>
        {
            bool refuses;
            try
            {
                HungarianAssignment.Solve(c.ToArray());
                refuses = false;
            }
            catch (ArgumentException)
            {
                refuses = true;
            }

            int size = Math.Max(c.Rows, c.Columns);
            var padded = new double[size, size];
            for (int i = 0; i < c.Rows; i++)
            {
                for (int j = 0; j < c.Columns; j++)
                {
                    padded[i, j] = c[i, j];
                }
            }

            int[] assignment = HungarianAssignment.Solve(padded);
            bool permutation = assignment.Length == size && assignment.Distinct().Count() == size && assignment.All(j => j >= 0 && j < size);
            // Pairs (row, column) of the real matrix the padded assignment uses.
            var pairs = Enumerable.Range(0, c.Rows).Where(i => assignment[i] < c.Columns).Select(i => (Row: i, Column: assignment[i])).ToArray();
            bool injection = pairs.Length == Math.Min(c.Rows, c.Columns);
            double achieved = pairs.Sum(x => c[x.Row, x.Column]);
            double best = BruteForceInjections(c);
            return refuses.Label($"Solve accepted a {c.Rows}×{c.Columns} matrix; {c}")
                .And((permutation && injection).Label($"padded assignment [{string.Join(", ", assignment)}] does not match min(r, c) real pairs; {c}"))
                .And(CloseCost(achieved, best, c.Magnitude).Label($"cost {Closeness.R(achieved)} vs brute-force minimum over injections {Closeness.R(best)}; {c}"))
                .Classify(c.Rows > c.Columns, "more rows than columns")
                .Collect($"{c.Rows}×{c.Columns}");
        });

    // ---- Weight error modulo unit permutation ----

    // The weight error equals the brute-force minimum over all padded matchings (p ≠ m included), divided by ‖w*‖ (by 1 when
    // w* = 0); the returned matching is one such matching (every unit matched when p ≥ m, every block when p < m) attaining it.
    [Property(MaxTest = Tests)]
    public Property WeightErrorEqualsBruteForceMinimumOverPaddedMatchings() =>
        Prop.ForAll(MetricGenerators.MetricCases, c =>
        {
            MetricCase.Built b = c.Build();
            RecoveryMetrics metrics = RecoveryEvaluation.ForNetwork(b.EstimateVector, b.TruthVector, c.Inputs, false, b.Labels, b.Predictions);
            (double best, int optima) = BruteForceMatching(b.Estimate, b.Truth);
            double truthNorm = Math.Sqrt(b.Truth.Sum(SquaredNorm));
            double divisor = truthNorm > 0 ? truthNorm : 1;
            double expected = Math.Sqrt(best) / divisor;
            string matchingProblem = MatchingProblem(metrics.Matching, c.Blocks, c.Units);
            double matchedCost = matchingProblem.Length == 0 ? MatchingCost(b.Estimate, b.Truth, metrics.Matching) : double.NaN;
            double scale = Math.Sqrt(b.Estimate.Sum(SquaredNorm) + b.Truth.Sum(SquaredNorm));
            Closeness.Outcome error = Closeness.Compare(metrics.RelativeWeightError, expected, scale / divisor);
            bool unmatchedNonzeroBlock = c.Blocks > c.Units && b.Estimate.Skip(c.Units).Any(x => x.Any(v => v != 0));
            return error.Ok.Label($"relative weight error {Closeness.R(metrics.RelativeWeightError)} vs brute force √{Closeness.R(best)}/{Closeness.R(divisor)} = {Closeness.R(expected)} ({error}); {Show(b)}; {c}")
                .And((matchingProblem.Length == 0).Label($"matching [{string.Join(", ", metrics.Matching)}]: {matchingProblem}; {c}"))
                .And((matchingProblem.Length > 0 || CloseCost(matchedCost, best, scale * scale)).Label($"the returned matching [{string.Join(", ", metrics.Matching)}] costs {Closeness.R(matchedCost)}, the minimum is {Closeness.R(best)}; {Show(b)}; {c}"))
                .And((metrics.MatchingMethod == "hungarian").Label($"method {metrics.MatchingMethod}; {c}"))
                .Classify(c.Blocks > c.Units, "p > m")
                .Classify(c.Blocks < c.Units, "p < m")
                .Classify(unmatchedNonzeroBlock, "p > m with a nonzero block beyond m")
                .Classify(optima > 1, "several optimal matchings")
                .Collect(c.Flavour.ToString());
        });

    // Permuting the estimate's blocks does not change the weight error modulo permutation.
    [Property(MaxTest = Tests)]
    public Property WeightErrorIsInvariantUnderPermutingEstimateBlocks() =>
        Prop.ForAll(MetricGenerators.MetricCases, c =>
        {
            MetricCase.Built b = c.Build();
            var random = new SeededRandom(c.Seed, RandomStream.Estimation);
            int[] order = MetricCase.Permutation(random, c.Blocks);
            double[][] permuted = order.Select(i => b.Estimate[i]).ToArray();
            SparseVector permutedVector = MetricCase.ToSparse(random, permuted);
            double original = RecoveryEvaluation.ForNetwork(b.EstimateVector, b.TruthVector, c.Inputs, false, b.Labels, b.Predictions).RelativeWeightError;
            double after = RecoveryEvaluation.ForNetwork(permutedVector, b.TruthVector, c.Inputs, false, b.Labels, b.Predictions).RelativeWeightError;
            double truthNorm = Math.Sqrt(b.Truth.Sum(SquaredNorm));
            double scale = Math.Sqrt(b.Estimate.Sum(SquaredNorm) + b.Truth.Sum(SquaredNorm)) / (truthNorm > 0 ? truthNorm : 1);
            Closeness.Outcome same = Closeness.Compare(after, original, scale);
            return same.Ok.Label($"error {Closeness.R(original)} becomes {Closeness.R(after)} after permuting the blocks by [{string.Join(", ", order)}] ({same}); {Show(b)}; {c}")
                .Classify(c.Blocks == 1, "one block (trivial permutation)");
        });

    // With identity matching, block k is unit k: the error is Σ_{k<min(p,m)} ‖ŵ_k − w*_k‖² + Σ_{m≤i<p} ‖ŵ_i‖² + Σ_{p≤k<m} ‖w*_k‖², never below
    // the Hungarian error, and the matching reported is k ↦ k (−1 beyond p).
    [Property(MaxTest = Tests)]
    public Property IdentityMatchingErrorIsBlockByBlock() =>
        Prop.ForAll(MetricGenerators.MetricCases, c =>
        {
            MetricCase.Built b = c.Build();
            RecoveryMetrics identity = RecoveryEvaluation.ForNetwork(b.EstimateVector, b.TruthVector, c.Inputs, true, b.Labels, b.Predictions);
            RecoveryMetrics hungarian = RecoveryEvaluation.ForNetwork(b.EstimateVector, b.TruthVector, c.Inputs, false, b.Labels, b.Predictions);
            int[] expectedMatching = Enumerable.Range(0, c.Units).Select(k => k < c.Blocks ? k : -1).ToArray();
            double squared = MatchingCost(b.Estimate, b.Truth, expectedMatching);
            double truthNorm = Math.Sqrt(b.Truth.Sum(SquaredNorm));
            double divisor = truthNorm > 0 ? truthNorm : 1;
            double scale = Math.Sqrt(b.Estimate.Sum(SquaredNorm) + b.Truth.Sum(SquaredNorm)) / divisor;
            Closeness.Outcome error = Closeness.Compare(identity.RelativeWeightError, Math.Sqrt(squared) / divisor, scale);
            return error.Ok.Label($"identity error {Closeness.R(identity.RelativeWeightError)} vs block-by-block {Closeness.R(Math.Sqrt(squared) / divisor)} ({error}); {Show(b)}; {c}")
                .And(identity.Matching.SequenceEqual(expectedMatching).Label($"identity matching [{string.Join(", ", identity.Matching)}]; {c}"))
                .And((identity.MatchingMethod == "identity").Label($"method {identity.MatchingMethod}; {c}"))
                .And((hungarian.RelativeWeightError <= identity.RelativeWeightError * (1 + 1e-12) + 1e-14 * scale).Label($"Hungarian error {Closeness.R(hungarian.RelativeWeightError)} above the identity's {Closeness.R(identity.RelativeWeightError)}; {c}"))
                .Classify(c.Blocks != c.Units, "p ≠ m")
                .Classify(c.Blocks > c.Units && b.Estimate.Skip(c.Units).Any(x => x.Any(v => v != 0)), "nonzero block beyond m");
        });

    // ---- Support precision, recall, exactness ----

    // After matching (the returned one, either path): π(Ŝ) = {(k, l) : ŵ_{π(k)}[l] ≠ 0} ∪ {(unmatched block i, l) : ŵ_i[l] ≠ 0},
    // S* = {(k, l) : w*_k[l] ≠ 0}; precision = |π(Ŝ) ∩ S*|/|Ŝ| (0 when Ŝ = ∅), recall = |π(Ŝ) ∩ S*|/|S*| (1 when S* = ∅), exact ⇔ π(Ŝ) = S*.
    // Stored zeros are not in any support.
    [Property(MaxTest = Tests)]
    public Property SupportMetricsEqualSetArithmeticAfterMatching() =>
        Prop.ForAll(MetricGenerators.MetricCases, Gen.Elements(false, true).ToArbitrary(), (c, identityMatching) =>
        {
            MetricCase.Built b = c.Build();
            RecoveryMetrics metrics = RecoveryEvaluation.ForNetwork(b.EstimateVector, b.TruthVector, c.Inputs, identityMatching, b.Labels, b.Predictions);
            var matched = new HashSet<(int Unit, int Coordinate)>();
            var blockMatched = new bool[c.Blocks];
            for (int k = 0; k < c.Units; k++)
            {
                if (metrics.Matching[k] is int i and >= 0)
                {
                    blockMatched[i] = true;
                    for (int l = 0; l < c.Inputs; l++)
                    {
                        if (b.Estimate[i][l] != 0)
                        {
                            matched.Add((k, l));
                        }
                    }
                }
            }

            for (int i = 0; i < c.Blocks; i++)
            {
                for (int l = 0; l < c.Inputs; l++)
                {
                    if (!blockMatched[i] && b.Estimate[i][l] != 0)
                    {
                        matched.Add((-1 - i, l)); // an unmatched block's entry: never in S*
                    }
                }
            }

            var truth = new HashSet<(int Unit, int Coordinate)>();
            for (int k = 0; k < c.Units; k++)
            {
                for (int l = 0; l < c.Inputs; l++)
                {
                    if (b.Truth[k][l] != 0)
                    {
                        truth.Add((k, l));
                    }
                }
            }

            int common = matched.Intersect(truth).Count();
            double precision = matched.Count > 0 ? (double)common / matched.Count : 0.0;
            double recall = truth.Count > 0 ? (double)common / truth.Count : 1.0;
            bool exact = matched.SetEquals(truth);
            string sets = $"π(Ŝ) = {ShowSet(matched)}, S* = {ShowSet(truth)}, matching [{string.Join(", ", metrics.Matching)}]";
            return (metrics.SupportPrecision == precision).Label($"precision {Closeness.R(metrics.SupportPrecision)} vs {Closeness.R(precision)}; {sets}; {c}")
                .And((metrics.SupportRecall == recall).Label($"recall {Closeness.R(metrics.SupportRecall)} vs {Closeness.R(recall)}; {sets}; {c}"))
                .And((metrics.SupportExact == exact).Label($"exact {metrics.SupportExact} vs {exact}; {sets}; {c}"))
                .Classify(exact, "exact support")
                .Classify(matched.IsProperSupersetOf(truth), "all of S* plus extra nonzeros")
                .Classify(matched.Count == 0, "empty estimate")
                .Classify(truth.Count == 0, "empty truth")
                .Classify(b.EstimateVector.Count > b.EstimateVector.NonzeroCount, "stored zeros")
                .Classify(identityMatching, "identity matching");
        });

    // The plain-vector metrics: error ‖ŵ − w*‖/‖w*‖, precision, recall and exactness by set arithmetic on the nonzero indices.
    [Property(MaxTest = Tests)]
    public Property VectorMetricsEqualSetArithmetic() =>
        Prop.ForAll(MetricGenerators.MetricCases, c =>
        {
            MetricCase.Built b = c.Build();
            RecoveryMetrics metrics = RecoveryEvaluation.ForVector(b.EstimateVector, Resize(b.TruthVector, b.EstimateVector.Length), b.Labels, b.Predictions);
            double[] estimate = b.EstimateVector.ToDense();
            double[] truth = Resize(b.TruthVector, estimate.Length).ToDense();
            var estimated = Enumerable.Range(0, estimate.Length).Where(i => estimate[i] != 0).ToHashSet();
            var planted = Enumerable.Range(0, truth.Length).Where(i => truth[i] != 0).ToHashSet();
            int common = estimated.Intersect(planted).Count();
            double distance = Math.Sqrt(Enumerable.Range(0, estimate.Length).Sum(i => (estimate[i] - truth[i]) * (estimate[i] - truth[i])));
            double truthNorm = Math.Sqrt(truth.Sum(v => v * v));
            double divisor = truthNorm > 0 ? truthNorm : 1;
            double scale = Math.Sqrt(estimate.Sum(v => v * v) + truth.Sum(v => v * v)) / divisor;
            Closeness.Outcome error = Closeness.Compare(metrics.RelativeWeightError, distance / divisor, scale);
            return error.Ok.Label($"error {Closeness.R(metrics.RelativeWeightError)} vs {Closeness.R(distance / divisor)}; {c}")
                .And((metrics.SupportPrecision == (estimated.Count > 0 ? (double)common / estimated.Count : 0.0)).Label($"precision {Closeness.R(metrics.SupportPrecision)}; {c}"))
                .And((metrics.SupportRecall == (planted.Count > 0 ? (double)common / planted.Count : 1.0)).Label($"recall {Closeness.R(metrics.SupportRecall)}; {c}"))
                .And((metrics.SupportExact == estimated.SetEquals(planted)).Label($"exact {metrics.SupportExact}; {c}"))
                .And((metrics.MatchingMethod == "none" && metrics.Matching.Count == 0).Label($"method {metrics.MatchingMethod}; {c}"))
                .Classify(estimated.SetEquals(planted), "exact support")
                .Classify(estimated.IsProperSupersetOf(planted), "strict superset");
        });

    // Premise floor: the cases above are meaningful only if the edge cases occur. Of 400 generated cases (Hungarian path) at least
    // 10% have an exact support, 10% all of S* plus extra nonzeros, 5% an empty estimate, 5% an empty truth, 5% p > m with a
    // nonzero block beyond m, and 10% stored zeros.
    [Property(MaxTest = 1)]
    public Property MetricEdgeCasesOccurOften() =>
        Prop.ForAll(Gen.ArrayOf(MetricGenerators.MetricCaseGen, 400).ToArbitrary(), cases =>
        {
            int exact = 0, superset = 0, emptyEstimate = 0, emptyTruth = 0, unmatched = 0, storedZeros = 0;
            foreach (MetricCase c in cases)
            {
                MetricCase.Built b = c.Build();
                RecoveryMetrics metrics = RecoveryEvaluation.ForNetwork(b.EstimateVector, b.TruthVector, c.Inputs, false, b.Labels, b.Predictions);
                exact += metrics.SupportExact ? 1 : 0;
                superset += metrics.SupportRecall == 1 && b.EstimateVector.NonzeroCount > b.TruthVector.NonzeroCount && b.TruthVector.NonzeroCount > 0 ? 1 : 0;
                emptyEstimate += b.EstimateVector.NonzeroCount == 0 ? 1 : 0;
                emptyTruth += b.TruthVector.NonzeroCount == 0 ? 1 : 0;
                unmatched += c.Blocks > c.Units && b.Estimate.Skip(c.Units).Any(x => x.Any(v => v != 0)) ? 1 : 0;
                storedZeros += b.EstimateVector.Count > b.EstimateVector.NonzeroCount ? 1 : 0;
            }

            double n = cases.Length;
            string summary = string.Create(CultureInfo.InvariantCulture,
                $"exact {exact / n:P0}, superset {superset / n:P0}, empty estimate {emptyEstimate / n:P0}, empty truth {emptyTruth / n:P0}, unmatched nonzero block {unmatched / n:P0}, stored zeros {storedZeros / n:P0}");
            return (exact >= 0.1 * n && superset >= 0.1 * n && emptyEstimate >= 0.05 * n && emptyTruth >= 0.05 * n && unmatched >= 0.05 * n && storedZeros >= 0.1 * n)
                .Label(summary).Collect(summary);
        });

    // ---- PSNR ----

    // PSNR = 20·log₁₀(max|y|) − 10·log₁₀(Σ(ŷ − y)²/n), recomputed here; +∞ for an exact fit; RecoveryMetrics.PsnrDb is the same number.
    [Property(MaxTest = Tests)]
    public Property PsnrEqualsTheDefinition() =>
        Prop.ForAll(MetricGenerators.PsnrCases, c =>
        {
            (double[] y, double[] yHat) = c.Build();
            double peak = y.Max(Math.Abs);
            double mse = y.Zip(yHat, (a, b) => (b - a) * (b - a)).Sum() / y.Length;
            double expected = 20 * Math.Log10(peak) - 10 * Math.Log10(mse);
            double actual = RecoveryEvaluation.PeakSignalToNoiseRatio(y, yHat);
            double viaMetrics = RecoveryEvaluation.ForVector(SparseVector.Zero(1), SparseVector.Zero(1), y, yHat).PsnrDb;
            bool ok = mse == 0
                ? double.IsPositiveInfinity(actual)
                : Math.Abs(actual - expected) <= 1e-12 * (Math.Abs(20 * Math.Log10(peak)) + Math.Abs(10 * Math.Log10(mse)) + 1);
            return ok.Label($"PSNR {Closeness.R(actual)} vs 20·log₁₀({Closeness.R(peak)}) − 10·log₁₀({Closeness.R(mse)}) = {Closeness.R(expected)}; {c}")
                .And((BitConverter.DoubleToInt64Bits(viaMetrics) == BitConverter.DoubleToInt64Bits(actual)).Label($"PsnrDb {Closeness.R(viaMetrics)} differs from PeakSignalToNoiseRatio {Closeness.R(actual)}; {c}"))
                .Classify(mse == 0, "exact fit")
                .Classify(peak < 1, "peak < 1")
                .Classify(mse > 1, "MSE > 1");
        });

    // The relative residual ‖ŷ − y‖/‖y‖ (‖ŷ − y‖ when y = 0), recomputed here with a plain sum.
    [Property(MaxTest = Tests)]
    public Property RelativeResidualEqualsTheDefinition() =>
        Prop.ForAll(MetricGenerators.PsnrCases, c =>
        {
            (double[] y, double[] yHat) = c.Build();
            double residual = Math.Sqrt(y.Zip(yHat, (a, b) => (b - a) * (b - a)).Sum()), norm = Math.Sqrt(y.Sum(a => a * a));
            double expected = norm > 0 ? residual / norm : residual;
            double actual = RecoveryEvaluation.ForVector(SparseVector.Zero(1), SparseVector.Zero(1), y, yHat).RelativeResidual;
            var zero = new double[y.Length];
            double atZero = RecoveryEvaluation.ForVector(SparseVector.Zero(1), SparseVector.Zero(1), zero, yHat).RelativeResidual;
            double yHatNorm = Math.Sqrt(yHat.Sum(a => a * a));
            return (Math.Abs(actual - expected) <= 1e-12 * (expected + 1e-300)).Label($"relative residual {Closeness.R(actual)} vs {Closeness.R(expected)}; {c}")
                .And((Math.Abs(atZero - yHatNorm) <= 1e-12 * (yHatNorm + 1e-300)).Label($"with y = 0: {Closeness.R(atZero)} vs ‖ŷ‖ = {Closeness.R(yHatNorm)}; {c}"))
                .Classify(residual == 0, "exact fit");
        });

    // A worked example: y = (2, −4), ŷ = (2, −3): max|y| = 4, MSE = ½, PSNR = 20·log₁₀ 4 + 10·log₁₀ 2 = 15.051499783199061 dB.
    [Xunit.Fact]
    public void PsnrOfAWorkedExample()
    {
        Xunit.Assert.Equal(15.051499783199061, RecoveryEvaluation.PeakSignalToNoiseRatio([2.0, -4.0], [2.0, -3.0]), 12);
        Xunit.Assert.Equal(double.PositiveInfinity, RecoveryEvaluation.PeakSignalToNoiseRatio([2.0, -4.0], [2.0, -4.0]));
        // y = ŷ = 0 is an exact fit too (the definition alone would give −∞ + ∞ = NaN).
        Xunit.Assert.Equal(double.PositiveInfinity, RecoveryEvaluation.PeakSignalToNoiseRatio([0.0, 0.0], [0.0, 0.0]));
    }

    // ---- brute force and helpers ----

    private static bool CloseCost(double actual, double expected, double magnitude) =>
        Math.Abs(actual - expected) <= 1e-12 * Math.Max(Math.Abs(expected), magnitude) + 1e-300;

    /// <summary>The minimum of Σ_i c[i, σ(i)] over all permutations σ, and how many permutations attain it exactly.</summary>
    private static (double Best, int Optima) BruteForceSquare(CostCase c)
    {
        double best = double.PositiveInfinity;
        int optima = 0;
        foreach (int[] sigma in Permutations(c.Rows))
        {
            double total = 0;
            for (int i = 0; i < c.Rows; i++)
            {
                total += c[i, sigma[i]];
            }

            if (total < best)
            {
                (best, optima) = (total, 1);
            }
            else if (total == best)
            {
                optima++;
            }
        }

        return (best, optima);
    }

    /// <summary>The minimum over injections of the smaller side into the larger: Σ over the min(r, c) chosen pairs.</summary>
    private static double BruteForceInjections(CostCase c)
    {
        bool rowsSmaller = c.Rows < c.Columns;
        int small = Math.Min(c.Rows, c.Columns), large = Math.Max(c.Rows, c.Columns);
        double best = double.PositiveInfinity;
        foreach (int[] image in Injections(small, large))
        {
            double total = 0;
            for (int t = 0; t < small; t++)
            {
                total += rowsSmaller ? c[t, image[t]] : c[image[t], t];
            }

            best = Math.Min(best, total);
        }

        return best;
    }

    /// <summary>Minimum padded matching cost of blocks to units over all max(p, m)! permutations, and how many attain it exactly.</summary>
    private static (double Best, int Optima) BruteForceMatching(double[][] estimate, double[][] truth)
    {
        int p = estimate.Length, m = truth.Length, size = Math.Max(p, m);
        double best = double.PositiveInfinity;
        int optima = 0;
        foreach (int[] sigma in Permutations(size))
        {
            // Block i (a zero block when i ≥ p) goes to unit σ(i) (a zero unit when σ(i) ≥ m).
            double total = 0;
            for (int i = 0; i < size; i++)
            {
                total += SquaredDistance(i < p ? estimate[i] : null, sigma[i] < m ? truth[sigma[i]] : null);
            }

            if (total < best)
            {
                (best, optima) = (total, 1);
            }
            else if (total == best)
            {
                optima++;
            }
        }

        return (best, optima);
    }

    /// <summary>Why <paramref name="matching"/> (unit ↦ block or −1) is not a padded matching, or "" when it is.</summary>
    private static string MatchingProblem(IReadOnlyList<int> matching, int p, int m)
    {
        if (matching.Count != m)
        {
            return $"{matching.Count} entries for {m} units";
        }

        int[] used = matching.Where(i => i >= 0).ToArray();
        if (matching.Any(i => i < -1 || i >= p) || used.Distinct().Count() != used.Length)
        {
            return "an entry out of range or a block used twice";
        }

        return used.Length == Math.Min(p, m) ? "" : $"{used.Length} pairs, a padded matching has min(p, m) = {Math.Min(p, m)}";
    }

    /// <summary>Σ over matched pairs ‖ŵ_i − w*_k‖² + Σ unmatched units ‖w*_k‖² + Σ unmatched blocks ‖ŵ_i‖².</summary>
    private static double MatchingCost(double[][] estimate, double[][] truth, IReadOnlyList<int> matching)
    {
        double total = 0;
        var used = new bool[estimate.Length];
        for (int k = 0; k < truth.Length; k++)
        {
            int i = matching[k];
            if (i >= 0)
            {
                used[i] = true;
            }

            total += SquaredDistance(i >= 0 ? estimate[i] : null, truth[k]);
        }

        for (int i = 0; i < estimate.Length; i++)
        {
            total += used[i] ? 0 : SquaredNorm(estimate[i]);
        }

        return total;
    }

    private static double SquaredNorm(double[] block) => block.Sum(v => v * v);

    private static double SquaredDistance(double[]? a, double[]? b)
    {
        int d = a?.Length ?? b?.Length ?? 0;
        double total = 0;
        for (int l = 0; l < d; l++)
        {
            double diff = (a?[l] ?? 0) - (b?[l] ?? 0);
            total += diff * diff;
        }

        return total;
    }

    /// <summary>Every permutation of [0, n) (recursive).</summary>
    private static IEnumerable<int[]> Permutations(int n) => Injections(n, n);

    /// <summary>Every injective map [0, small) → [0, large), as its image sequence.</summary>
    private static IEnumerable<int[]> Injections(int small, int large)
    {
        if (small == 0)
        {
            yield return [];
            yield break;
        }

        foreach (int[] prefix in Injections(small - 1, large))
        {
            for (int j = 0; j < large; j++)
            {
                if (Array.IndexOf(prefix, j) < 0)
                {
                    yield return [.. prefix, j];
                }
            }
        }
    }

    private static SparseVector Resize(SparseVector v, int length)
    {
        var indices = new List<int>();
        var values = new List<double>();
        for (int t = 0; t < v.Count && v.Indices[t] < length; t++)
        {
            indices.Add(v.Indices[t]);
            values.Add(v.Values[t]);
        }

        return new SparseVector(length, indices.ToArray(), values.ToArray());
    }

    private static string Show(MetricCase.Built b) =>
        $"ŵ = {ShowBlocks(b.Estimate)}, w* = {ShowBlocks(b.Truth)}";

    private static string ShowBlocks(double[][] blocks) =>
        "[" + string.Join(" | ", blocks.Select(x => string.Join(" ", x.Select(Closeness.R)))) + "]";

    private static string ShowSet(HashSet<(int Unit, int Coordinate)> set) =>
        "{" + string.Join(" ", set.OrderBy(x => x.Unit).ThenBy(x => x.Coordinate).Select(x => $"({x.Unit},{x.Coordinate})")) + "}";
}
