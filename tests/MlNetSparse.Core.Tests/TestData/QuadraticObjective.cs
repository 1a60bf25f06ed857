using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Tests.TestData;

/// <summary>
/// f(θ) = ½ Σᵢ aᵢ(θᵢ − cᵢ)², a separable quadratic with ∇ᵢf = aᵢ(θᵢ − cᵢ): every stationary
/// point and every IHT step can be written down by hand.
/// </summary>
internal sealed class QuadraticObjective(double[] curvature, double[] center) : IDifferentiableObjective
{
    public int ParameterCount => curvature.Length;

    public int Evaluations { get; private set; }

    public double Value(ReadOnlySpan<float> parameters)
    {
        Evaluations++;
        double total = 0;
        for (int i = 0; i < curvature.Length; i++)
            total += 0.5 * curvature[i] * (parameters[i] - center[i]) * (parameters[i] - center[i]);
        return total;
    }

    public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        for (int i = 0; i < curvature.Length; i++)
            gradient[i] = (float)(curvature[i] * (parameters[i] - center[i]));
        return Value(parameters);
    }
}
