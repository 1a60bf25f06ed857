using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Tests.Core.Rvscgd;

/// <summary>f(w) = ½‖w − c‖² with its exact gradient: a 1-smooth problem where RVSCGD's descent is a theorem.</summary>
internal sealed class QuadraticOracle(float[] center) : IDifferentiableObjective
{
    public int ParameterCount => center.Length;

    /// <summary>Gradient evaluations so far.</summary>
    public int Calls { get; private set; }

    public double Value(ReadOnlySpan<float> w)
    {
        double sum = 0;
        for (int i = 0; i < w.Length; i++)
            sum += 0.5 * ((double)w[i] - center[i]) * ((double)w[i] - center[i]);
        return sum;
    }

    public double ValueAndGradient(ReadOnlySpan<float> w, Span<float> gradient)
    {
        Calls++;
        for (int i = 0; i < w.Length; i++)
            gradient[i] = w[i] - center[i];
        return Value(w);
    }
}

/// <summary>Returns the same gradient wherever it is asked, and f = 0: isolates the solver's own arithmetic.</summary>
internal sealed class FixedGradientOracle(float[] gradient) : IDifferentiableObjective
{
    public int ParameterCount => gradient.Length;

    public double Value(ReadOnlySpan<float> w) => 0;

    public double ValueAndGradient(ReadOnlySpan<float> w, Span<float> destination)
    {
        gradient.CopyTo(destination);
        return 0;
    }
}
