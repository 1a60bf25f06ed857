namespace MlNetSparse.Benchmarks;

/// <summary>
/// The generating model w* scored like a trained one: its test accuracy is (up to sampling) the best
/// any classifier can reach, and its training loss is what a perfect sparse fit would roughly have,
/// so the trainers' rows can be read against it.
/// </summary>
internal static class TruthReference
{
    public static TrainingRow Row(BinaryProblem problem)
    {
        var theta = new float[problem.Layout.ParameterCount];
        SparseTruth truth = problem.Truth;
        for (int k = 0; k < truth.Columns.Length; k++)
            theta[problem.Layout.WeightIndex(0, truth.Columns[k])] = truth.Weights[k];
        theta[problem.Layout.BiasIndex(0)] = truth.Bias;
        float[] scores = TimeToLossBenchmark.TestScores(problem, theta);
        return new TrainingRow(problem.Kind, "truth w* (reference, not trained)", problem.Sparsity, TimeToLossBenchmark.CountNonzeros(theta),
            BinaryMetrics.Accuracy(scores, problem.Test.Labels), BinaryMetrics.Auc(scores, problem.Test.Labels), problem.TrainObjective().Value(theta),
            ReadSeconds: null, EstimateSeconds: null, TimeToTargetSeconds: null, IterationsToTarget: null, Iterations: null,
            FitSeconds: null, TuningSeconds: null, Fits: null);
    }
}
