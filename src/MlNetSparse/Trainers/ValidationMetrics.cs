using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Data;

namespace MlNetSparse.Trainers;

/// <summary>The task's usual metrics of one model on held-out rows; null where they do not apply.</summary>
/// <param name="Accuracy">Classification: the (weighted) fraction of rows predicted right.</param>
/// <param name="Auc">Binary: the area under the ROC curve; null when the rows hold one class only.</param>
/// <param name="Rmse">Regression: the (weighted) root mean squared error.</param>
internal readonly record struct ValidationScores(double? Accuracy, double? Auc, double? Rmse);

/// <summary>
/// Accuracy, AUC and RMSE from a linear model's margins z = W·x + b, weighted by the example
/// weights as the loss is. The predicted class is the largest margin (smaller index on a tie),
/// and for binary z &gt; 0, the rules of ML.NET's prediction transformers.
/// </summary>
internal static class ValidationMetrics
{
    /// <summary>The metrics of <paramref name="task"/> for θ = <paramref name="parameters"/> on <paramref name="rows"/>.</summary>
    public static ValidationScores Compute(SparseIhtTask task, TrainingSet rows, LinearModelLayout layout, ReadOnlySpan<float> parameters)
    {
        float[] margins = Margins(rows.Features, layout, parameters);
        return task switch
        {
            SparseIhtTask.MulticlassClassification => new(MulticlassAccuracy(margins, layout.OutputCount, rows.Labels, rows.ExampleWeights), null, null),
            SparseIhtTask.BinaryClassification => new(BinaryAccuracy(margins, rows.Labels, rows.ExampleWeights),
                AreaUnderRocCurve(margins, rows.Labels, rows.ExampleWeights), null),
            SparseIhtTask.Regression => new(null, null, RootMeanSquaredError(margins, rows.Labels, rows.ExampleWeights)),
            _ => throw new ArgumentOutOfRangeException(nameof(task), $"Unknown task {task}."),
        };
    }

    /// <summary>Z = X·Wᵀ + 1·bᵀ, m×k row-major.</summary>
    public static float[] Margins(IFeatureMatrix features, LinearModelLayout layout, ReadOnlySpan<float> parameters)
    {
        int k = layout.OutputCount;
        var margins = new float[features.RowCount * k];
        features.Multiply(parameters[..layout.WeightCount], k, margins);
        for (int i = 0; i < features.RowCount; i++)
            for (int c = 0; c < k; c++)
                margins[i * k + c] += parameters[layout.BiasIndex(c)];
        return margins;
    }

    /// <summary>Σ ωᵢ [argmax_c zᵢc = yᵢ] / Σ ωᵢ: <see cref="ClassificationAccuracy"/>.</summary>
    public static double MulticlassAccuracy(ReadOnlySpan<float> margins, int classCount, ReadOnlySpan<float> labels, float[]? weights) =>
        ClassificationAccuracy.Multiclass(margins, classCount, labels, weights);

    /// <summary>Σ ωᵢ [(zᵢ &gt; 0) = yᵢ] / Σ ωᵢ for labels 0/1.</summary>
    public static double BinaryAccuracy(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels, float[]? weights)
    {
        double right = 0, total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double w = Weight(weights, i);
            total += w;
            if (scores[i] > 0 == labels[i] > 0.5f)
                right += w;
        }
        return right / total;
    }

    /// <summary>
    /// P(score of a positive &gt; score of a negative) + ½P(tie), over pairs weighted ω₊ω₋: the
    /// Mann–Whitney statistic, computed by one sort and a sweep over groups of equal scores.
    /// Null when either class has no weight.
    /// </summary>
    public static double? AreaUnderRocCurve(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels, float[]? weights)
    {
        float[] keys = scores[..labels.Length].ToArray();
        int[] order = [.. Enumerable.Range(0, labels.Length)];
        Array.Sort(keys, order);
        double pairs = 0, negativesBelow = 0, positives = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            double groupPositives = 0, groupNegatives = 0;
            for (; end < order.Length && keys[end] == keys[start]; end++)
            {
                double w = Weight(weights, order[end]);
                if (labels[order[end]] > 0.5f)
                    groupPositives += w;
                else
                    groupNegatives += w;
            }
            pairs += groupPositives * (negativesBelow + 0.5 * groupNegatives);
            negativesBelow += groupNegatives;
            positives += groupPositives;
            start = end;
        }
        return positives > 0 && negativesBelow > 0 ? pairs / (positives * negativesBelow) : null;
    }

    /// <summary>√(Σ ωᵢ (zᵢ − yᵢ)² / Σ ωᵢ).</summary>
    public static double RootMeanSquaredError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels, float[]? weights)
    {
        double squares = 0, total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double w = Weight(weights, i), error = (double)predictions[i] - labels[i];
            squares += w * error * error;
            total += w;
        }
        return Math.Sqrt(squares / total);
    }

    private static double Weight(float[]? weights, int row) => weights is null ? 1.0 : weights[row];
}
