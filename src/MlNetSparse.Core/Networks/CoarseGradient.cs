namespace MlNetSparse.Core.Networks;

/// <summary>
/// The proxy μ′ that replaces σ′ (zero almost everywhere) when back-propagating through the
/// binarized activation σ(z) = 1{z &gt; 0}: the coarse gradient / straight-through estimator.
/// </summary>
public enum CoarseGradient
{
    /// <summary>μ = max(z, 0), μ′(z) = 1{z &gt; 0}: the choice the RVSCGD analysis uses.</summary>
    ReluDerivative,

    /// <summary>μ = c·max(z, 0), μ′(z) = c·1{z &gt; 0} with slope c.</summary>
    ReluSlope,

    /// <summary>μ = min(max(z, 0), 1), μ′(z) = 1{0 &lt; z &lt; 1}.</summary>
    ClippedRelu,

    /// <summary>μ = z, μ′(z) = 1: the plain straight-through estimator.</summary>
    Identity,
}
