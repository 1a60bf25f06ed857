using System.Numerics.Tensors;
using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// A 2-D convolution, y[n, o] = b[o] + Σ_c W[o, c] ⋆ x[n, c], computed as SGEMMs on
/// the im2col matrix: Y (outC × outH·outW) = W (outC × C·kh·kw) · col, all samples of a chunk in one
/// SGEMM with their im2col matrices side by side. Backward gives ∂L/∂x
/// (col2im of Wᵀ·∂L/∂Y), ∂L/∂W (Σₙ ∂L/∂Yₙ·colₙᵀ) and ∂L/∂b.
/// </summary>
public sealed class Conv2DLayer : Layer
{
    private readonly IBlas _blas;
    private readonly ParameterTensor _weights;
    private readonly ParameterTensor _bias;

    /// <summary>A layer with zero weights and bias (training initialises them).</summary>
    /// <param name="geometry">The shape of the convolution.</param>
    /// <param name="blas">The SGEMM backend; <see cref="BlasBackend.Current"/> when null.</param>
    /// <param name="name">The prefix of the parameter names.</param>
    public Conv2DLayer(Conv2DGeometry geometry, IBlas? blas = null, string name = "conv")
        : base(new TensorShape(geometry.InChannels, geometry.InputHeight, geometry.InputWidth),
               new TensorShape(geometry.OutChannels, geometry.OutputHeight, geometry.OutputWidth))
    {
        Geometry = geometry;
        _blas = blas ?? BlasBackend.Current;
        _weights = new ParameterTensor($"{name}.weight",
            [geometry.OutChannels, geometry.InChannels, geometry.KernelHeight, geometry.KernelWidth], isWeight: true);
        _bias = new ParameterTensor($"{name}.bias", [geometry.OutChannels], isWeight: false);
    }

    /// <summary>
    /// Weights up to this many take their gradient as <see cref="LongDotProducts"/>, whatever the backend: on
    /// LeNet's conv1 (150 weights, rows of 32 × 784) 4× faster than the managed SGEMM; on conv2 (2,400) slower.
    /// </summary>
    internal const int SmallWeightCount = 512;

    /// <summary>The shape of the convolution.</summary>
    public Conv2DGeometry Geometry { get; }

    /// <summary>Weights, row-major (outChannels, inChannels, kh, kw).</summary>
    public float[] Weights => _weights.Values;

    /// <summary>One bias per output channel.</summary>
    public float[] Bias => _bias.Values;

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterTensor> Parameters => [_weights, _bias];

    /// <inheritdoc/>
    public override long MultiplyAddsPerSample => (long)Geometry.WeightCount * Geometry.OutputPixels;

    /// <inheritdoc/>
    public override string Describe() =>
        $"Conv {Geometry.OutChannels}@{Geometry.KernelHeight}×{Geometry.KernelWidth} stride {Geometry.Stride} pad {Geometry.Padding} → {OutputShape}";

    // The chunk's im2col matrix (kept from forward for backward), ∂L/∂Y in (outC × batch·pixels)
    // layout, and ∂L/∂col: the samples sit side by side so each product is one wide SGEMM.
    internal override int ScratchLength(int maxBatch) =>
        checked((2 * Geometry.PatchSize + Geometry.OutChannels) * Geometry.OutputPixels * maxBatch);

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, LayerState state)
    {
        Conv2DGeometry g = Geometry;
        int pixels = g.OutputPixels, width = batch * pixels;
        Span<float> columns = state.Scratch.AsSpan(0, g.PatchSize * width);
        Span<float> product = state.Scratch.AsSpan(g.PatchSize * width, g.OutChannels * width);
        for (int n = 0; n < batch; n++)
            Im2Col.Expand(g, input.Slice(n * g.InputSize, g.InputSize), columns.Slice(n * pixels), rowStride: width);
        // Y' (outC × batch·pixels) ← W · [col₁ … col_b]
        _blas.Sgemm(false, false, g.OutChannels, width, g.PatchSize, 1f, Weights, g.PatchSize, columns, width, 0f, product, width);
        // yₙ[o] ← Y'[o, n] + b[o]: back to NCHW.
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < g.OutChannels; o++)
                TensorPrimitives.Add(product.Slice(o * width + n * pixels, pixels), Bias[o],
                    output.Slice(n * g.OutputSize + o * pixels, pixels));
    }

    internal override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, LayerState state)
    {
        Conv2DGeometry g = Geometry;
        int pixels = g.OutputPixels, width = batch * pixels;
        ReadOnlySpan<float> columns = state.Scratch.AsSpan(0, g.PatchSize * width);
        Span<float> dy = state.Scratch.AsSpan(g.PatchSize * width, g.OutChannels * width);
        Span<float> columnGradient = state.Scratch.AsSpan((g.PatchSize + g.OutChannels) * width, g.PatchSize * width);
        float[] weightGradient = state.Gradients[0], biasGradient = state.Gradients[1];
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < g.OutChannels; o++)
                outputGradient.Slice(n * g.OutputSize + o * pixels, pixels).CopyTo(dy.Slice(o * width + n * pixels, pixels));
        // ∂L/∂W += ∂L/∂Y' · colᵀ  (the forward's col, still in scratch). A small W (conv1's 6 × 25) makes
        // this a few long dot products, which the blocked SGEMM handles poorly (it packs panels it barely reuses).
        if (g.OutChannels * g.PatchSize <= SmallWeightCount)
            LongDotProducts.AddProducts(g.OutChannels, g.PatchSize, width, dy, width, columns, width, weightGradient, g.PatchSize);
        else
            _blas.Sgemm(false, true, g.OutChannels, g.PatchSize, width, 1f, dy, width, columns, width, 1f, weightGradient, g.PatchSize);
        for (int o = 0; o < g.OutChannels; o++)
            biasGradient[o] += TensorPrimitives.Sum(dy.Slice(o * width, width));
        if (inputGradient.IsEmpty)
            return;
        // ∂L/∂col = Wᵀ · ∂L/∂Y', then col2im sums overlapping fields back into ∂L/∂xₙ.
        _blas.Sgemm(true, false, g.PatchSize, width, g.OutChannels, 1f, Weights, g.PatchSize, dy, width, 0f, columnGradient, width);
        inputGradient.Slice(0, batch * g.InputSize).Clear();
        for (int n = 0; n < batch; n++)
            Im2Col.AccumulateCol2Im(g, columnGradient.Slice(n * pixels), inputGradient.Slice(n * g.InputSize, g.InputSize), rowStride: width);
    }
}
