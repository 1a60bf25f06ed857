namespace MlNetSparse.Core.Networks.Training;

/// <summary>
/// Applies one optimiser step to one parameter tensor, keeping that tensor's optimiser state
/// (momentum, Adam moments). Weight decay enters as the L2 gradient λ_wd·w.
/// </summary>
internal sealed class ParameterUpdater
{
    private const float AdamBeta1 = 0.9f, AdamBeta2 = 0.999f, AdamEpsilon = 1e-8f;
    private readonly NetworkOptimizer optimizer;
    private readonly float momentum;
    private readonly float weightDecay;
    private readonly float[] first;
    private readonly float[]? second;
    private int steps;

    public ParameterUpdater(int length, NetworkOptimizer optimizer, double momentum, double weightDecay)
    {
        this.optimizer = optimizer;
        this.momentum = (float)momentum;
        this.weightDecay = (float)weightDecay;
        first = new float[length];
        second = optimizer == NetworkOptimizer.Adam ? new float[length] : null;
    }

    public void Step(Span<float> w, ReadOnlySpan<float> gradient, double learningRate)
    {
        steps++;
        float lr = (float)learningRate;
        if (optimizer == NetworkOptimizer.Sgd)
        {
            for (int i = 0; i < w.Length; i++)
            {
                // v ← μv + g + λ_wd·w;  w ← w − η·v
                first[i] = momentum * first[i] + gradient[i] + weightDecay * w[i];
                w[i] -= lr * first[i];
            }
            return;
        }
        float correction1 = 1f - MathF.Pow(AdamBeta1, steps), correction2 = 1f - MathF.Pow(AdamBeta2, steps);
        for (int i = 0; i < w.Length; i++)
        {
            float g = gradient[i] + weightDecay * w[i];
            first[i] = AdamBeta1 * first[i] + (1 - AdamBeta1) * g;
            second![i] = AdamBeta2 * second[i] + (1 - AdamBeta2) * g * g;
            w[i] -= lr * (first[i] / correction1) / (MathF.Sqrt(second[i] / correction2) + AdamEpsilon);
        }
    }
}
