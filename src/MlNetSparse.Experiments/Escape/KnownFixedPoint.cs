using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Experiments.Escape;

/// <summary>
/// An IHT fixed point of a <see cref="SaddleQuadratic"/> derived by hand: its exact coordinates, the two
/// sides of inequality (8) there, min_{i∈S}|θᵢ| ≥ γ·max_{j∉S}|∇ⱼf(θ)|, and the verdict they give.
/// </summary>
public sealed class KnownFixedPoint
{
    private readonly double[] _parameters;

    internal KnownFixedPoint(string name, double[] parameters, double smallestSupportMagnitude, double offSupportThreshold,
        HtStabilityVerdict verdict)
    {
        Name = name;
        _parameters = parameters;
        SmallestSupportMagnitude = smallestSupportMagnitude;
        OffSupportThreshold = offSupportThreshold;
        Verdict = verdict;
    }

    /// <summary>A short name: "θᵘ", "θˢ", …</summary>
    public string Name { get; }

    /// <summary>The exact coordinates (in double; the float32 rounding is what IHT can reach).</summary>
    public ReadOnlySpan<double> Parameters => _parameters;

    /// <summary>Left side of (8): min_{i∈S}|θᵢ|.</summary>
    public double SmallestSupportMagnitude { get; }

    /// <summary>Right side of (8): γ·max_{j∉S}|∇ⱼf(θ)|.</summary>
    public double OffSupportThreshold { get; }

    /// <summary>The verdict the two sides give: equal is Unstable, left larger is Stable.</summary>
    public HtStabilityVerdict Verdict { get; }

    /// <summary>The coordinates rounded to float32, as IHT stores parameters.</summary>
    public float[] ToSingle()
    {
        var rounded = new float[_parameters.Length];
        for (int i = 0; i < rounded.Length; i++)
            rounded[i] = (float)_parameters[i];
        return rounded;
    }

    /// <summary>‖θ − this‖₂, accumulated in double.</summary>
    public double DistanceFrom(ReadOnlySpan<float> parameters)
    {
        double sum = 0;
        for (int i = 0; i < _parameters.Length; i++)
        {
            double difference = parameters[i] - _parameters[i];
            sum += difference * difference;
        }
        return Math.Sqrt(sum);
    }

    /// <summary>‖this‖₂: the scale against which a distance to this point is judged.</summary>
    public double Norm()
    {
        double sum = 0;
        foreach (double value in _parameters)
            sum += value * value;
        return Math.Sqrt(sum);
    }

    /// <inheritdoc/>
    public override string ToString()
        => $"{Name} = [{string.Join(", ", _parameters.Select(v => v.ToString("G6")))}]: {SmallestSupportMagnitude:G6} vs {OffSupportThreshold:G6} ({Verdict})";
}
