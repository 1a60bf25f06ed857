using System.Diagnostics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Experiments.Data;

namespace MlNetSparse.Experiments.Study;

/// <summary>
/// The cost of one IHT step on the study's problem, measured alone: one thread, one split, a fixed γ,
/// no stopping rule but the step cap, after a warm-up, so that nothing but the step loop is timed.
/// </summary>
public static class StepBenchmark
{
    /// <summary>Nanoseconds per IHT step at sparsity <paramref name="sparsity"/>, and bytes allocated per step.</summary>
    public static (double NanosecondsPerStep, double BytesPerStep) Measure(ClassificationData data, StudyOptions options, int sparsity,
        int runs = 20, int stepsPerRun = 10_000)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        DataSplit split = DataSplit.Create(data, options.TestCountFor(data), seed: 42);
        var objective = new DenseSoftmaxObjective(split.TrainFeatures, split.TrainCount, data.FeatureCount, split.TrainLabels, data.ClassCount);
        // The paper's rules: no stop for a settled loss, so every run takes its steps.
        var solverOptions = IhtSolverOptions.Paper(sparsity) with { StepSize = 0.01, MaximumIterations = stepsPerRun, OptimizationTolerance = 0 };
        var start = new float[objective.ParameterCount];
        IhtSolver.Solve(objective, start, solverOptions); // warm-up: JIT and tiering
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread(), steps = 0;
        var clock = Stopwatch.StartNew();
        for (int run = 0; run < runs; run++)
            steps += IhtSolver.Solve(objective, start, solverOptions).Iterations;
        double nanoseconds = clock.Elapsed.TotalNanoseconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return (nanoseconds / steps, (double)allocated / steps);
    }
}
