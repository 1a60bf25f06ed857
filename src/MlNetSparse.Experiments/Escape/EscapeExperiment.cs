using System.Diagnostics;
using System.Numerics.Tensors;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Experiments.Escape;

/// <summary>
/// The escape experiment of the IHT theory paper: N runs of IHT with a fixed step γ, each started
/// within ρ of the HT-unstable point θᵘ, counting which runs leave its neighbourhood, when, and where
/// they end.
/// </summary>
/// <remarks>
/// <para>A start θ⁰ = θᵘ + δ perturbs every coordinate, so it is not s-sparse; its first step
/// θ¹ = H_s(θ⁰ − γ∇f(θ⁰)) is taken here, in float32 exactly as <see cref="IhtSolver"/> takes its
/// steps, and <see cref="IhtSolver"/> goes on from θ¹ with the fixed γ (no estimate of L₂ₛ) and
/// optimisation tolerance 0, so it stops at an exact fixed point, at the rounding limit or at the cap.</para>
/// <para>Runs are independent and seeded by (seed, index) and stored by index, so the results do not
/// depend on the thread count.</para>
/// </remarks>
public static class EscapeExperiment
{
    /// <summary>Runs the experiment of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    public static EscapeResult Run(EscapeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var runs = new EscapeRun[options.RunCount];
        var trajectories = new EscapeTrajectory[options.TrajectoryCount];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount };
        Parallel.For(0, options.RunCount, parallel, index =>
        {
            var (run, trajectory) = RunOne(options, index);
            runs[index] = run;
            if (trajectory is not null)
                trajectories[index] = trajectory;
        });
        return new EscapeResult(options, runs, trajectories, EscapeSummary.Of(runs), clock.Elapsed);
    }

    private static (EscapeRun Run, EscapeTrajectory? Trajectory) RunOne(EscapeOptions options, int index)
    {
        SaddleQuadratic objective = options.Objective;
        KnownFixedPoint unstable = objective.Unstable;
        double stepSize = options.EffectiveStepSize;
        float[] start = PerturbedStart.Draw(unstable.Parameters, options.PerturbationRadius, options.Seed, index);
        bool keep = index < options.TrajectoryCount;
        var tracker = new EscapeTracker(objective, options.EscapeRadius, keep ? new double[options.MaximumSteps + 1] : null);
        double startDistance = unstable.DistanceFrom(start);
        tracker.Record(0, startDistance);

        float[] first = FirstStep(objective, start, stepSize);
        tracker.Record(1, unstable.DistanceFrom(first));
        // The paper's rules (the preset): a run goes on to the step cap or the rounding limit, never stopping for a settled loss.
        IhtSolution solution = IhtSolver.Solve(tracker, first, IhtSolverOptions.Paper(objective.Sparsity) with
        {
            StepSize = stepSize,
            MaximumIterations = options.MaximumSteps - 1,
            OptimizationTolerance = 0,
        }, tracker);

        float[] end = solution.Parameters;
        var certificate = HtStabilityCertificate.Evaluate(end, solution.Gradient, objective.Sparsity, stepSize);
        var run = new EscapeRun
        {
            Index = index,
            Start = start,
            StartDistance = startDistance,
            EscapeStep = tracker.EscapeStep,
            Steps = tracker.Steps,
            StopReason = solution.StopReason,
            FinalLoss = solution.Loss,
            DistanceToUnstable = unstable.DistanceFrom(end),
            DistanceToStable = objective.Stable.DistanceFrom(end),
            EndPoint = EndPoint(objective, end, options.EndTolerance),
            Verdict = certificate.Verdict,
        };
        return (run, keep ? new EscapeTrajectory(index, run.Escaped, tracker.Trajectory()) : null);
    }

    /// <summary>θ¹ = H_s(θ⁰ − γ∇f(θ⁰)) from the dense start, in float32 as the solver computes it.</summary>
    private static float[] FirstStep(SaddleQuadratic objective, float[] start, double stepSize)
    {
        var gradient = new float[start.Length];
        var next = new float[start.Length];
        objective.ValueAndGradient(start, gradient);
        TensorPrimitives.MultiplyAdd(gradient, (float)-stepSize, start, next);
        new HardThresholdOperator(start.Length, objective.Sparsity).Apply(next, next);
        return next;
    }

    private static string? EndPoint(SaddleQuadratic objective, float[] end, double tolerance)
    {
        foreach (KnownFixedPoint point in (IEnumerable<KnownFixedPoint>)[objective.Unstable, objective.Stable, .. objective.OtherStable])
            if (point.DistanceFrom(end) <= tolerance * point.Norm())
                return point.Name;
        return null;
    }
}
