namespace MlNetSparse.Core.Networks.Training;

/// <summary>
/// Applies one optimiser step to one parameter tensor, keeping that tensor's optimiser state
/// (momentum, Adam moments). Weight decay enters as the L2 gradient λ_wd·w.
/// </summary>
internal sealed class ParameterUpdater
{
    private const float AdamBeta1 = 0.9f, AdamBeta2 = 0.999f, AdamEpsilon = 1e-8f;
    private readonly NetworkOptimizer _optimizer;
    private readonly float _momentum;
    private readonly float _weightDecay;
    private readonly float[] _first;
    private readonly float[]? _second;
    private int _steps;

    public ParameterUpdater(int length, NetworkOptimizer optimizer, double momentum, double weightDecay)
    {
        _optimizer = optimizer;
        _momentum = (float)momentum;
        _weightDecay = (float)weightDecay;
        _first = new float[length];
        _second = optimizer == NetworkOptimizer.Adam ? new float[length] : null;
    }

    public void Step(Span<float> w, ReadOnlySpan<float> gradient, double learningRate)
    {
        _steps++;
        float lr = (float)learningRate;
        if (_optimizer == NetworkOptimizer.Sgd)
        {
            for (int i = 0; i < w.Length; i++)
            {
                // v ← μv + g + λ_wd·w;  w ← w − η·v
                _first[i] = _momentum * _first[i] + gradient[i] + _weightDecay * w[i];
                w[i] -= lr * _first[i];
            }
            return;
        }
        float correction1 = 1f - MathF.Pow(AdamBeta1, _steps), correction2 = 1f - MathF.Pow(AdamBeta2, _steps);
        for (int i = 0; i < w.Length; i++)
        {
            float g = gradient[i] + _weightDecay * w[i];
            _first[i] = AdamBeta1 * _first[i] + (1 - AdamBeta1) * g;
            _second![i] = AdamBeta2 * _second[i] + (1 - AdamBeta2) * g * g;
            w[i] -= lr * (_first[i] / correction1) / (MathF.Sqrt(_second[i] / correction2) + AdamEpsilon);
        }
    }
}
