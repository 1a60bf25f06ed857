using System.Numerics;

namespace MlNetSparse.Core.Objectives;

/// <summary>
/// The one accuracy of a classifier from its margins z = W·x + b: the predicted class is the largest
/// margin, the first on a tie (ML.NET's rule), and each row counts with its example weight. Public so
/// that a program scoring a model trained with the core (the experiments, an application) counts
/// accuracy exactly as the plugin's validation metrics do.
/// </summary>
public static class ClassificationAccuracy
{
    /// <summary>Σ ωᵢ [argmax_c zᵢc = yᵢ] / Σ ωᵢ over m×k row-major <paramref name="margins"/>; every ωᵢ is 1 when <paramref name="weights"/> is null.</summary>
    public static double Multiclass<T>(ReadOnlySpan<T> margins, int classCount, ReadOnlySpan<float> labels, float[]? weights)
        where T : INumber<T>
    {
        double right = 0, total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<T> z = margins.Slice(i * classCount, classCount);
            int predicted = 0;
            for (int c = 1; c < classCount; c++)
                if (z[c] > z[predicted])
                    predicted = c;
            double w = weights is null ? 1.0 : weights[i];
            total += w;
            if (predicted == (int)labels[i])
                right += w;
        }
        return right / total;
    }
}
