using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Instances;
using SparseIhtVerify.Theory.Constants;
using SparseIhtVerify.Theory.Identifiability;

namespace SparseIhtVerify.Properties;

/// <summary>
/// Identifiability (theory.md §4): a certified α_2s &gt; 0 means no other s-sparse w has Aw = y, checked by exhaustive
/// least squares over every s-sparse support of tiny instances; identical patterns make α_2s = 0, and the second
/// solution the check builds really solves Aw = y.
/// </summary>
public sealed class IdentifiabilityProperties
{
    /// <summary>Zero residual: ‖A_T w_T − y‖/‖y‖ at most this.</summary>
    private const double ZeroResidual = 1e-9;

    /// <summary>The least rate at which tiny generated instances meet the premise of the first property.</summary>
    private const double RequiredCertifiedRate = 0.5;

    /// <summary>Enumerates every support of the tiny instances (C(12, 4) = 495), so the certified α_2s is exact.</summary>
    private static readonly EstimationBudget Exact = new(Supports: 5000);

    /// <summary>Search only: the certified α_2s then comes from the Gershgorin and full-Gram bounds.</summary>
    private static readonly EstimationBudget SearchOnly = new(Supports: 500, Enumerate: false);

    /// <summary>Tiny planted instances: N = p·d ≤ 12, s ≤ 2, n ∈ 4..60, planted or planted+random (one extra) dictionary.</summary>
    private static Gen<SmallNetworkCase> TinyGen =>
        from d in Gen.Choose(2, 6)
        from m in Gen.Choose(1, Math.Min(2, 12 / d))
        from kind in (m + 1) * d <= 12 ? Gen.Elements(DictionaryKind.Planted, DictionaryKind.PlantedPlusRandom) : Gen.Constant(DictionaryKind.Planted)
        from s in Gen.Choose(1, Math.Min(2, d * m))
        from n in Gen.Choose(4, 60)
        from seed in InstanceGenerators.Seed
        from weights in Gen.Elements(WeightDistribution.Gaussian, WeightDistribution.Signs, WeightDistribution.Ones)
        from rule in Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
        select new SmallNetworkCase(d, m, s, n, seed, weights, rule, kind, kind == DictionaryKind.PlantedPlusRandom ? 1 : 0);

    private static Arbitrary<SmallNetworkCase> TinyCases =>
        Arb.From(TinyGen, c => InstanceGenerators.Shrink(c).Where(x => x.Inputs >= 2 && x.Columns <= 12 && x.Nonzeros <= 2));

    /// <summary>w* as a vector of length N = p·d (the network's fused weights cover only the m planted blocks).</summary>
    private static SparseVector Truth(SmallNetworkInstance instance) =>
        new(instance.Case.Columns, instance.Network.FusedWeights.Indices, instance.Network.FusedWeights.Values);

    /// <summary>The check's verdict on one tiny instance, from level-2s constants (enumerated, or search-only with certificates).</summary>
    private static (SmallNetworkInstance Instance, RestrictedConstants Constants, IdentifiabilityReport Report) Check(SmallNetworkCase c, bool enumerate)
    {
        SmallNetworkInstance instance = c.Build();
        RestrictedConstants constants = RestrictedConstantEstimator.Estimate(instance.Operator, 2 * c.Nonzeros, null, enumerate ? Exact : SearchOnly, instance.Operator);
        IdentifiabilityReport report = IdentifiabilityCheck.Check(instance.Operator, constants, Truth(instance), instance.Network.Labels, instance.Operator);
        return (instance, constants, report);
    }

    /// <summary>Every distinct s-sparse w with zero residual, by least squares on every support of size s (dense oracle).</summary>
    private static List<double[]> ZeroResidualSolutions(SmallNetworkInstance instance, int sparsity, double scale)
    {
        int columns = instance.Case.Columns;
        Vector<double> y = Vector<double>.Build.DenseOfArray(instance.Network.Labels.ToArray());
        var solutions = new List<double[]>();
        foreach (int[] support in BruteForceConstants.Supports(columns, Math.Min(sparsity, columns), []))
        {
            Matrix<double> a = Matrix<double>.Build.Dense(instance.Oracle.Rows, support.Length, (i, t) => instance.Oracle[i, support[t]]);
            Vector<double> fit = a.Svd().Solve(y);
            double residual = (a * fit - y).L2Norm() / y.L2Norm();
            if (residual > ZeroResidual)
            {
                continue;
            }

            var dense = new double[columns];
            for (int t = 0; t < support.Length; t++)
            {
                dense[support[t]] = fit[t];
            }

            // Supports that differ only by columns carrying a zero weight give the same w: keep distinct vectors.
            if (!solutions.Any(w => Distance(w, dense) <= 1e-6 * scale))
            {
                solutions.Add(dense);
            }
        }

        return solutions;
    }

    /// <summary>Certified identifiable, no near-tie pre-activation (oracle and operator agree), and y ≠ 0 (relative residuals exist).</summary>
    private static bool Premise(SmallNetworkInstance instance, IdentifiabilityReport report) =>
        report.Status == IdentifiabilityStatus.Certified && instance.FreeOfNearTies && instance.Network.Labels.ToArray().Any(v => v != 0);

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, z) => (x - z) * (x - z)).Sum());

    // Certified α_2s > 0 (exact, or Gershgorin/full-Gram bounds) ⇒ exhaustive least squares over all s-sparse supports finds exactly one zero-residual solution, w*.
    [Property(MaxTest = 150)]
    public Property CertifiedIdentifiabilityMeansOneZeroResidualSolution() =>
        Prop.ForAll(TinyCases, Gen.Elements(true, false).ToArbitrary(), (c, enumerate) =>
        {
            var (instance, constants, report) = Check(c, enumerate);
            return Prop.When(Premise(instance, report), () =>
            {
                SparseVector truth = Truth(instance);
                List<double[]> solutions = ZeroResidualSolutions(instance, c.Nonzeros, truth.Norm());
                bool isTruth = solutions.Count == 1 && Distance(solutions[0], truth.ToDense()) <= 1e-6 * truth.Norm();
                string where = $"certified α_2s={constants.AlphaCertified}, exact={constants.IsExact}, enumerate={enumerate}; {solutions.Count} zero-residual solutions; {c}";
                return (report.AlphaCertified is > 0.0).Label($"status Certified without a positive certified α; {where}")
                    .And((solutions.Count == 1).Label($"expected exactly one zero-residual s-sparse solution; {where}"))
                    .And(isTruth.Label($"the unique solution is not w*; {where}"))
                    .Classify(constants.IsExact, "exact α_2s")
                    .Classify(!constants.IsExact, "Gershgorin/full-Gram certificate")
                    .Collect($"s={c.Nonzeros}");
            });
        });

    // Premise rate: at least half of the tiny generated instances meet the premise, with either budget (the rest: n < 2s, zero or duplicate columns).
    [Property(MaxTest = 1)]
    public Property TinyInstancesAreOftenCertifiedIdentifiable() =>
        Prop.ForAll(Gen.ArrayOf(TinyGen.Zip(Gen.Elements(true, false)), 200).ToArbitrary(), cases =>
        {
            var checks = cases.Select(c => Check(c.Item1, c.Item2)).ToArray();
            double rate = (double)checks.Count(x => Premise(x.Instance, x.Report)) / checks.Length;
            string summary = string.Join(", ", checks.GroupBy(x => x.Report.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
            return (rate >= RequiredCertifiedRate).Label($"premise rate {rate:P0} ({summary})").Collect($"premise {rate:P0}; {summary}");
        });

    // Two blocks with the same generator, one carrying planted weights: NotIdentifiable, and the second solution solves Aw = y (≤ 1e−12) and differs from w*.
    [Property(MaxTest = 100)]
    public Property DuplicatePatternIsNotIdentifiableAndSecondSolutionSolves() =>
        Prop.ForAll(DuplicatePatternCase.Cases, c =>
        {
            var (network, sensing, oracle, truth) = c.Build();
            int s = c.Network.Nonzeros;
            RestrictedConstants constants = RestrictedConstantEstimator.Estimate(sensing, 2 * s, null, SearchOnly, sensing);
            IdentifiabilityReport report = IdentifiabilityCheck.Check(sensing, constants, truth, network.Labels, sensing);
            SparseVector? second = report.SecondSolution;
            double[] y = network.Labels.ToArray();
            double yNorm = Math.Sqrt(y.Sum(v => v * v));
            double ownResidual = double.NaN, distance = double.NaN, dependentMin = double.NaN, beta = double.NaN;
            if (second is not null)
            {
                double[] image = oracle.Forward(second);
                ownResidual = Math.Sqrt(image.Zip(y, (a, b) => (a - b) * (a - b)).Sum()) / yNorm;
                distance = second.DistanceTo(truth);
            }

            Matrix<double> gram = BruteForceConstants.Gram(oracle);
            beta = gram.Evd(Symmetricity.Symmetric).EigenValues.Max(v => v.Real);
            if (report.DependentColumns.Count > 0)
            {
                dependentMin = BruteForceConstants.Extremes(gram, report.DependentColumns.Order().ToArray()).Min;
            }

            string where = $"status {report.Status}, α witness {Closeness.R(report.AlphaWitness)}, residual reported {report.SecondSolutionRelativeResidual}, own {Closeness.R(ownResidual)}, " +
                $"‖w₂ − w*‖={Closeness.R(distance)}, dependent [{string.Join(",", report.DependentColumns)}] λ_min {Closeness.R(dependentMin)}; {c}";
            return Prop.When(yNorm > 0, () => (report.Status == IdentifiabilityStatus.NotIdentifiable).Label($"expected NotIdentifiable; {where}")
                .And((second is not null).Label($"no second solution was built; {where}"))
                .And((ownResidual <= 1e-12).Label($"‖A w₂ − y‖/‖y‖ above 1e−12 by the dense oracle; {where}"))
                .And((report.SecondSolutionRelativeResidual is double r && r <= 1e-12).Label($"reported residual above 1e−12; {where}"))
                .And((distance > 1e-6 * truth.Norm()).Label($"the second solution equals w*; {where}"))
                .And((second is not null && second.NonzeroCount <= s).Label($"the second solution has more than s = {s} nonzeros; {where}"))
                .And((dependentMin <= 1e-10 * Math.Max(1, beta)).Label($"the reported dependent columns are not dependent; {where}"))
                .Collect($"m={c.Network.Width} rule={c.Network.Rule}"));
        });
}
