namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// A convolution computed from a zero-padded copy of each input sample, without an im2col matrix: what
/// <see cref="Conv2DLayer"/> needs of <see cref="DirectConvolution"/> (vectors along output rows) and
/// <see cref="ChannelVectorConvolution"/> (vectors across filters). The layer keeps the padded samples from
/// forward for backward; ∂L/∂x still goes through Wᵀ·∂L/∂Y and col2im.
/// </summary>
internal interface IDirectConvolution
{
    /// <summary>Floats of one padded input sample.</summary>
    int PaddedSampleSize { get; }

    /// <summary>Floats of working memory one call needs (and <see cref="BeginForward"/> fills for Forward).</summary>
    int WorkspaceSize { get; }

    /// <summary>padded ← the sample with the padding's zeros.</summary>
    void Pad(ReadOnlySpan<float> sample, Span<float> padded);

    /// <summary>Prepares the workspace for the Forward calls of one batch (e.g. lays the weights out).</summary>
    void BeginForward(ReadOnlySpan<float> weights, Span<float> workspace);

    /// <summary>output ← bias + w ⋆ padded, one sample, NCHW.</summary>
    void Forward(ReadOnlySpan<float> padded, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> workspace, Span<float> output);

    /// <summary>weightGradient += ∂L/∂y ⋆ padded, one sample.</summary>
    void AddWeightGradient(ReadOnlySpan<float> padded, ReadOnlySpan<float> outputGradient, Span<float> workspace, Span<float> weightGradient);
}
