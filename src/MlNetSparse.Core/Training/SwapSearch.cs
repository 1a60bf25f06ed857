using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Core.Training;

/// <summary>
/// One-entry swaps after the polish (docs/algorithms.md#support-polish): at an IHT fixed point θ where the curvature
/// bounds say exchanging the support's weakest entry for the strongest one outside would likely lower f
/// (<see cref="Pays"/>), minimise f on the exchanged support; keep it, and polish it, only if f really falls.
/// Repeated until the likeliest swap does not pay, as the swap steps of L0Learn's local combinatorial search.
/// </summary>
/// <remarks>
/// IHT's own test weighs the same exchange through one γ = 1/L̂₂ₛ for every coordinate; on features of very different
/// scales (CSR columns of different popularity) a fixed point can then hold an entry worth less than one left out,
/// and IHT from there only crawls to the same support (measured: 684 more steps, the same 101 entries and loss, where
/// one swap lowered f by 0.5 %). f never rises: a swap is taken only at a lower f, and the polish never raises it.
/// </remarks>
internal static class SwapSearch
{
    /// <summary>The most swaps one search takes: each costs a Newton minimisation and a polish (a few passes).</summary>
    public const int MaximumSwaps = 20;

    /// <summary>
    /// Swaps from the fixed point <paramref name="polished"/> while they pay. Returns the last fixed point and the polish
    /// report extended by the trials' passes; null when a swapped support's polish ended without a fixed point.
    /// </summary>
    public static (IhtSolution Solution, SupportPolishReport Report)? Run(IDifferentiableObjective minimised, IhtSolution polished,
        SupportPolishReport report, IhtSolverOptions options, CancellationToken cancellationToken)
    {
        if (minimised is not IRestrictedHessian restricted)
            return (polished, report);
        IhtSolution current = polished;
        int swaps = 0, restrictedPasses = 0, gradientPasses = 0;
        while (swaps < MaximumSwaps && current.Curvature is { } curvature
               && Likeliest(current.Parameters, current.Gradient, curvature) is var (leaving, entering)
               && Pays(current.Parameters, current.Gradient, curvature, leaving, entering))
        {
            cancellationToken.ThrowIfCancellationRequested();
            float[] trial = (float[])current.Parameters.Clone();
            trial[leaving] = 0f;
            int[] support = [.. Support.Indices(trial), entering];
            RestrictedNewtonRun newton = RestrictedNewton.Minimize(restricted, trial, support, cancellationToken);
            var gradient = new float[trial.Length];
            double loss = minimised.ValueAndGradient(trial, gradient);
            (restrictedPasses, gradientPasses) = (restrictedPasses + newton.Passes, gradientPasses + 1);
            if (!(loss < current.Loss))
                break;

            // The exchanged support's optimum: polished (and its neighbours tried) as IHT's result was.
            swaps++;
            var start = new IhtSolution(trial, gradient, [.. current.LossHistory, loss], current.Iterations + 1, current.InitialStepSize,
                current.StepSize, current.Backtracks, current.StopReason, current.Passes, current.Curvature);
            var (next, nextReport) = SupportPolish.Run(minimised, start, options, cancellationToken);
            report = report.FollowedBy(nextReport);
            if (nextReport.Outcome != SupportPolishOutcome.FixedPoint)
                return null;
            current = next;
        }
        return (current, report with
        {
            Swaps = report.Swaps + swaps,
            RestrictedPasses = report.RestrictedPasses + restrictedPasses,
            GradientPasses = report.GradientPasses + gradientPasses,
        });
    }

    /// <summary>
    /// The thorough search after IHT's own stop (docs/algorithms.md#support-polish): every kept entry, the cheapest to remove
    /// first, is tried as the leaving one, against the entry outside that gains most once it is gone (∇f recomputed at θ with
    /// θᵢ = 0, so a correlated partner's gain is seen); the first exchange whose restricted optimum lowers f by more than
    /// float32 noise is taken and polished, and the round starts again. Ends when a whole round finds no such exchange, after
    /// <see cref="MaximumSwaps"/> swaps, or once the trials have cost <see cref="IhtSolverOptions.SwapSearchWork"/> multiply-adds
    /// (<see cref="FreeWork"/> by default). Returns the last
    /// fixed point, never one with a higher f than <paramref name="polished"/>.
    /// </summary>
    /// <remarks>
    /// This is the local combinatorial search of L0Learn (swap one entry in, one out, while f falls). On a handful of
    /// correlated features IHT's warm-started path can settle on a support whose restricted optimum is 10–15 % above
    /// another one's (measured on the 47 rows of the US crime data at s = 6), and a fit from zero at the same s lands on a
    /// third: the path's cross-validation curve then reads the optimiser's luck, not the data. Each trial costs a few passes,
    /// so the search is for small data, where a pass is cheap: its budget is a fixed amount of arithmetic, which on large
    /// data is not one pass (and the search does not run).
    /// </remarks>
    public static (IhtSolution Solution, SupportPolishReport Report) Thorough(IDifferentiableObjective minimised, IhtSolution polished,
        SupportPolishReport report, IhtSolverOptions options, CancellationToken cancellationToken)
    {
        if (minimised is not IRestrictedHessian restricted)
            return (polished, report);
        double passBudget = options.SwapSearchWork / restricted.GradientPassWork;
        IhtSolution current = polished;
        int swaps = 0, restrictedPasses = 0, gradientPasses = 0, passesBefore = report.Passes;
        bool improved = true;
        while (improved && swaps < MaximumSwaps && current.Curvature is { } curvature)
        {
            improved = false;
            int[] kept = [.. Support.Indices(current.Parameters).ToArray().OrderBy(i => Loss(current.Parameters, curvature, i)).ThenBy(i => i)];
            foreach (int leaving in kept)
            {
                if (restrictedPasses + gradientPasses + TrialPasses > passBudget)
                    break;
                cancellationToken.ThrowIfCancellationRequested();
                float[] trial = (float[])current.Parameters.Clone();
                trial[leaving] = 0f;
                var gradient = new float[trial.Length];
                minimised.ValueAndGradient(trial, gradient);
                gradientPasses++;
                int entering = Entering(trial, gradient, curvature, leaving);
                if (entering < 0)
                    continue;
                int[] support = [.. Support.Indices(trial), entering];
                RestrictedNewtonRun newton = RestrictedNewton.Minimize(restricted, trial, support, cancellationToken);
                double loss = minimised.ValueAndGradient(trial, gradient);
                (restrictedPasses, gradientPasses) = (restrictedPasses + newton.Passes, gradientPasses + 1);
                if (!(loss < current.Loss - NoiseLevel * Math.Abs(current.Loss)))
                    continue;
                var start = new IhtSolution(trial, gradient, [.. current.LossHistory, loss], current.Iterations + 1, current.InitialStepSize,
                    current.StepSize, current.Backtracks, current.StopReason, current.Passes, current.Curvature);
                var (next, nextReport) = SupportPolish.Run(minimised, start, options, cancellationToken);
                if (nextReport.Outcome != SupportPolishOutcome.FixedPoint || !(next.Loss < current.Loss))
                {
                    // Not taken: its passes count, its outcome does not describe the result.
                    (restrictedPasses, gradientPasses) = (restrictedPasses + nextReport.RestrictedPasses, gradientPasses + nextReport.GradientPasses);
                    continue;
                }
                report = report.FollowedBy(nextReport) with { LossBefore = report.LossBefore };
                current = next;
                swaps++;
                improved = true;
                break;
            }
        }
        return (current, report with
        {
            Swaps = report.Swaps + swaps,
            RestrictedPasses = report.RestrictedPasses + restrictedPasses,
            GradientPasses = report.GradientPasses + gradientPasses,
            SearchPasses = report.SearchPasses + report.Passes - passesBefore + restrictedPasses + gradientPasses,
            LossAfter = current.Loss,
        });
    }

    /// <summary>
    /// The multiply-adds the thorough search may spend, about a millisecond: thousands of passes over a table of a few dozen
    /// rows, over a hundred over 500 × 30, two over 4,000 × 200 (too few for a trial; with 2²⁵ the search there doubled the
    /// fit's passes and found no swap), none over 80,000 × 1,000.
    /// </summary>
    public const double FreeWork = 1 << 22;

    // The fewest passes a trial makes (∇f without the leaving entry, one Newton pass, f on the exchanged support): no trial
    // starts that the budget cannot pay for.
    private const int TrialPasses = 3;

    // A relative fall of f below this is float32 noise in the loss, not a better support.
    private const double NoiseLevel = 1e-6;

    // The entry outside supp(θ) (and not the one just removed) with the largest gain (∇ⱼf)²/dⱼ; −1 when none gains.
    private static int Entering(float[] parameters, float[] gradient, float[] curvature, int removed)
    {
        double largestGain = 0;
        int entering = -1;
        for (int j = 0; j < parameters.Length; j++)
        {
            if (parameters[j] != 0 || j == removed || !(curvature[j] > 0))
                continue;
            double gain = Gain(gradient, curvature, j);
            if (gain > largestGain)
                (largestGain, entering) = (gain, j);
        }
        return entering;
    }

    /// <summary>
    /// True when swapping <paramref name="leaving"/> out of the support for <paramref name="entering"/> would likely lower f, judged with the curvature
    /// bounds dᵢ ≥ ∂²f/∂θᵢ² at the restricted optimum (∇_S f ≈ 0): adding j lowers f by at least (∇ⱼf)²/(2dⱼ), removing i
    /// raises it by at most dᵢθᵢ²/2.
    /// </summary>
    private static bool Pays(float[] parameters, float[] gradient, float[] curvature, int leaving, int entering)
        => leaving >= 0 && entering >= 0 && Gain(gradient, curvature, entering) > Loss(parameters, curvature, leaving);

    // The kept entry whose removal costs least (dᵢθᵢ²) and the one outside whose entry gains most ((∇ⱼf)²/dⱼ); −1 when none.
    private static (int Leaving, int Entering) Likeliest(float[] parameters, float[] gradient, float[] curvature)
    {
        double smallestKept = double.PositiveInfinity, largestGain = 0;
        int leaving = -1, entering = -1;
        for (int i = 0; i < parameters.Length; i++)
        {
            if (parameters[i] != 0)
            {
                double cost = Loss(parameters, curvature, i);
                if (cost < smallestKept)
                    (smallestKept, leaving) = (cost, i);
            }
            else if (curvature[i] > 0)
            {
                double gain = Gain(gradient, curvature, i);
                if (gain > largestGain)
                    (largestGain, entering) = (gain, i);
            }
        }
        return (leaving, entering);
    }

    private static double Loss(float[] parameters, float[] curvature, int i) => (double)curvature[i] * parameters[i] * parameters[i];

    private static double Gain(float[] gradient, float[] curvature, int j) => (double)gradient[j] * gradient[j] / curvature[j];
}
