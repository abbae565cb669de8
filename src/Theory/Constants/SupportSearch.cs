using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using SparseIhtVerify.Solver.Operators;
using SparseIhtVerify.Solver.Randomness;

namespace SparseIhtVerify.Theory.Constants;

/// <summary>
/// The state of a witness search at one level L: the supports examined so far, the smallest λ_min(G_S) and largest
/// λ_max(G_S) found with their supports, and the budget in work units (supports, multiply–adds) plus the optional
/// wall-clock cap. By interlacing, a support of size ≤ L (containing the required set) bounds α_L from above and β_L
/// from below, so every support recorded here is a valid witness.
/// </summary>
internal sealed class SupportSearch
{
    /// <summary>Lanczos steps per support too large to decompose densely.</summary>
    public const int LanczosSteps = 60;

    private const int GreedyPool = 300;

    private readonly SeededRandom _random;

    public SupportSearch(SensingOperator sensing, int level, int[] required, EstimationBudget budget, Matrix<double>? full)
    {
        Sensing = sensing;
        Level = level;
        Required = required;
        Budget = budget;
        _random = new SeededRandom(budget.Seed, RandomStream.Estimation);
        Columns = sensing.Columns;
        Full = full;
    }

    public SensingOperator Sensing { get; }

    public int Level { get; }

    public int Columns { get; }

    public int[] Required { get; }

    public EstimationBudget Budget { get; }

    public Matrix<double>? Full { get; }

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public int Examined { get; private set; }

    /// <summary>Multiply–adds charged so far (each evaluation is charged from its size before it runs).</summary>
    public double WorkSpent { get; private set; }

    public double AlphaValue { get; private set; } = double.PositiveInfinity;

    public int[] AlphaSupport { get; private set; } = [];

    public double BetaValue { get; private set; } = double.NegativeInfinity;

    public int[] BetaSupport { get; private set; } = [];

    /// <summary>The explicit wall-clock cap has passed (never, when none was asked for).</summary>
    public bool TimeCapReached => Budget.SecondsCap is double cap && Clock.Elapsed.TotalSeconds > cap;

    /// <summary>The work budget is spent or the time cap passed: no further support is evaluated.</summary>
    public bool OutOfBudget => WorkSpent >= Budget.Work || TimeCapReached;

    /// <summary>How the search ended, for a search that was not exact.</summary>
    public SearchEnd End =>
        TimeCapReached ? SearchEnd.TimeCap
        : WorkSpent >= Budget.Work ? SearchEnd.WorkBudget
        : Examined >= Budget.Supports ? SearchEnd.SupportBudget
        : SearchEnd.Complete;

    /// <summary>Multiply–adds of evaluating a support of <paramref name="size"/> columns (see <see cref="EstimationBudget.Work"/>).</summary>
    public double Cost(int size)
    {
        double cube = (double)size * size * size;
        if (Full is not null)
        {
            return cube;
        }

        return size <= SymmetricEigenvalues.DenseSupportLimit && (long)Sensing.Rows * size <= SymmetricEigenvalues.DenseScratchLimit
            ? (double)Sensing.Rows * size * size + cube
            : 2.0 * LanczosSteps * Sensing.Rows * size;
    }

    public (double Min, double Max) Evaluate(int[] support)
    {
        WorkSpent += Cost(support.Length);
        return Full is not null
            ? SymmetricEigenvalues.Extremes(Sub(Full, support))
            : SymmetricEigenvalues.OfSupport(Sensing, support, LanczosSteps);
    }

    public (double Min, double Max) Consider(int[] support)
    {
        (double min, double max) = Evaluate(support);
        Record(support, min, max);
        return (min, max);
    }

    /// <summary>Counts a support whose extreme eigenvalues were computed elsewhere (exactly, at the cost the caller already paid).</summary>
    public void Record(int[] support, double min, double max)
    {
        Examined++;
        if (min < AlphaValue)
        {
            AlphaValue = min;
            AlphaSupport = support;
        }

        if (max > BetaValue)
        {
            BetaValue = max;
            BetaSupport = support;
        }
    }

    /// <summary>Charges work done outside <see cref="Evaluate"/> (e.g. one pass over the samples for many small Grams).</summary>
    public void Charge(double work) => WorkSpent += work;

    public int[] RandomSupport(SeededRandom? random = null)
    {
        random ??= _random;
        int[] free = Enumerable.Range(0, Columns).Except(Required).ToArray();
        int size = Math.Max(0, Math.Min(Level, Math.Max(RestrictedConstantEstimator.MaxEvaluatedSupport, Required.Length)) - Required.Length);
        int[] picks = random.SampleWithoutReplacement(free.Length, Math.Min(free.Length, size));
        return Required.Concat(picks.Select(t => free[t])).Order().ToArray();
    }

    /// <summary>Greedy growth of the best support to the full level, then single-column swaps, while they help and the budget lasts.</summary>
    public void Improve(bool minimise)
    {
        int[] current = minimise ? AlphaSupport : BetaSupport;
        if (current.Length == 0)
        {
            return;
        }

        double Score(int[] s) => minimise ? Evaluate(s).Min : -Evaluate(s).Max;
        int[] pool = Enumerable.Range(0, Columns).ToArray();
        if (pool.Length > GreedyPool)
        {
            pool = _random.SampleWithoutReplacement(Columns, GreedyPool);
        }

        double best = Score(current);
        while (current.Length < Level && !OutOfBudget && Examined < Budget.Supports)
        {
            int[] chosen = current;
            double chosenScore = double.PositiveInfinity;
            foreach (int c in pool.Where(c => !current.Contains(c)))
            {
                int[] grown = current.Append(c).Order().ToArray();
                double score = Score(grown);
                Examined++;
                if (score < chosenScore)
                {
                    (chosen, chosenScore) = (grown, score);
                }
            }

            if (chosen == current)
            {
                break;
            }

            current = chosen;
            best = chosenScore;
        }

        Consider(current);
        bool improved = true;
        while (improved && !OutOfBudget && Examined < Budget.Supports)
        {
            improved = false;
            for (int t = 0; t < current.Length && !OutOfBudget; t++)
            {
                if (Required.Contains(current[t]))
                {
                    continue;
                }

                foreach (int c in pool.Where(c => !current.Contains(c)))
                {
                    int[] swapped = current.Select((v, i) => i == t ? c : v).Order().ToArray();
                    double score = Score(swapped);
                    Examined++;
                    // A swap must improve by more than rounding, relative to the score, so that the path (and the witness)
                    // does not depend on the data's scale: an absolute margin meant another search at X·2^k.
                    if (score < best - 1e-15 * Math.Abs(best))
                    {
                        (current, best, improved) = (swapped, score, true);
                        break;
                    }
                }
            }
        }

        Consider(current);
    }

    private static Matrix<double> Sub(Matrix<double> full, int[] support)
    {
        var result = Matrix<double>.Build.Dense(support.Length, support.Length);
        for (int a = 0; a < support.Length; a++)
        {
            for (int b = 0; b < support.Length; b++)
            {
                result[a, b] = full[support[a], support[b]];
            }
        }

        return result;
    }
}
