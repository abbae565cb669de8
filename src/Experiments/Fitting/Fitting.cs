using SparseIhtVerify.Solver;
using SparseIhtVerify.Solver.Algorithms;
using SparseIhtVerify.Solver.Kernels;
using SparseIhtVerify.Solver.Models.TwoLayerRelu;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Experiments.Fitting;

/// <summary>
/// Fits a sparse two-layer ReLU network to (X, y) by the hard-thresholding solvers on the gated formulation
/// min ½‖Aw − y‖² s.t. ‖w‖₀ ≤ k, A = [D_1 X | … | D_p X] (theory.md §1): the rows are split into training and validation
/// rows (held out by the seed, or a given test set); among several candidate s the one with the lowest validation error is
/// chosen (holdout, or K-fold cross-validation on the training rows; errors within <see cref="TieTolerance"/>·mean(y²) of the
/// lowest are ties, which go to the smaller s); the chosen s is fitted on
/// the training rows, optionally debiased by least squares on its support, and scored.
/// </summary>
public static class Fitting
{
    /// <summary>Throws <see cref="InvalidSettingException"/> naming the first setting or input out of range.</summary>
    public static void Validate(FitRequest request)
    {
        FitSettings settings = request.Settings;
        DataMatrix x = request.Data;
        int d = x.Columns;
        if (request.Labels.Length != x.Rows)
        {
            throw new InvalidSettingException("labels", $"must hold one value per row of the data ({x.Rows}), got {request.Labels.Length}");
        }

        RequireFinite("labels", request.Labels);
        int blocks = request.WarmStart?.Blocks ?? request.Generators?.Blocks ?? settings.Width;
        InvalidSettingException.RequireAtLeast("width", blocks, 1);
        if (request.Generators is { } generators && generators.Inputs != d)
        {
            throw new InvalidSettingException("generators", $"must have the data's d = {d} columns, got {generators.Inputs}");
        }

        if (request.WarmStart is { } warm)
        {
            if (warm.Inputs != d)
            {
                throw new InvalidSettingException("warm-start", $"is a model of d = {warm.Inputs} inputs but the data has {d} columns");
            }

            if (request.Generators is not null)
            {
                throw new InvalidSettingException("generators", "cannot be given with a warm start, whose generators the fit starts from");
            }

            if (warm.Rule != settings.Rule)
            {
                throw new InvalidSettingException("pattern-rule", $"must be the warm start's rule, {PatternRules.Word(warm.Rule)}, got {PatternRules.Word(settings.Rule)}");
            }
        }

        long unknowns = (long)blocks * d;
        if (unknowns > Array.MaxLength)
        {
            throw new InvalidSettingException("width", $"blocks × inputs must be at most {Array.MaxLength} (the generators are one array), got {blocks} × {d}");
        }

        if (settings.Nonzeros.Count == 0)
        {
            throw new InvalidSettingException("nonzeros", "needs at least one value");
        }

        foreach (int s in settings.Nonzeros)
        {
            InvalidSettingException.RequireInRange("nonzeros", s, 1, unknowns);
        }

        if (settings.Projection is int k)
        {
            InvalidSettingException.RequireInRange("projection", k, settings.Nonzeros.Max(), unknowns);
        }

        settings.SolverFor(settings.Nonzeros[0]).Validate();
        if (request.WarmStart is { } start && start.Weights.Count > (settings.Projection ?? settings.Nonzeros.Min()))
        {
            throw new InvalidSettingException("warm-start", $"holds {start.Weights.Count} nonzero weights, more than the projection k = {settings.Projection ?? settings.Nonzeros.Min()} can keep", remedy: "projection");
        }

        if ((request.TestData is null) != (request.TestLabels is null))
        {
            throw new InvalidSettingException(request.TestData is null ? "test-data" : "test-labels", request.TestData is null ? "must come with the test labels' data" : "must come with the test data's labels");
        }

        if (request.TestData is { } test)
        {
            if (test.Columns != d)
            {
                throw new InvalidSettingException("test-data", $"must have the data's d = {d} columns, got {test.Columns}");
            }

            if (request.TestLabels!.Length != test.Rows)
            {
                throw new InvalidSettingException("test-labels", $"must hold one value per row of the test data ({test.Rows}), got {request.TestLabels.Length}");
            }

            RequireFinite("test-labels", request.TestLabels);
            if (settings.Holdout is not null)
            {
                throw new InvalidSettingException("holdout", "cannot be given with a test set, which is the validation set");
            }
        }

        int trainRows = x.Rows;
        if (settings.Holdout is double fraction)
        {
            if (!(fraction > 0 && fraction < 1))
            {
                throw new InvalidSettingException("holdout", $"must be a fraction in (0, 1), got {fraction}");
            }

            int held = HeldOutCount(x.Rows, fraction);
            if (held < 1 || held > x.Rows - 1)
            {
                throw new InvalidSettingException("holdout", $"holds out {held} of {x.Rows} rows; it must leave at least one row on each side");
            }

            trainRows -= held;
        }

        switch (settings.Validation.Kind)
        {
            case ValidationKind.None when settings.Nonzeros.Count > 1:
                throw new InvalidSettingException("select", $"must be holdout or cv:K to choose among {settings.Nonzeros.Count} values of s (nonzeros)");
            case ValidationKind.Holdout when settings.Holdout is null && request.TestData is null:
                throw new InvalidSettingException("select", "holdout needs validation rows: a holdout fraction or a test set", remedy: "holdout");
            case ValidationKind.CrossValidation:
                InvalidSettingException.RequireInRange("select", settings.Validation.Folds, 2, trainRows);
                break;
        }
    }

    /// <summary>Runs the fit; <paramref name="progress"/> sees a line per solve and its iterations.</summary>
    public static FitOutcome Run(FitRequest request, Action<string>? progress = null, CancellationToken cancellation = default)
    {
        Validate(request);
        FitSettings settings = request.Settings;
        DataMatrix x = request.Data;
        int[] validationRows = settings.Holdout is double fraction
            ? [.. new SeededRandom(settings.Seed, RandomStream.Validation).SampleWithoutReplacement(x.Rows, HeldOutCount(x.Rows, fraction)).Order()]
            : [];
        int[] trainRows = validationRows.Length == 0 ? [.. Enumerable.Range(0, x.Rows)] : [.. Enumerable.Range(0, x.Rows).Except(validationRows)];
        (DataMatrix Data, double[] Labels) train = Subset(x, request.Labels, trainRows);
        (DataMatrix Data, double[] Labels)? validation = request.TestData is { } test ? (test, request.TestLabels!)
            : validationRows.Length > 0 ? Subset(x, request.Labels, validationRows) : null;

        // The starting generators and their gates: the warm start's, the user's, or p random ones, drawn once for every solve.
        Start start = request.WarmStart is { } warm ? new Start(warm.Generators.ToArray(), warm.Gates)
            : new Start(request.Generators?.Generators.ToArray() ?? GeneratorDictionary.Random(x.Columns, settings.Width, settings.Seed).Generators.ToArray(), GateEvaluation.Dense);
        var path = new List<SelectionStep>();
        int chosen = settings.Nonzeros[0];
        if (settings.Validation.Kind != ValidationKind.None)
        {
            foreach (int s in settings.Nonzeros.Distinct().Order())
            {
                SelectionStep step = settings.Validation.Kind == ValidationKind.Holdout
                    ? Score(request, start, s, train, validation!.Value, $"s = {s}", progress, cancellation)
                    : CrossValidate(request, start, s, train, progress, cancellation);
                path.Add(step);
            }

            double[] judged = settings.Validation.Kind == ValidationKind.Holdout ? validation!.Value.Labels : train.Labels;
            chosen = Choose(path, judged.Average(v => v * v));
        }

        (FittedNetwork model, SolverResult result) = FitOnce(request, start, chosen, train.Data, train.Labels, $"final fit, s = {chosen}", progress, cancellation);
        double[] predictions = result.FinalOperator.Forward(model.Weights); // the model's own gates on every block with weights
        bool binary = FitMetrics.AreBinary(train.Labels);
        FitMetrics? held = validation is { } v ? FitMetrics.Of(v.Labels, model.Predict(v.Data, settings.Solver.Parallelism, settings.Backend), binary) : null;
        return new FitOutcome(request, model, result, trainRows, validationRows, predictions, FitMetrics.Of(train.Labels, predictions, binary), held, path);
    }

    /// <summary>Relative validation errors within this of the lowest are ties (rounding noise of exact fits): MSE ≤ min MSE + <see cref="TieTolerance"/>·mean(y²).</summary>
    public const double TieTolerance = 1e-10;

    /// <summary>The smallest s whose validation MSE is within <see cref="TieTolerance"/>·<paramref name="meanSquareLabel"/> of the lowest.</summary>
    public static int Choose(IReadOnlyList<SelectionStep> path, double meanSquareLabel)
    {
        double lowest = path.Min(step => step.ValidationError);
        return path.Where(step => step.ValidationError <= lowest + (TieTolerance * meanSquareLabel)).Min(step => step.Nonzeros);
    }

    /// <summary>round(fraction·n), the number of held-out rows.</summary>
    public static int HeldOutCount(int rows, double fraction) => (int)Math.Round(fraction * rows, MidpointRounding.AwayFromZero);

    private static SelectionStep Score(FitRequest request, Start start, int s, (DataMatrix Data, double[] Labels) train, (DataMatrix Data, double[] Labels) validation, string what, Action<string>? progress, CancellationToken cancellation)
    {
        (FittedNetwork model, SolverResult result) = FitOnce(request, start, s, train.Data, train.Labels, what, progress, cancellation);
        int threads = request.Settings.Solver.Parallelism;
        double trainError = FitMetrics.Of(train.Labels, result.FinalOperator.Forward(model.Weights), binary: false).MeanSquaredError;
        double validationError = FitMetrics.Of(validation.Labels, model.Predict(validation.Data, threads, request.Settings.Backend), binary: false).MeanSquaredError;
        return new SelectionStep(s, trainError, validationError);
    }

    // K folds of the training rows, by a permutation drawn from the seed: fold f holds the rows at positions ≡ f (mod K).
    private static SelectionStep CrossValidate(FitRequest request, Start start, int s, (DataMatrix Data, double[] Labels) train, Action<string>? progress, CancellationToken cancellation)
    {
        int folds = request.Settings.Validation.Folds, n = train.Data.Rows;
        int[] permutation = new SeededRandom(request.Settings.Seed, RandomStream.Validation).Split(1).SampleWithoutReplacement(n, n);
        double trainSum = 0, validationSum = 0;
        for (int f = 0; f < folds; f++)
        {
            int[] held = [.. Enumerable.Range(0, n).Where(t => t % folds == f).Select(t => permutation[t]).Order()];
            int[] kept = [.. Enumerable.Range(0, n).Except(held)];
            SelectionStep step = Score(request, start, s, Subset(train.Data, train.Labels, kept), Subset(train.Data, train.Labels, held), $"s = {s}, fold {f + 1}/{folds}", progress, cancellation);
            trainSum += step.TrainError;
            validationSum += step.ValidationError;
        }

        return new SelectionStep(s, trainSum / folds, validationSum / folds);
    }

    /// <summary>The generators every solve of a fit starts from, and how their gates are evaluated.</summary>
    private sealed record Start(double[] Generators, GateEvaluation Gates);

    /// <summary>One solve at sparsity s on (x, y) from <paramref name="start"/>, and the network it gives.</summary>
    private static (FittedNetwork Model, SolverResult Result) FitOnce(FitRequest request, Start start, int s, DataMatrix x, double[] y, string what, Action<string>? progress, CancellationToken cancellation)
    {
        FitSettings settings = request.Settings;
        SolverOptions options = settings.SolverFor(s);
        int d = x.Columns;
        FittedNetwork? warm = request.WarmStart;
        GateEvaluation gates = start.Gates;
        ActivationPatternOperator sensing = FittedNetwork.GatedOperator(x, start.Generators, settings.Rule, gates, options.Parallelism, settings.Backend);

        progress?.Invoke($"{what}: solving…");
        void Report(TraceRow row) => progress?.Invoke($"{what}: iteration {row.Iteration}/{options.MaxIterations}, relative residual {row.RelativeResidual:G4}, nonzeros {row.Nonzeros}");
        SolverResult result = warm is not null
            ? IterativeSolver.Solve(sensing, y, options, warm.Weights, Report, cancellation)
            : IterativeSolver.Solve(sensing, y, options, Report, cancellation);
        cancellation.ThrowIfCancellationRequested(); // an interrupted solve is not a fit

        // After sequential-convex updates the gates are h_j := w_j (by the sparse products) for every block with weights;
        // blocks without weights keep their starting generator, whose gate multiplies zero.
        double[] generators = (double[])start.Generators.Clone();
        int keptRunSteps = result.Trace.Count(row => row.Run == result.KeptRun);
        if (options.Mode == SolverMode.SequentialConvex && keptRunSteps > options.ScpWarmupSteps + result.KeptRun)
        {
            gates = GateEvaluation.Sparse;
            ReadOnlySpan<int> indices = result.Weights.Indices;
            for (int t = 0; t < indices.Length; t++)
            {
                if (t == 0 || indices[t] / d != indices[t - 1] / d)
                {
                    generators.AsSpan(indices[t] / d * d, d).Clear(); // h_j := w_j on a block with weights
                }

                generators[indices[t]] = result.Weights.Values[t];
            }
        }

        SparseVector fitted = settings.Debias ? Debias(result.FinalOperator, result.Weights, y) : result.Weights;
        return (new FittedNetwork(d, generators, fitted, settings.Rule, gates, Provenance(request, s, options, x.Rows)), result);
    }

    /// <summary>
    /// Least squares on the support T of <paramref name="weights"/> with the gates <paramref name="sensing"/> ended on, as a
    /// correction: z = w_T + argmin_δ ‖A_T δ − r‖, r = y − A_T w_T, so the residual is r minus its projection on the range of A_T
    /// and never grows (up to rounding), even where A_T is rank-deficient.
    /// </summary>
    public static SparseVector Debias(SensingOperator sensing, SparseVector weights, ReadOnlySpan<double> labels)
    {
        var residual = new double[sensing.Rows];
        sensing.RestrictedForward(weights.Indices, weights.Values, residual);
        for (int i = 0; i < residual.Length; i++)
        {
            residual[i] = labels[i] - residual[i];
        }

        double[] values = RestrictedLeastSquares.SolveMinimumNorm(sensing, weights.Indices, residual, new double[weights.Count]);
        for (int t = 0; t < values.Length; t++)
        {
            values[t] += weights.Values[t];
        }

        return new SparseVector(weights.Length, weights.Indices, values);
    }

    private static FitProvenance Provenance(FitRequest request, int s, SolverOptions options, int rows) => new(
        rows,
        s,
        options.Projection,
        options.Solver.Word,
        SolverModes.Word(options.Mode),
        request.WarmStart is not null ? "warm-start" : request.Generators is not null ? "user" : "random",
        request.Settings.Debias,
        request.Settings.Validation.Word,
        request.Settings.Seed);

    /// <summary>The listed rows of <paramref name="x"/> and their labels, in the order given.</summary>
    private static (DataMatrix Data, double[] Labels) Subset(DataMatrix x, double[] labels, IReadOnlyList<int> rows)
    {
        int d = x.Columns;
        var values = new double[(long)rows.Count * d];
        for (int t = 0; t < rows.Count; t++)
        {
            x.Row(rows[t]).CopyTo(values.AsSpan(t * d, d));
        }

        return (new DataMatrix(rows.Count, d, values), [.. rows.Select(i => labels[i])]);
    }

    private static void RequireFinite(string setting, double[] values)
    {
        int bad = Array.FindIndex(values, v => !double.IsFinite(v));
        if (bad >= 0)
        {
            throw new InvalidSettingException(setting, $"entry {bad} (from 0) is {values[bad]}: labels must be finite");
        }
    }
}
