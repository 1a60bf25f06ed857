using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// A 2-D convolution, y[n, o] = b[o] + Σ_c W[o, c] ⋆ x[n, c], computed per sample as one SGEMM on
/// the im2col matrix: Y (outC × outH·outW) = W (outC × C·kh·kw) · col. Backward gives ∂L/∂x
/// (col2im of Wᵀ·∂L/∂Y), ∂L/∂W (Σₙ ∂L/∂Yₙ·colₙᵀ) and ∂L/∂b.
/// </summary>
public sealed class Conv2DLayer : Layer
{
    private readonly IBlas blas;
    private readonly ParameterTensor weights;
    private readonly ParameterTensor bias;

    /// <summary>A layer with zero weights and bias (training initialises them).</summary>
    /// <param name="geometry">The shape of the convolution.</param>
    /// <param name="blas">The SGEMM backend; <see cref="BlasBackend.Current"/> when null.</param>
    /// <param name="name">The prefix of the parameter names.</param>
    public Conv2DLayer(Conv2DGeometry geometry, IBlas? blas = null, string name = "conv")
        : base(new TensorShape(geometry.InChannels, geometry.InputHeight, geometry.InputWidth),
               new TensorShape(geometry.OutChannels, geometry.OutputHeight, geometry.OutputWidth))
    {
        Geometry = geometry;
        this.blas = blas ?? BlasBackend.Current;
        weights = new ParameterTensor($"{name}.weight",
            [geometry.OutChannels, geometry.InChannels, geometry.KernelHeight, geometry.KernelWidth], isWeight: true);
        bias = new ParameterTensor($"{name}.bias", [geometry.OutChannels], isWeight: false);
    }

    /// <summary>The shape of the convolution.</summary>
    public Conv2DGeometry Geometry { get; }

    /// <summary>Weights, row-major (outChannels, inChannels, kh, kw).</summary>
    public float[] Weights => weights.Values;

    /// <summary>One bias per output channel.</summary>
    public float[] Bias => bias.Values;

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterTensor> Parameters => [weights, bias];

    /// <inheritdoc/>
    public override long MultiplyAddsPerSample => (long)Geometry.WeightCount * Geometry.OutputPixels;

    /// <inheritdoc/>
    public override string Describe() =>
        $"Conv {Geometry.OutChannels}@{Geometry.KernelHeight}×{Geometry.KernelWidth} stride {Geometry.Stride} pad {Geometry.Padding} → {OutputShape}";

    // Two im2col-sized buffers: the columns and, in backward, their gradient.
    internal override int ScratchLength(int maxBatch) => 2 * Geometry.PatchSize * Geometry.OutputPixels;

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, LayerState state)
    {
        Conv2DGeometry g = Geometry;
        int pixels = g.OutputPixels;
        Span<float> columns = state.Scratch.AsSpan(0, g.PatchSize * pixels);
        for (int n = 0; n < batch; n++)
        {
            Im2Col.Expand(g, input.Slice(n * g.InputSize, g.InputSize), columns);
            Span<float> y = output.Slice(n * g.OutputSize, g.OutputSize);
            for (int o = 0; o < g.OutChannels; o++)
                y.Slice(o * pixels, pixels).Fill(Bias[o]);
            // Yₙ ← b + W·colₙ
            blas.Sgemm(false, false, g.OutChannels, pixels, g.PatchSize, 1f,
                Weights, g.PatchSize, columns, pixels, 1f, y, pixels);
        }
    }

    internal override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, LayerState state)
    {
        Conv2DGeometry g = Geometry;
        int pixels = g.OutputPixels, columnLength = g.PatchSize * pixels;
        Span<float> columns = state.Scratch.AsSpan(0, columnLength);
        Span<float> columnGradient = state.Scratch.AsSpan(columnLength, columnLength);
        float[] weightGradient = state.Gradients[0], biasGradient = state.Gradients[1];
        bool wantInput = !inputGradient.IsEmpty;
        if (wantInput)
            inputGradient.Slice(0, batch * g.InputSize).Clear();
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> dy = outputGradient.Slice(n * g.OutputSize, g.OutputSize);
            // Recomputing col costs one pass over the input; caching it would cost batch× the memory.
            Im2Col.Expand(g, input.Slice(n * g.InputSize, g.InputSize), columns);
            // ∂L/∂W += ∂L/∂Yₙ · colₙᵀ
            blas.Sgemm(false, true, g.OutChannels, g.PatchSize, pixels, 1f,
                dy, pixels, columns, pixels, 1f, weightGradient, g.PatchSize);
            if (wantInput)
            {
                // ∂L/∂colₙ = Wᵀ · ∂L/∂Yₙ, then col2im sums overlapping fields back into ∂L/∂xₙ.
                blas.Sgemm(true, false, g.PatchSize, pixels, g.OutChannels, 1f,
                    Weights, g.PatchSize, dy, pixels, 0f, columnGradient, pixels);
                Im2Col.AccumulateCol2Im(g, columnGradient, inputGradient.Slice(n * g.InputSize, g.InputSize));
            }
            for (int o = 0; o < g.OutChannels; o++)
                biasGradient[o] += Sum(dy.Slice(o * pixels, pixels));
        }
    }

    private static float Sum(ReadOnlySpan<float> values)
    {
        float sum = 0f;
        foreach (float v in values)
            sum += v;
        return sum;
    }
}
