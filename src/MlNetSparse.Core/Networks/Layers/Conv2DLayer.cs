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
/// <remarks>
/// A stride-1 layer with few input channels and wide rows (LeNet's conv1) computes y and ∂L/∂W directly from
/// its zero-padded input instead (<see cref="DirectConvolution"/>, whatever the backend), where im2col would
/// write a matrix 25 times its input for an SGEMM of 6 rows; one with short rows and filters in eights
/// (LeNet's conv2) does the same with the filters across the vector lanes (<see cref="ChannelVectorConvolution"/>).
/// </remarks>
public sealed class Conv2DLayer : Layer
{
    private readonly IBlas _blas;
    private readonly ParameterTensor _weights;
    private readonly ParameterTensor _bias;
    private readonly IDirectConvolution? _direct;

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
        _direct = DirectConvolution.Suits(geometry) ? new DirectConvolution(geometry)
            : ChannelVectorConvolution.Suits(geometry) ? new ChannelVectorConvolution(geometry)
            : null;
    }

    /// <summary>How this layer computes y and ∂L/∂W: "im2col", or the name of its <see cref="IDirectConvolution"/>.</summary>
    internal string Path => _direct?.GetType().Name ?? "im2col";

    /// <summary>
    /// Weights up to this many take their gradient as <see cref="LongDotProducts"/>, whatever the backend: on
    /// LeNet's conv1 (150 weights, rows of 32 × 784) 4× faster than the managed SGEMM; on conv2 (2,400) slower.
    /// </summary>
    internal const int SmallWeightCount = 512;

    /// <summary>Samples per ∂L/∂col block in backward: LeNet's conv2 gives 150 × 800 floats (480 KB), which stays in L2.</summary>
    private const int ColumnGradientSamples = 8;

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

    // Im2col: the chunk's im2col matrix (kept from forward for backward), ∂L/∂Y in (outC × batch·pixels)
    // layout, and ∂L/∂col for a block of samples: the samples sit side by side so each product is one wide SGEMM.
    // Direct: the chunk's padded inputs (kept from forward for backward) and the direct path's workspace in
    // place of the im2col matrix; then ∂L/∂Y and ∂L/∂col as above.
    internal override int ScratchLength(int maxBatch)
    {
        Conv2DGeometry g = Geometry;
        long width = (long)g.OutputPixels * maxBatch;
        return checked((int)(KeptLength(maxBatch) + g.OutChannels * width + ColumnGradientLength(maxBatch)));
    }

    // ∂L/∂col for one block of samples.
    private long ColumnGradientLength(int batch) => (long)Geometry.PatchSize * Geometry.OutputPixels * Math.Min(batch, ColumnGradientSamples);

    // Where ∂L/∂Y starts in the scratch: after what forward keeps for backward.
    private long KeptLength(int batch) => _direct is { } d
        ? (long)d.PaddedSampleSize * batch + d.WorkspaceSize
        : (long)Geometry.PatchSize * Geometry.OutputPixels * batch;

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, LayerState state)
    {
        Conv2DGeometry g = Geometry;
        int pixels = g.OutputPixels, width = batch * pixels;
        if (_direct is { } direct)
        {
            Span<float> workspace = state.Scratch.AsSpan(direct.PaddedSampleSize * batch, direct.WorkspaceSize);
            direct.BeginForward(Weights, workspace);
            for (int n = 0; n < batch; n++)
            {
                Span<float> padded = state.Scratch.AsSpan(n * direct.PaddedSampleSize, direct.PaddedSampleSize);
                direct.Pad(input.Slice(n * g.InputSize, g.InputSize), padded);
                direct.Forward(padded, Weights, Bias, workspace, output.Slice(n * g.OutputSize, g.OutputSize));
            }
            return;
        }
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
        int pixels = g.OutputPixels, width = batch * pixels, kept = checked((int)KeptLength(batch));
        Span<float> dy = state.Scratch.AsSpan(kept, g.OutChannels * width);
        Span<float> columnGradient = state.Scratch.AsSpan(kept + g.OutChannels * width, checked((int)ColumnGradientLength(batch)));
        float[] weightGradient = state.Gradients[0], biasGradient = state.Gradients[1];
        // ∂L/∂b: per filter, the samples' sums in order.
        for (int o = 0; o < g.OutChannels; o++)
        {
            float sum = 0f;
            for (int n = 0; n < batch; n++)
                sum += TensorPrimitives.Sum(outputGradient.Slice(n * g.OutputSize + o * pixels, pixels));
            biasGradient[o] += sum;
        }
        // ∂L/∂Y' (outC × batch·pixels), for the SGEMMs: of ∂L/∂W on im2col, of ∂L/∂col unless this is the first layer.
        if (_direct == null || !inputGradient.IsEmpty)
            for (int n = 0; n < batch; n++)
                for (int o = 0; o < g.OutChannels; o++)
                    outputGradient.Slice(n * g.OutputSize + o * pixels, pixels).CopyTo(dy.Slice(o * width + n * pixels, pixels));
        if (_direct is { } direct)
        {
            // ∂L/∂W += Σₙ ∂L/∂yₙ ⋆ xₙ, from the padded inputs forward kept, sample by sample in order.
            Span<float> workspace = state.Scratch.AsSpan(direct.PaddedSampleSize * batch, direct.WorkspaceSize);
            for (int n = 0; n < batch; n++)
                direct.AddWeightGradient(state.Scratch.AsSpan(n * direct.PaddedSampleSize, direct.PaddedSampleSize),
                    outputGradient.Slice(n * g.OutputSize, g.OutputSize), workspace, weightGradient);
        }
        else
        {
            // ∂L/∂W += ∂L/∂Y' · colᵀ  (the forward's col, still in scratch). A small W (conv1's 6 × 25) makes
            // this a few long dot products, which the blocked SGEMM handles poorly (it packs panels it barely reuses).
            ReadOnlySpan<float> columns = state.Scratch.AsSpan(0, g.PatchSize * width);
            if (g.OutChannels * g.PatchSize <= SmallWeightCount)
                LongDotProducts.AddProducts(g.OutChannels, g.PatchSize, width, dy, width, columns, width, weightGradient, g.PatchSize);
            else
                _blas.Sgemm(false, true, g.OutChannels, g.PatchSize, width, 1f, dy, width, columns, width, 1f, weightGradient, g.PatchSize);
        }
        if (inputGradient.IsEmpty)
            return;
        // ∂L/∂col = Wᵀ · ∂L/∂Y', then col2im sums overlapping fields back into ∂L/∂xₙ; a few samples at a time,
        // so the ∂L/∂col the SGEMM writes is still in cache when col2im reads it (each entry of ∂L/∂col is the
        // same sum however the columns are split).
        inputGradient.Slice(0, batch * g.InputSize).Clear();
        for (int first = 0; first < batch; first += ColumnGradientSamples)
        {
            int samples = Math.Min(ColumnGradientSamples, batch - first), columns = samples * pixels;
            _blas.Sgemm(true, false, g.PatchSize, columns, g.OutChannels, 1f, Weights, g.PatchSize, dy[(first * pixels)..], width,
                0f, columnGradient, columns);
            for (int n = 0; n < samples; n++)
                Im2Col.AccumulateCol2Im(g, columnGradient.Slice(n * pixels), inputGradient.Slice((first + n) * g.InputSize, g.InputSize), rowStride: columns);
        }
    }
}
