using System.Diagnostics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Core.Training;

/// <summary>
/// The iterations and the support polish of one training run (docs/algorithms.md#support-polish). Where the polish can
/// run on s parameters, IHT hands over to it once its support has been unchanged over
/// <see cref="IhtSolverOptions.PolishAfterStableSteps"/> steps, rather than crawl to its own stop: the polish takes the
/// support to its optimum and checks that IHT keeps it and that no swap of one entry would pay. Otherwise IHT resumes from
/// the point where it handed over with its own stop rules and the polish runs after it, as where there is no hand-over.
/// </summary>
internal static class PolishedIht
{
    /// <summary>Runs IHT from <paramref name="start"/> and the polish the options ask for.</summary>
    /// <param name="objective">f, the plain loss (the solver adds the ridge term).</param>
    /// <param name="minimised">f with the ridge term: what the polish minimises.</param>
    /// <param name="start">θ⁰.</param>
    /// <param name="options">The run's options, <see cref="IhtSolverOptions.StepSize"/> set.</param>
    /// <param name="observer">Progress; may be null.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    public static PolishedIhtRun Run(IDifferentiableObjective objective, IDifferentiableObjective minimised, ReadOnlySpan<float> start,
        IhtSolverOptions options, IIhtObserver? observer, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        bool handOver = options.PolishSupport && options.PolishAfterStableSteps > 0 && SupportPolish.CanRun(minimised, options.Sparsity);
        if (!handOver)
        {
            IhtSolution solution = IhtSolver.Solve(objective, start, options, observer, cancellationToken);
            var iterations = new PhaseCost(solution.Passes, Stopwatch.GetElapsedTime(started));
            if (!options.PolishSupport)
                return new PolishedIhtRun(solution, null, iterations, default);
            started = Stopwatch.GetTimestamp();
            var (polished, polish) = SupportPolish.Run(minimised, solution, options, cancellationToken);
            (polished, polish) = Search(minimised, polished, polish, options, cancellationToken);
            return new PolishedIhtRun(polished, polish, iterations, new PhaseCost(polish.Passes, Stopwatch.GetElapsedTime(started)));
        }

        // IHT's own path, interrupted where its support has settled: a polished point that passes the checks ends the fit;
        // otherwise IHT goes on from where it handed over, as if it had not (the polished point can be a fixed point of IHT
        // that its own path would have left behind), and may hand over again once its support has settled over twice as
        // many steps. The last attempt runs IHT to its own stop rules (and what is left of the iteration cap) and the polish
        // after it, as without a hand-over. Every polish's passes stay counted.
        IhtSolution? path = null;
        SupportPolishReport? polishes = null;
        PhaseCost iterationsCost = default, polishCost = default;
        float[] from = start.ToArray();
        int window = options.PolishAfterStableSteps;
        for (int attempt = 1; ; attempt++, window *= 2)
        {
            started = Stopwatch.GetTimestamp();
            var stepOptions = path is null ? options
                : options with { StepSize = path.StepSize, MaximumIterations = options.MaximumIterations - path.Iterations };
            var (solution, settled) = attempt < MaximumHandOvers
                ? IhtSolver.SolveUntilSettled(objective, from, stepOptions, window, observer, cancellationToken)
                : (IhtSolver.Solve(objective, from, stepOptions, observer, cancellationToken), false);
            path = path is null ? solution : path.ContinuedBy(solution);
            iterationsCost += new PhaseCost(solution.Passes, Stopwatch.GetElapsedTime(started));

            started = Stopwatch.GetTimestamp();
            var (polished, polish) = SupportPolish.Run(minimised, path, options, cancellationToken);
            polishes = polishes is null ? polish : polishes.FollowedBy(polish);
            polishCost += new PhaseCost(polish.Passes, Stopwatch.GetElapsedTime(started));
            if (!settled)
            {
                int before = polishes.Passes;
                started = Stopwatch.GetTimestamp();
                (polished, polishes) = Search(minimised, polished, polishes, options, cancellationToken);
                polishCost += new PhaseCost(polishes.Passes - before, Stopwatch.GetElapsedTime(started));
                return new PolishedIhtRun(polished, polishes, iterationsCost, polishCost);
            }
            started = Stopwatch.GetTimestamp();
            if (polish.Outcome == SupportPolishOutcome.FixedPoint && polished.Curvature is not null && !PathWouldLeave(path, polished.Parameters)
                && SwapSearch.Run(minimised, polished, polishes, options, cancellationToken) is var (swapped, swapReport))
            {
                (swapped, swapReport) = Search(minimised, swapped, swapReport, options, cancellationToken);
                polishCost += new PhaseCost(swapReport.Passes - polishes.Passes, Stopwatch.GetElapsedTime(started));
                return new PolishedIhtRun(swapped, swapReport, iterationsCost, polishCost);
            }
            from = path.Parameters;
        }
    }

    // After the polish: the thorough swap search from a fixed point, on data small enough for it.
    private static (IhtSolution Solution, SupportPolishReport Report) Search(IDifferentiableObjective minimised, IhtSolution polished,
        SupportPolishReport polish, IhtSolverOptions options, CancellationToken cancellationToken)
        => polish.Outcome == SupportPolishOutcome.FixedPoint
            ? SwapSearch.Thorough(minimised, polished, polish, options, cancellationToken)
            : (polished, polish);

    /// <summary>
    /// Hand-overs tried in one run, the settled-step window doubling each time (3, 6, 12 steps by default); after the last,
    /// IHT runs to its own stop.
    /// </summary>
    public const int MaximumHandOvers = 4;

    /// <summary>
    /// True when IHT's own path from the hand-over point θₕ to the polished θ* would likely have dropped an entry of the support:
    /// somewhere on the segment between them an entry of supp(θₕ) is smaller in size (0 where it changes sign, or where the
    /// polish dropped it) than the largest entry H_s weighed against it at θₕ, γ|∇ⱼf(θₕ)| off the support. Such a support is
    /// the one IHT was leaving, and the polished point, though a fixed point at γ, can be a worse one than IHT reaches.
    /// </summary>
    private static bool PathWouldLeave(IhtSolution handOver, float[] polished)
    {
        float[] start = handOver.Parameters, gradient = handOver.Gradient;
        double entering = 0;
        for (int j = 0; j < start.Length; j++)
            if (start[j] == 0)
                entering = Math.Max(entering, handOver.StepSize * Math.Abs(gradient[j]));
        for (int i = 0; i < start.Length; i++)
        {
            if (start[i] == 0)
                continue;
            double smallest = Math.Sign(start[i]) != Math.Sign(polished[i]) ? 0 : Math.Min(Math.Abs(start[i]), Math.Abs(polished[i]));
            if (smallest < entering)
                return true;
        }
        return false;
    }
}

/// <summary>What <see cref="PolishedIht.Run"/> did.</summary>
/// <param name="Solution">The final run: its loss history through every IHT step and polish.</param>
/// <param name="Polish">What the polish did (both polishes when IHT resumed); null when it was off.</param>
/// <param name="Iterations">The IHT steps' passes and time.</param>
/// <param name="PolishCost">The polish's passes and time.</param>
internal sealed record PolishedIhtRun(IhtSolution Solution, SupportPolishReport? Polish, PhaseCost Iterations, PhaseCost PolishCost);
