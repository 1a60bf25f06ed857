using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Experiments.Escape;

/// <summary>
/// f(θ) = ½(θ − a)ᵀH(θ − a) with a known HT-unstable fixed point θᵘ and a known HT-stable one θˢ for
/// sparsity s and step γ (built by <see cref="SaddleConstructions"/>, where the points are derived).
/// </summary>
/// <remarks>
/// f and ∇f are evaluated around θᵘ, as f(θᵘ) + bᵀd + ½dᵀHd and b + Hd with d = θ − θᵘ and
/// b = ∇f(θᵘ) = H(θᵘ − a): algebraically the same function, but exact at θᵘ (the tie of (8) is not
/// blurred by rounding H(θ − a) when a is far from θᵘ) and accurate for the tiny d of the experiment.
/// </remarks>
public sealed class SaddleQuadratic : IDifferentiableObjective
{
    private readonly double[] _curvature; // H, row-major n × n
    private readonly double[] _center;    // a
    private readonly double[] _anchor;    // θᵘ
    private readonly double[] _slope;     // b = ∇f(θᵘ)
    private readonly double _anchorValue; // f(θᵘ)

    internal SaddleQuadratic(string name, double[,] curvature, double[] center, double[] gradientAtUnstable, int sparsity, double stepSize,
        double restrictedSmoothness, KnownFixedPoint unstable, KnownFixedPoint stable, IReadOnlyList<KnownFixedPoint> otherStable)
    {
        int n = center.Length;
        Name = name;
        _curvature = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                _curvature[i * n + j] = curvature[i, j];
        _center = center;
        _anchor = unstable.Parameters.ToArray();
        // b is given exactly rather than computed as H(θᵘ − a), which rounds when a is not dyadic.
        _slope = gradientAtUnstable;
        double[] fromCenter = [.. _anchor.Select((v, i) => v - _center[i])];
        _anchorValue = 0.5 * fromCenter.Select((v, i) => v * Row(i, fromCenter)).Sum();
        Sparsity = sparsity;
        StepSize = stepSize;
        RestrictedSmoothness = restrictedSmoothness;
        Unstable = unstable;
        Stable = stable;
        OtherStable = otherStable;
    }

    /// <summary>Which construction this is ("coupled", "separable").</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public int ParameterCount => _center.Length;

    /// <summary>s, the sparsity the fixed points are stated for.</summary>
    public int Sparsity { get; }

    /// <summary>γ, the step the fixed points and their verdicts are stated for (γ ≤ 1/L₂ₛ).</summary>
    public double StepSize { get; }

    /// <summary>L₂ₛ = max over index sets S with |S| ≤ 2s of λmax(H_SS), exact.</summary>
    public double RestrictedSmoothness { get; }

    /// <summary>θᵘ: (8) holds with equality.</summary>
    public KnownFixedPoint Unstable { get; }

    /// <summary>θˢ: (8) holds strictly; the lowest-loss s-sparse fixed point.</summary>
    public KnownFixedPoint Stable { get; }

    /// <summary>Further HT-stable fixed points (empty when θˢ is the only one).</summary>
    public IReadOnlyList<KnownFixedPoint> OtherStable { get; }

    /// <summary>a, the unconstrained minimiser.</summary>
    public ReadOnlySpan<double> Center => _center;

    /// <summary>b = ∇f(θᵘ) = H(θᵘ − a), exact.</summary>
    public ReadOnlySpan<double> GradientAtUnstable => _slope;

    /// <summary>H[i, j].</summary>
    public double Curvature(int row, int column) => _curvature[row * ParameterCount + column];

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<float> parameters)
    {
        Span<double> offset = stackalloc double[ParameterCount];
        Offset(parameters, offset);
        double quadratic = 0, linear = 0;
        for (int i = 0; i < offset.Length; i++)
        {
            linear += _slope[i] * offset[i];
            quadratic += offset[i] * Row(i, offset);
        }
        return _anchorValue + linear + 0.5 * quadratic;
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        Span<double> offset = stackalloc double[ParameterCount];
        Offset(parameters, offset);
        double quadratic = 0, linear = 0;
        for (int i = 0; i < offset.Length; i++)
        {
            double curvatureTimesOffset = Row(i, offset);
            gradient[i] = (float)(_slope[i] + curvatureTimesOffset);
            linear += _slope[i] * offset[i];
            quadratic += offset[i] * curvatureTimesOffset;
        }
        return _anchorValue + linear + 0.5 * quadratic;
    }

    /// <summary>The HT-stability certificate of θ at this construction's s and γ.</summary>
    public HtStabilityCertificate Certify(ReadOnlySpan<float> parameters)
    {
        var gradient = new float[ParameterCount];
        ValueAndGradient(parameters, gradient);
        return HtStabilityCertificate.Evaluate(parameters, gradient, Sparsity, StepSize);
    }

    private void Offset(ReadOnlySpan<float> parameters, Span<double> offset)
    {
        for (int i = 0; i < offset.Length; i++)
            offset[i] = parameters[i] - _anchor[i];
    }

    private double Row(int row, ReadOnlySpan<double> vector)
    {
        double sum = 0;
        int n = ParameterCount;
        for (int j = 0; j < n; j++)
            sum += _curvature[row * n + j] * vector[j];
        return sum;
    }

}
