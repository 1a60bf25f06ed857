using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Experiments.Study;

/// <summary>Predictions of the one-layer softmax network: the class of the largest margin W·x + b.</summary>
internal static class SoftmaxScoring
{
    /// <summary>The fraction of rows whose largest margin is their label's (ties go to the smaller class index).</summary>
    public static double Accuracy(ReadOnlySpan<float> parameters, LinearModelLayout layout, ReadOnlySpan<float> features, ReadOnlySpan<float> labels)
    {
        int n = layout.FeatureCount, correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<float> x = features.Slice(i * n, n);
            int best = 0;
            double bestMargin = double.NegativeInfinity;
            for (int c = 0; c < layout.OutputCount; c++)
            {
                double margin = parameters[layout.BiasIndex(c)];
                for (int j = 0; j < n; j++)
                    margin += parameters[layout.WeightIndex(c, j)] * x[j];
                if (margin > bestMargin)
                    (best, bestMargin) = (c, margin);
            }
            if (best == (int)labels[i])
                correct++;
        }
        return labels.Length == 0 ? 0 : (double)correct / labels.Length;
    }
}
