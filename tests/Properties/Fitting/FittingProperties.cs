using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SparseIhtVerify.Experiments.Fitting;
using SparseIhtVerify.Experiments.IO;
using SparseIhtVerify.Properties.Generators;
using SparseIhtVerify.Properties.Support;
using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Solvers;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// Fitting a user's (X, y) (<see cref="Fitting"/>): a saved model predicts the fitted values bit for bit and its file
/// round-trips byte for byte; validation picks the planted s on easy instances; debiasing never raises the training
/// residual; a warm start is where the solve starts.
/// </summary>
public sealed class FittingProperties
{
    /// <summary>Floors on the generated premises (pinned draws: 60 % of fits with sparse gates, 95 % planted s chosen, 78 % strict debias gains, on 40 cases each).</summary>
    private const double RequiredSparseGateRate = 0.25, RequiredPlantedChoiceRate = 0.8, RequiredStrictDebiasRate = 0.3;

    /// <summary>A fit of a planted network's data with a random dictionary of <see cref="Width"/> generators.</summary>
    public sealed record FitCase(SolverMode Mode, PatternRule Rule, SolverKind Solver, bool Debias, bool Holdout, int Inputs, int Units, int Nonzeros, int Samples, int Width, long Seed)
    {
        public PlantedNetwork Network => PlantedNetwork.Create(new PlantedNetworkSpec(Inputs, Units, Nonzeros, Samples, Seed, WeightDistribution.Gaussian, OutputWeights.Positive, KeepUnitsNonEmpty: Nonzeros >= Units));

        public FitSettings Settings(int? nonzeros = null, bool? debias = null, int iterations = 60) => new(
            [nonzeros ?? Nonzeros],
            new SolverOptions(Solver: Solver, MaxIterations: iterations, Mode: Mode),
            Width: Width,
            Rule: Rule,
            Holdout: Holdout ? 0.25 : null,
            Debias: debias ?? Debias,
            Seed: Seed);

        public override string ToString() =>
            $"FitCase(mode={Mode}, rule={Rule}, solver={Solver.Word}, debias={Debias}, holdout={Holdout}, d={Inputs}, m={Units}, s={Nonzeros}, n={Samples}, p={Width}, seed={Seed})";
    }

    private static Gen<FitCase> FitGen =>
        from mode in Gen.Elements(SolverMode.Convex, SolverMode.SequentialConvex)
        from rule in Gen.Elements(PatternRule.GreaterOrEqual, PatternRule.Greater)
        from solver in Gen.Elements(SolverCatalogue.Niht, SolverCatalogue.Htp, SolverCatalogue.Aiht)
        from debias in Gen.Elements(false, true)
        from holdout in Gen.Elements(false, true)
        from d in Gen.Choose(2, 6)
        from m in Gen.Choose(1, 3)
        from s in Gen.Choose(1, 6)
        from n in Gen.Choose(40, 240)
        from p in Gen.Choose(2, 10)
        from seed in InstanceGenerators.Seed
        select new FitCase(mode, rule, solver, debias, holdout, d, m, Math.Min(s, d * Math.Min(m, p)), n, p, seed);

    private static Arbitrary<FitCase> FitCases =>
        Arb.From(FitGen, c => InstanceGenerators.SmallerInts(c.Samples, 40).Select(n => c with { Samples = n })
            .Concat(InstanceGenerators.SmallerInts(c.Width, 2).Select(p => c with { Width = p })));

    private static FitOutcome Fit(FitCase c, int? nonzeros = null, bool? debias = null, int iterations = 60)
    {
        PlantedNetwork network = c.Network;
        return Fitting.Run(new FitRequest(network.Data, network.Labels.ToArray(), c.Settings(nonzeros, debias, iterations)));
    }

    // A debias case: s one below the planted s (no exact fit) and one iteration (not converged), so there is something to gain.
    private static (FitOutcome Plain, FitOutcome Debiased) DebiasPair(FitCase c)
    {
        int s = Math.Max(1, c.Nonzeros - 1);
        return (Fit(c, s, debias: false, iterations: 1), Fit(c, s, debias: true, iterations: 1));
    }

    // The saved model predicts on the training rows exactly the fitted values, which are A·ŵ with the gates the solve ended on
    // (h_j := w_j after SCP updates); saving the loaded model again gives the same bytes.
    [Property(MaxTest = 60)]
    public Property SavedModelPredictsTheFittedValuesAndRoundTripsByteForByte() =>
        Prop.ForAll(FitCases, c =>
        {
            FitOutcome outcome = Fit(c);
            using var folder = new TemporaryDirectory();
            string first = folder.File("model.npz"), second = folder.File("again.npz");
            ModelFile.Save(first, outcome.Model);
            FittedNetwork loaded = ModelFile.Load(first);
            ModelFile.Save(second, loaded);
            var trainData = new DataMatrix(outcome.TrainRows.Count, c.Inputs, outcome.TrainRows.SelectMany(i => c.Network.Data.Row(i).ToArray()).ToArray());
            double[] predicted = loaded.Predict(trainData);
            double[] solverGates = outcome.Result.FinalOperator.Forward(outcome.Model.Weights);
            return (Bits(predicted).SequenceEqual(Bits(outcome.TrainPredictions))).Label($"{c}: predict on the training rows differs from the fitted values")
                .And(Bits(predicted).SequenceEqual(Bits(solverGates)).Label($"{c}: the model's gates differ from the solve's final gates"))
                .And(File.ReadAllBytes(first).SequenceEqual(File.ReadAllBytes(second)).Label($"{c}: save → load → save changed the bytes"))
                .Classify(outcome.Model.Gates == GateEvaluation.Sparse, "sparse gates (h_j := w_j)")
                .Classify(c.Debias, "debiased");
        });

    // On noise-free planted data with the planted units as generators, validation among s − 2 … s + 4 picks the planted s in ≥ 80 % of
    // the cases; the others are classified (a solve that missed at s, or a smaller s that fits as well).
    [Property(MaxTest = 1, Replay = "(11,13)")]
    public Property ValidationPicksThePlantedSparsityOnEasyInstances()
    {
        var rows = new List<(string Case, int Chosen, int Planted, bool Cv)>();
        var random = new Solver.Randomness.SeededRandom(20261204);
        for (int t = 0; t < 40; t++)
        {
            int d = 4 + random.NextInt(5), m = 1 + random.NextInt(3), s = Math.Min(d * m, 3 + random.NextInt(2 * d)), n = 300 + random.NextInt(500);
            long seed = random.NextInt(int.MaxValue);
            bool cv = t % 2 == 1;
            var network = PlantedNetwork.Create(new PlantedNetworkSpec(d, m, s, n, seed, WeightDistribution.Gaussian, OutputWeights.Positive, KeepUnitsNonEmpty: s >= m));
            int[] candidates = [.. new[] { s - 2, s - 1, s, s + 2, s + 4 }.Where(v => v >= 1 && v <= d * m)];
            var settings = new FitSettings(candidates, new SolverOptions(MaxIterations: 300), Rule: PatternRule.GreaterOrEqual,
                Validation: cv ? new Validation(ValidationKind.CrossValidation, 3) : new Validation(ValidationKind.Holdout), Holdout: cv ? null : 0.25, Seed: seed);
            var planted = GeneratorDictionary.Create(DictionaryKind.Planted, network, 0, seed);
            FitOutcome outcome = Fitting.Run(new FitRequest(network.Data, network.Labels.ToArray(), settings, planted));
            rows.Add(($"d={d} m={m} s={s} n={n} seed={seed} {(cv ? "cv:3" : "holdout")}: path {string.Join(" ", outcome.Path.Select(p => $"{p.Nonzeros}:{p.ValidationError:G3}"))}", outcome.Nonzeros, s, cv));
        }

        double rate = rows.Count(r => r.Chosen == r.Planted) / (double)rows.Count;
        string misses = string.Join("; ", rows.Where(r => r.Chosen != r.Planted).Select(r => $"chose {r.Chosen} ({(r.Chosen < r.Planted ? "smaller" : "larger")}) in {r.Case}"));
        return (rate >= RequiredPlantedChoiceRate).Label($"planted s chosen in {rate:P0} of {rows.Count} cases; misses: {misses}")
            .Classify(rate == 1, "every case chose the planted s");
    }

    // Held-out rows are judged, never trained on: shifting their labels leaves every weight and training error as it was and moves every validation error.
    [Property(MaxTest = 40)]
    public Property HeldOutLabelsChangeTheValidationErrorsButNoWeight() =>
        Prop.ForAll(FitCases, c =>
        {
            PlantedNetwork network = c.Network;
            FitSettings settings = c.Settings() with { Holdout = 0.25, Validation = new Validation(ValidationKind.Holdout) }; // one candidate: the same s is chosen
            double[] labels = network.Labels.ToArray();
            FitOutcome original = Fitting.Run(new FitRequest(network.Data, labels, settings));
            double[] shifted = labels.ToArray();
            foreach (int i in original.ValidationRows)
            {
                shifted[i] += 100;
            }

            FitOutcome moved = Fitting.Run(new FitRequest(network.Data, shifted, settings));
            bool sameWeights = Bits(original.Model.Weights.ToDense()).SequenceEqual(Bits(moved.Model.Weights.ToDense()));
            bool sameTraining = original.Path.Select(p => p.TrainError).SequenceEqual(moved.Path.Select(p => p.TrainError));
            // A diverged fit's validation error (≫ 100²) cannot see a shift of 100; such cases are classified, not judged.
            bool diverged = original.Path.Any(p => !(p.ValidationError < 1e6));
            bool validationMoved = diverged || original.Path.Zip(moved.Path).All(pair => pair.Second.ValidationError > pair.First.ValidationError);
            return sameWeights.Label($"{c}: the final weights depend on held-out labels")
                .And(sameTraining.Label($"{c}: the training errors depend on held-out labels"))
                .And(validationMoved.Label($"{c}: a validation error did not see the held-out labels"))
                .Classify(c.Mode == SolverMode.SequentialConvex, "scp")
                .Classify(diverged, "diverged (validation MSE ≥ 1e6): not judged");
        });

    // Each row of a holdout path is the fit of its s alone: fitting only that s with the same rows gives the row's errors bit for bit
    // (so a path row is reproduced from the model file of `fit --nonzeros s` with the same holdout and seed).
    [Property(MaxTest = 30)]
    public Property EachHoldoutPathRowIsTheFitOfItsSparsityAlone() =>
        Prop.ForAll(FitCases, c =>
        {
            PlantedNetwork network = c.Network;
            int[] candidates = [.. new[] { c.Nonzeros, c.Nonzeros + 1, c.Nonzeros + 2 }.Where(v => v <= c.Inputs * c.Width)];
            FitSettings settings = c.Settings() with { Nonzeros = candidates, Holdout = 0.25, Validation = new Validation(ValidationKind.Holdout) };
            FitOutcome path = Fitting.Run(new FitRequest(network.Data, network.Labels.ToArray(), settings));
            Property result = true.ToProperty();
            foreach (SelectionStep step in path.Path)
            {
                FitOutcome alone = Fitting.Run(new FitRequest(network.Data, network.Labels.ToArray(), settings with { Nonzeros = [step.Nonzeros] }));
                result = result.And((alone.Train.MeanSquaredError.Equals(step.TrainError) && alone.Validation!.MeanSquaredError.Equals(step.ValidationError))
                    .Label($"{c}: s = {step.Nonzeros}: path ({step.TrainError:R}, {step.ValidationError:R}), alone ({alone.Train.MeanSquaredError:R}, {alone.Validation!.MeanSquaredError:R})"));
            }

            return result.Classify(candidates.Length == 3, "three candidates");
        });

    // Least squares on the final support, with the final gates, never raises the training residual ‖Aŵ − y‖ (up to rounding).
    [Property(MaxTest = 60)]
    public Property DebiasNeverIncreasesTheTrainingResidual() =>
        Prop.ForAll(FitCases, c =>
        {
            (FitOutcome plain, FitOutcome debiased) = DebiasPair(c);
            double before = plain.Train.MeanSquaredError, after = debiased.Train.MeanSquaredError;
            return (after <= (before * (1 + 1e-9)) + 1e-28).Label($"{c}: training MSE {before:R} → {after:R} after debiasing")
                .Classify(after < before * (1 - 1e-6), "strictly better")
                .Classify(c.Mode == SolverMode.SequentialConvex, "scp");
        });

    // Premise rates: SCP fits end with sparse gates, and debiasing strictly helps, often enough for the properties above to mean something.
    [Property(MaxTest = 1, Replay = "(5,7)")]
    public Property GeneratedFitCasesMeetEachPremiseOften() => Prop.ForAll(Gen.ArrayOf(FitGen, 40).ToArbitrary(), cases =>
    {
        double sparse = cases.Count(c => Fit(c).Model.Gates == GateEvaluation.Sparse) / (double)cases.Length;
        double strict = cases.Select(DebiasPair).Count(pair => pair.Debiased.Train.MeanSquaredError < pair.Plain.Train.MeanSquaredError * (1 - 1e-6)) / (double)cases.Length;
        return (sparse >= RequiredSparseGateRate).Label($"sparse-gate rate {sparse:P0}")
            .And((strict >= RequiredStrictDebiasRate).Label($"strict debias gain rate {strict:P0}"));
    });

    // A warm start is the first iterate: starting at the planted weights converges in one step, and a zero start is the cold start bit for bit.
    // NIHT and AIHT only: HTP's least squares (plain QR) return NaN when two planted units share a pattern, so from w* its first step
    // is non-finite (replay (5398426954316687157,346965553229986625,47): d = 2, m = 3, n = 40), a defect of HTP noted for its own change.
    [Property(MaxTest = 30)]
    public Property WarmStartIsWhereTheSolveStarts() =>
        Prop.ForAll(FitCases, c =>
        {
            PlantedNetwork network = c.Network;
            var instance = PlantedInstance.Create(network, DictionaryKind.Planted, 0, c.Rule);
            SolverKind solver = c.Solver == SolverCatalogue.Htp ? SolverCatalogue.Niht : c.Solver;
            var options = new SolverOptions(Solver: solver, Projection: c.Nonzeros, MaxIterations: 40, Seed: c.Seed);
            SolverResult atTruth = IterativeSolver.Solve(instance.Operator, instance.Labels, options, instance.Truth);
            SolverResult cold = IterativeSolver.Solve(instance.Operator, instance.Labels, options);
            SolverResult zero = IterativeSolver.Solve(instance.Operator, instance.Labels, options, SparseVector.Zero(instance.Operator.Columns));
            bool exact = atTruth.Trace.Count > 0 && atTruth.Trace[0].RelativeResidual <= 1e-9;
            return exact.Label($"{c}: from w* the first step has relative residual {(atTruth.Trace.Count > 0 ? atTruth.Trace[0].RelativeResidual : double.NaN):G3}")
                .And(Bits(zero.Weights.ToDense()).SequenceEqual(Bits(cold.Weights.ToDense())) && zero.Iterations == cold.Iterations)
                .Label($"{c}: a zero warm start differs from the cold start");
        });

    // The metrics of a hand-computed case: y = (0, 1, 1, 0), ŷ = (0.2, 0.7, 0.9, 0.6): MSE = (0.04 + 0.09 + 0.01 + 0.36)/4 = 0.125,
    // R² = 1 − 0.5/1, PSNR = −10·log10 0.125 (max|y| = 1), relative residual √(0.5/2), accuracy 3/4 (row 3 is on the wrong side of 0.5);
    // non-0/1 labels have no accuracy, constant labels no R².
    [Fact]
    public void MetricsOfAHandComputedCase()
    {
        FitMetrics m = FitMetrics.Of([0, 1, 1, 0], [0.2, 0.7, 0.9, 0.6], binary: FitMetrics.AreBinary([0, 1, 1, 0]));
        Assert.Equal(0.125, m.MeanSquaredError, 15);
        Assert.Equal(0.5, m.RSquared, 14);
        Assert.Equal(-10 * Math.Log10(0.125), m.PsnrDb, 12);
        Assert.Equal(0.5, m.RelativeResidual, 14);
        Assert.Equal(0.75, m.Accuracy);
        Assert.Null(FitMetrics.Of([0, 2], [0, 2], FitMetrics.AreBinary([0, 2])).Accuracy);
        Assert.True(double.IsNaN(FitMetrics.Of([3, 3], [3, 2], binary: false).RSquared), "R² of constant labels is undefined");
    }

    private static IEnumerable<long> Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits);
}
