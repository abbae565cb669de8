using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Theory.Constants;

namespace SparseIhtVerify.Properties;

/// <summary>
/// The restricted-constant estimator against brute force (theory.md §3): on instances small enough to enumerate every
/// support of the level, witnesses bound the exact α_k from above and β_k from below, certified bounds contain them,
/// enumeration reproduces them, and the adversarial search finds the extremes in most cases. Uniform constants range
/// over all supports of size k; support-restricted ones over those containing the planted support S*.
/// </summary>
public sealed class EstimatorSoundnessProperties
{
    /// <summary>Absolute slack for comparing eigenvalues of O(1) Grams computed in two different orders.</summary>
    private const double Slack = 1e-10;

    /// <summary>The search found the exact extreme: |witness − exact| ≤ 1e−9·max(|exact|, 1e−3·β_exact).</summary>
    private const double FoundTolerance = 1e-9;

    /// <summary>The rate at which the adversarial search must find the exact α_k and β_k.</summary>
    private const double RequiredFoundRate = 0.8;

    private static readonly EstimationBudget SearchOnly = new(Supports: 500, Enumerate: false);

    private static readonly EstimationBudget Enumeration = new(Supports: 1_000_000, Enumerate: true);

    /// <summary>Everything one case gives: brute force, the search-only estimate and the enumerating estimate.</summary>
    private sealed record Outcome(
        EstimatorCase Case,
        bool FreeOfNearTies,
        int[] Required,
        BruteForceConstants.Exact Exact,
        RestrictedConstants Search,
        RestrictedConstants Enumerated,
        (double Min, double Max) AlphaWitnessSpectrum,
        (double Min, double Max) BetaWitnessSpectrum)
    {
        public bool AlphaFound => Math.Abs(Search.AlphaWitness - Exact.Alpha) <= FoundTolerance * Math.Max(Math.Abs(Exact.Alpha), 1e-3 * Exact.Beta);

        public bool BetaFound => Math.Abs(Search.BetaWitness - Exact.Beta) <= FoundTolerance * Math.Abs(Exact.Beta);

        public string Numbers =>
            $"exact α={Closeness.R(Exact.Alpha)} on [{string.Join(",", Exact.AlphaSupport)}], β={Closeness.R(Exact.Beta)} on [{string.Join(",", Exact.BetaSupport)}] over {Exact.Supports} supports; " +
            $"witness α={Closeness.R(Search.AlphaWitness)} on [{string.Join(",", Search.AlphaWitnessSupport)}], β={Closeness.R(Search.BetaWitness)} on [{string.Join(",", Search.BetaWitnessSupport)}]; " +
            $"certified α={Show(Search.AlphaCertified)}, β={Show(Search.BetaCertified)}; enumerated exact={Enumerated.IsExact} α={Closeness.R(Enumerated.AlphaWitness)} β={Closeness.R(Enumerated.BetaWitness)}; " +
            $"S*=[{string.Join(",", Required)}]; methods {string.Join("/", Search.Methods)}; {Case}";

        private static string Show(double? v) => v is double x ? Closeness.R(x) : "none";
    }

    private static Outcome Evaluate(EstimatorCase c)
    {
        SmallNetworkInstance instance = c.Network.Build();
        int[] required = c.Restricted ? instance.Network.FusedWeights.Indices.ToArray() : [];
        Matrix<double> gram = BruteForceConstants.Gram(instance.Oracle);
        BruteForceConstants.Exact exact = BruteForceConstants.Constants(gram, c.Level, required);
        IReadOnlyList<int>? requiredSupport = c.Restricted ? required : null;
        RestrictedConstants search = RestrictedConstantEstimator.Estimate(instance.Operator, c.Level, requiredSupport, SearchOnly, instance.Operator);
        RestrictedConstants enumerated = RestrictedConstantEstimator.Estimate(instance.Operator, c.Level, requiredSupport, Enumeration, instance.Operator);
        (double, double) Spectrum(IReadOnlyList<int> support) =>
            support.Count == 0 ? (double.NaN, double.NaN) : BruteForceConstants.Extremes(gram, support.ToArray());
        return new Outcome(c, instance.FreeOfNearTies, required, exact, search, enumerated,
            Spectrum(search.AlphaWitnessSupport), Spectrum(search.BetaWitnessSupport));
    }

    /// <summary>Witnesses and certificates are sound, enumeration is exact, witness supports are honest.</summary>
    private static Property Soundness(Outcome o)
    {
        RestrictedConstants s = o.Search, e = o.Enumerated;
        int k = Math.Min(o.Case.Level, o.Case.Columns);
        bool witnessSupportsValid = new[] { s.AlphaWitnessSupport, s.BetaWitnessSupport }.All(support =>
            support.Count >= 1 && support.Count <= k && o.Required.All(support.Contains) && support.All(i => i >= 0 && i < o.Case.Columns));
        return (s.AlphaWitness >= o.Exact.Alpha - Slack).Label($"witness α below the exact α_k; {o.Numbers}")
            .And((s.BetaWitness <= o.Exact.Beta + Slack).Label($"witness β above the exact β_k; {o.Numbers}"))
            .And((s.AlphaCertified is not double ac || ac <= o.Exact.Alpha + Slack).Label($"certified α above the exact α_k; {o.Numbers}"))
            .And((s.BetaCertified is not double bc || bc >= o.Exact.Beta - Slack).Label($"certified β below the exact β_k; {o.Numbers}"))
            .And((!s.IsExact).Label($"a search-only budget (Enumerate: false) reported IsExact; {o.Numbers}"))
            .And(witnessSupportsValid.Label($"a witness support is empty, larger than k, misses S* or leaves [0, N); {o.Numbers}"))
            .And((Math.Abs(o.AlphaWitnessSpectrum.Min - s.AlphaWitness) <= Slack).Label($"λ_min on the α witness support is {Closeness.R(o.AlphaWitnessSpectrum.Min)}, not the reported witness; {o.Numbers}"))
            .And((Math.Abs(o.BetaWitnessSpectrum.Max - s.BetaWitness) <= Slack).Label($"λ_max on the β witness support is {Closeness.R(o.BetaWitnessSpectrum.Max)}, not the reported witness; {o.Numbers}"))
            .And(e.IsExact.Label($"enumeration within budget did not report IsExact; {o.Numbers}"))
            .And((Math.Abs(e.AlphaWitness - o.Exact.Alpha) <= Slack && Math.Abs(e.BetaWitness - o.Exact.Beta) <= Slack).Label($"enumerated constants differ from brute force; {o.Numbers}"))
            .And((e.AlphaCertified is double ea && e.BetaCertified is double eb && Math.Abs(ea - o.Exact.Alpha) <= Slack && Math.Abs(eb - o.Exact.Beta) <= Slack)
                .Label($"exact constants must be their own certified bounds; {o.Numbers}"));
    }

    private static Property Classified(Property p, Outcome o) =>
        p.Classify(o.AlphaFound, "search found exact α")
            .Classify(o.BetaFound, "search found exact β")
            .Classify(o.Search.AlphaCertified is not null, "certified bounds present")
            .Classify(o.Exact.Alpha <= 1e-12 * Math.Max(1, o.Exact.Beta), "α_k ≈ 0 (dependent columns)")
            .Collect($"{o.Case.Network.Dictionary} k={o.Case.Level}");

    // Uniform constants: witness α ≥ exact α, witness β ≤ exact β, certified bounds contain the exact values, enumeration is exact.
    [Property(MaxTest = 150)]
    public Property UniformWitnessesAndCertificatesBracketBruteForce() =>
        Prop.ForAll(EstimatorCase.Cases(restricted: false), c =>
        {
            Outcome o = Evaluate(c);
            return Prop.When(o.FreeOfNearTies, () => Classified(Soundness(o), o));
        });

    // Support-restricted constants (supports ⊇ S*, |S*| ≤ k): the same soundness against brute force over supports ⊇ S*.
    [Property(MaxTest = 150)]
    public Property SupportRestrictedWitnessesAndCertificatesBracketBruteForce() =>
        Prop.ForAll(EstimatorCase.Cases(restricted: true), c =>
        {
            Outcome o = Evaluate(c);
            return Prop.When(o.FreeOfNearTies, () => Classified(Soundness(o), o)
                .And(o.Search.RestrictedToSupport.Label($"restricted estimate does not say RestrictedToSupport; {o.Numbers}")));
        });

    // The adversarial search (search only, 500 supports) finds the exact α_k and β_k in at least 80% of uniform and restricted cases.
    [Property(MaxTest = 1)]
    public Property AdversarialSearchFindsExactExtremesInMostCases() =>
        Prop.ForAll(Gen.ArrayOf(Gen.OneOf(EstimatorCase.CaseGen(false), EstimatorCase.CaseGen(true)), 150).ToArbitrary(), cases =>
        {
            Outcome[] outcomes = cases.Select(Evaluate).Where(o => o.FreeOfNearTies).ToArray();
            string Rate(Func<Outcome, bool> found, IEnumerable<Outcome> of)
            {
                Outcome[] some = of.ToArray();
                return some.Length == 0 ? "n/a" : $"{some.Count(found)}/{some.Length} ({100.0 * some.Count(found) / some.Length:F0}%)";
            }

            double alphaRate = (double)outcomes.Count(o => o.AlphaFound) / outcomes.Length;
            double betaRate = (double)outcomes.Count(o => o.BetaFound) / outcomes.Length;
            string summary = $"α found {Rate(o => o.AlphaFound, outcomes)} [uniform {Rate(o => o.AlphaFound, outcomes.Where(o => !o.Case.Restricted))}, restricted {Rate(o => o.AlphaFound, outcomes.Where(o => o.Case.Restricted))}]; " +
                $"β found {Rate(o => o.BetaFound, outcomes)} [uniform {Rate(o => o.BetaFound, outcomes.Where(o => !o.Case.Restricted))}, restricted {Rate(o => o.BetaFound, outcomes.Where(o => o.Case.Restricted))}]";
            Outcome? missedAlpha = outcomes.FirstOrDefault(o => !o.AlphaFound);
            Outcome? missedBeta = outcomes.FirstOrDefault(o => !o.BetaFound);
            return (outcomes.Length >= cases.Length - 1).Label($"{cases.Length - outcomes.Length} of {cases.Length} cases have near-tie pre-activations")
                .And((alphaRate >= RequiredFoundRate).Label($"{summary}; e.g. missed α: {missedAlpha?.Numbers}"))
                .And((betaRate >= RequiredFoundRate).Label($"{summary}; e.g. missed β: {missedBeta?.Numbers}"))
                .Collect(summary);
        });
}
