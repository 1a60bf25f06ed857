using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Experiments.Study;

/// <summary>Predictions of the one-layer softmax network: the class of the largest margin W·x + b.</summary>
internal static class SoftmaxScoring
{
    /// <summary>The fraction of rows whose largest margin is their label's (ties go to the smaller class index): <see cref="ClassificationAccuracy"/>.</summary>
    public static double Accuracy(ReadOnlySpan<float> parameters, LinearModelLayout layout, ReadOnlySpan<float> features, ReadOnlySpan<float> labels)
    {
        int n = layout.FeatureCount, k = layout.OutputCount;
        // In double, as the study has always scored: the margins of near ties decide the class.
        var margins = new double[labels.Length * k];
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<float> x = features.Slice(i * n, n);
            for (int c = 0; c < k; c++)
            {
                double margin = parameters[layout.BiasIndex(c)];
                for (int j = 0; j < n; j++)
                    margin += parameters[layout.WeightIndex(c, j)] * x[j];
                margins[i * k + c] = margin;
            }
        }
        return labels.Length == 0 ? 0 : ClassificationAccuracy.Multiclass<double>(margins, k, labels, weights: null);
    }
}
