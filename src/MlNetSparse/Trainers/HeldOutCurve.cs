using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Training;
using MlNetSparse.Data;

namespace MlNetSparse.Trainers;

/// <summary>
/// The task's metrics of a cross-validated path, pooled over the folds' held-out rows per s: accuracy
/// (right weight over all held-out weight), and for regression the pooled R² and RMSE, each with the
/// standard error of its per-fold values (docs/algorithms.md#choosing-s).
/// </summary>
internal static class HeldOutCurve
{
    /// <summary>One entry per s of <paramref name="cv"/>.</summary>
    /// <param name="cv">The folds' paths and the pooled loss curve.</param>
    /// <param name="heldOut">Each fold's held-out rows.</param>
    /// <param name="trainingMeans">Each fold's weighted mean label over its training rows: ȳ of the R² denominator.</param>
    /// <param name="layout">Where weights and biases sit in θ.</param>
    /// <param name="task">The prediction task.</param>
    public static SparsityCrossValidationEntry[] Score(SparsityPathCrossValidationResult cv, IReadOnlyList<TrainingSet> heldOut,
        IReadOnlyList<double> trainingMeans, LinearModelLayout layout, SparseIhtTask task)
    {
        int k = heldOut.Count;
        double[] weights = [.. cv.FoldWeights];
        var entries = new SparsityCrossValidationEntry[cv.Sparsities.Count];
        var perFold = new double[k];
        var squaredErrors = new double[k];
        var squaredDeviations = new double[k];
        for (int i = 0; i < entries.Length; i++)
        {
            CrossValidationEstimate loss = cv.Curve[i];
            if (task == SparseIhtTask.Regression)
            {
                for (int f = 0; f < k; f++)
                {
                    float[] predictions = ValidationMetrics.Margins(heldOut[f].Features, layout, cv.Folds[f].Steps[i].Parameters);
                    (squaredErrors[f], squaredDeviations[f]) = SquaredSums(predictions, heldOut[f], trainingMeans[f]);
                    perFold[f] = 1 - squaredErrors[f] / squaredDeviations[f];
                }
                double rSquared = PooledRSquared(squaredErrors, squaredDeviations);
                double rmse = Math.Sqrt(squaredErrors.Sum() / weights.Sum());
                entries[i] = new(cv.Sparsities[i], loss.Mean, loss.StandardError, null, null, rSquared,
                    CrossValidationEstimate.Pool(perFold, weights).StandardError, rmse);
            }
            else
            {
                for (int f = 0; f < k; f++)
                {
                    float[] margins = ValidationMetrics.Margins(heldOut[f].Features, layout, cv.Folds[f].Steps[i].Parameters);
                    perFold[f] = task == SparseIhtTask.BinaryClassification
                        ? ValidationMetrics.BinaryAccuracy(margins, heldOut[f].Labels, heldOut[f].ExampleWeights)
                        : ValidationMetrics.MulticlassAccuracy(margins, layout.OutputCount, heldOut[f].Labels, heldOut[f].ExampleWeights);
                }
                // The fold-weighted mean of per-fold accuracy is the pooled accuracy: right weight over all held-out weight.
                CrossValidationEstimate accuracy = CrossValidationEstimate.Pool(perFold, weights);
                entries[i] = new(cv.Sparsities[i], loss.Mean, loss.StandardError, accuracy.Mean, accuracy.StandardError, null, null, null);
            }
        }
        return entries;
    }

    /// <summary>
    /// 1 − Σ held-out squared errors / Σ (y − ȳ_train)² over all folds, ȳ_train each fold's training mean:
    /// the pooled R², not the mean of per-fold R² (a fold of a few rows with little spread makes its own R² any negative number).
    /// </summary>
    public static double PooledRSquared(ReadOnlySpan<double> squaredErrors, ReadOnlySpan<double> squaredDeviations)
    {
        double errors = 0, deviations = 0;
        for (int f = 0; f < squaredErrors.Length; f++)
        {
            errors += squaredErrors[f];
            deviations += squaredDeviations[f];
        }
        return 1 - errors / deviations;
    }

    // Σ ω (y − ŷ)² and Σ ω (y − ȳ_train)² over the held-out rows.
    private static (double Errors, double Deviations) SquaredSums(float[] predictions, TrainingSet rows, double trainingMean)
    {
        double errors = 0, deviations = 0;
        for (int r = 0; r < rows.Labels.Length; r++)
        {
            double w = rows.ExampleWeights?[r] ?? 1.0, y = rows.Labels[r];
            errors += w * (y - predictions[r]) * (y - predictions[r]);
            deviations += w * (y - trainingMean) * (y - trainingMean);
        }
        return (errors, deviations);
    }
}
