using System.Diagnostics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Training;

namespace MlNetSparse.Benchmarks;

/// <summary>The core IHT run that defines "best loss", and when it first came within 1 % of it.</summary>
/// <param name="Row">Its row in the training table.</param>
/// <param name="BestLoss">The final loss of the run (with a generous cap).</param>
/// <param name="TargetLoss">best + 1 %·|best|.</param>
/// <param name="StopReason">Why the run ended (the cap means "best" is only the best seen).</param>
/// <param name="MonteCarloSeed">The L̂₂ₛ seed, for a run through ML.NET that follows the same path.</param>
internal sealed record CoreRun(TrainingRow Row, double BestLoss, double TargetLoss, IhtStopReason StopReason, int MonteCarloSeed);

/// <summary>
/// Time to a model within 1 % of the best loss: <see cref="IhtTraining.Train"/> from θ = 0 with
/// γ = 1/L̂₂ₛ, an observer timestamping every iteration, and best = the run's own final loss.
/// </summary>
internal static class TimeToLossBenchmark
{
    public const double TargetFraction = 0.01;

    public static CoreRun Run(BinaryProblem problem, BenchmarkPlan plan)
    {
        LinearModelObjective objective = problem.TrainObjective();
        var initializer = UniformInitializer.ForLinearLayer(problem.Layout.FeatureCount);
        var options = new IhtSolverOptions
        {
            Sparsity = problem.Sparsity,
            MaximumIterations = plan.IterationCap,
            Start = SparseStartKind.Zero,
            MonteCarloSeed = plan.Seed,
            CompareWithDenseOptimum = false,
        };

        long start = Stopwatch.GetTimestamp();
        // Timed apart so the table shows it; passing its step on makes Train take the same path.
        SmoothnessEstimate estimate = RestrictedSmoothnessEstimator.Estimate(objective, problem.Sparsity, initializer,
            options.MonteCarloSampleCount, options.MonteCarloSeed);
        TimeSpan estimateTime = Stopwatch.GetElapsedTime(start);
        var timeline = new LossTimeline(plan.IterationCap, start);
        IhtTrainingResult result = IhtTraining.Train(objective, initializer, options with { StepSize = estimate.StepSize }, timeline);
        TimeSpan total = Stopwatch.GetElapsedTime(start);

        IhtSolution solution = result.Solution;
        double best = solution.Loss, target = best + TargetFraction * Math.Abs(best);
        var (iterationsToTarget, timeToTarget) = timeline.FirstAtOrBelow(target) ?? (0, estimateTime);
        float[] scores = TestScores(problem, solution.Parameters);
        var row = new TrainingRow(problem.Kind, "IHT (core, to convergence)", problem.Sparsity, CountNonzeros(solution.Parameters),
            BinaryMetrics.Accuracy(scores, problem.Test.Labels), BinaryMetrics.Auc(scores, problem.Test.Labels), best,
            ReadSeconds: null, estimateTime.TotalSeconds, timeToTarget.TotalSeconds, iterationsToTarget, solution.Iterations, total.TotalSeconds,
            TuningSeconds: null, Fits: 1);
        return new CoreRun(row, best, target, solution.StopReason, options.MonteCarloSeed);
    }

    /// <summary>The model's log-odds on the test rows: X_test·w + b.</summary>
    public static float[] TestScores(BinaryProblem problem, float[] parameters)
    {
        LinearModelLayout layout = problem.Layout;
        var scores = new float[problem.Test.RowCount];
        problem.Test.Matrix.Multiply(parameters.AsSpan(0, layout.WeightCount), 1, scores);
        float bias = parameters[layout.BiasIndex(0)];
        for (int i = 0; i < scores.Length; i++)
            scores[i] += bias;
        return scores;
    }

    public static int CountNonzeros(ReadOnlySpan<float> parameters)
    {
        int count = 0;
        foreach (float p in parameters)
            count += p != 0 ? 1 : 0;
        return count;
    }
}
