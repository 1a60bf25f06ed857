namespace MlNetSparse.Core.Objectives;

/// <summary>
/// A per-example loss ℓ(z; y) of the k margins z = W·x + b of a linear model and a label y.
/// </summary>
public interface IMarginLoss
{
    /// <summary>k, the number of margins per example (classes for softmax, 1 otherwise).</summary>
    int OutputCount { get; }

    /// <summary>True when <paramref name="label"/> is a label this loss accepts.</summary>
    bool IsValidLabel(float label);

    /// <summary>The labels this loss accepts, in words, for error messages.</summary>
    string LabelDescription { get; }

    /// <summary>An upper bound of ∂²ℓ/∂z_c² over all z, y and c (for per-coordinate curvature bounds).</summary>
    double CurvatureBound { get; }

    /// <summary>ℓ(z; y).</summary>
    double Value(ReadOnlySpan<float> margins, float label);

    /// <summary>ℓ(z; y), writing ∂ℓ/∂z_c into <paramref name="derivative"/>[c].</summary>
    double ValueAndDerivative(ReadOnlySpan<float> margins, float label, Span<float> derivative);
}
