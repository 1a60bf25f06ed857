using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Training;
using MlNetSparse.Experiments.Data;

namespace MlNetSparse.Experiments.Study;

/// <summary>One run of the protocol: split, random sparse start, γ = 1/L̂₂ₛ, IHT, then test metrics and the certificate.</summary>
internal static class RunExecutor
{
    /// <summary>A sparse run at level <paramref name="level"/>; also returns θ and ∇f(θ) for figures.</summary>
    public static (RunResult Result, float[] Parameters, float[] Gradient) Sparse(ClassificationData data, StudyOptions options,
        int level, int run, RunSeeds seeds)
    {
        DataSplit split = DataSplit.Create(data, options.TestCountFor(data), seeds.Data);
        var objective = Objective(data, split.TrainFeatures, split.TrainLabels);
        // The paper's rules (the preset), with the protocol's own cap, threshold, start and seeds.
        IhtTrainingResult trained = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(data.FeatureCount), IhtSolverOptions.Paper(level) with
        {
            MaximumIterations = options.MaximumSteps,
            LossTolerance = options.LossThreshold,
            // The paper's protocol stops at the loss threshold or the step cap; the rounding limit, unless turned
            // off, also ends a run that can no longer move (StudyOptions.StopRules lists them).
            OptimizationTolerance = 0,
            StopAtRoundingLimit = options.RoundingLimit,
            Start = SparseStartKind.RandomSparse,
            InitializationSeed = seeds.Initialization,
            SupportSeed = seeds.Support,
            MonteCarloSeed = seeds.MonteCarlo,
            MonteCarloSampleCount = options.MonteCarloSampleCount,
            CompareWithDenseOptimum = false,
            PolishSupport = false, // the paper's IHT alone
        });
        IhtSolution solution = trained.Solution;
        var test = Objective(data, split.TestFeatures, split.TestLabels);
        var result = new RunResult
        {
            Level = level,
            Run = run,
            Seeds = seeds,
            EstimatedSmoothness = trained.Smoothness!.Estimate,
            StepSize = solution.InitialStepSize,
            FinalStepSize = solution.StepSize,
            Steps = solution.Iterations,
            Backtracks = solution.Backtracks,
            StopReason = solution.StopReason,
            TrainLoss = solution.Loss,
            TestLoss = test.Value(solution.Parameters),
            TrainAccuracy = SoftmaxScoring.Accuracy(solution.Parameters, objective.Layout, split.TrainFeatures, split.TrainLabels),
            TestAccuracy = SoftmaxScoring.Accuracy(solution.Parameters, objective.Layout, split.TestFeatures, split.TestLabels),
            Verdict = trained.Certificate.Verdict,
            CertificateLeft = trained.Certificate.SmallestSupportMagnitude,
            CertificateRight = trained.Certificate.OffSupportThreshold,
            SupportGradientNorm = trained.Certificate.SupportGradientNorm,
            Support = MlNetSparse.Core.Sparsity.Support.Indices(solution.Parameters),
        };
        return (result, solution.Parameters, solution.Gradient);
    }

    /// <summary>
    /// The dense network (every parameter free: IHT with s = P is gradient descent) on the split of
    /// <paramref name="dataSeed"/>, from zero, with the same step cap and no loss threshold, so that
    /// it gets as close to the dense optimum as the cap allows.
    /// </summary>
    public static DenseResult Dense(ClassificationData data, StudyOptions options, int dataSeed)
    {
        DataSplit split = DataSplit.Create(data, options.TestCountFor(data), dataSeed);
        var objective = Objective(data, split.TrainFeatures, split.TrainLabels);
        IhtTrainingResult trained = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(data.FeatureCount), IhtSolverOptions.Paper(data.ParameterCount) with
        {
            MaximumIterations = options.MaximumSteps,
            StopAtRoundingLimit = options.RoundingLimit,
            MonteCarloSeed = dataSeed,
            MonteCarloSampleCount = options.MonteCarloSampleCount,
            CompareWithDenseOptimum = false,
            PolishSupport = false, // the same rules as the sparse runs
        });
        IhtSolution solution = trained.Solution;
        double testAccuracy = SoftmaxScoring.Accuracy(solution.Parameters, objective.Layout, split.TestFeatures, split.TestLabels);
        return new DenseResult(dataSeed, solution.Loss, testAccuracy, solution.Iterations, solution.StopReason);
    }

    private static DenseSoftmaxObjective Objective(ClassificationData data, float[] features, float[] labels)
        => new(features, labels.Length, data.FeatureCount, labels, data.ClassCount);
}
