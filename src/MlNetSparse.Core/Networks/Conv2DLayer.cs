using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Core.Networks;

/// <summary>
/// A 2-D convolution over NCHW float batches, y[n, o] = b[o] + Σ_c W[o, c] ⋆ x[n, c], computed per
/// sample as one SGEMM on the im2col matrix: Y (outC × outH·outW) = W (outC × C·kh·kw) · col.
/// Backward gives ∂L/∂x (col2im of Wᵀ·∂L/∂Y), ∂L/∂W (Σₙ ∂L/∂Yₙ·colₙᵀ) and ∂L/∂b.
/// </summary>
/// <remarks>
/// The im2col scratch buffers are allocated once, so one instance is not thread-safe; results are
/// the same bit for bit for a given backend since the work is split by sample, never by thread.
/// </remarks>
public sealed class Conv2DLayer
{
    private readonly IBlas blas;
    private readonly float[] columns;
    private readonly float[] columnGradient;

    /// <summary>A layer with zero weights and bias (fill <see cref="Weights"/> and <see cref="Bias"/> before use).</summary>
    /// <param name="geometry">The shape of the convolution.</param>
    /// <param name="blas">The SGEMM backend; <see cref="BlasBackend.Current"/> when null.</param>
    public Conv2DLayer(Conv2DGeometry geometry, IBlas? blas = null)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        Geometry = geometry;
        this.blas = blas ?? BlasBackend.Current;
        Weights = new float[geometry.WeightCount];
        Bias = new float[geometry.OutChannels];
        columns = new float[geometry.PatchSize * geometry.OutputPixels];
        columnGradient = new float[columns.Length];
    }

    /// <summary>The shape of the convolution.</summary>
    public Conv2DGeometry Geometry { get; }

    /// <summary>Weights, row-major (outChannels, inChannels, kh, kw); updated in place by training.</summary>
    public float[] Weights { get; }

    /// <summary>One bias per output channel.</summary>
    public float[] Bias { get; }

    /// <summary>y = conv(x) + b for a batch.</summary>
    /// <param name="input">batch × C × H × W.</param>
    /// <param name="batch">Samples in the batch (≥ 1).</param>
    /// <param name="output">batch × outC × outH × outW, overwritten.</param>
    /// <exception cref="ArgumentException">A span whose length does not match the batch and geometry.</exception>
    public void Forward(ReadOnlySpan<float> input, int batch, Span<float> output)
    {
        Conv2DGeometry g = Geometry;
        CheckBatch(batch, input.Length, output.Length);
        int pixels = g.OutputPixels;
        for (int n = 0; n < batch; n++)
        {
            Im2Col.Expand(g, input.Slice(n * g.InputSize, g.InputSize), columns);
            Span<float> y = output.Slice(n * g.OutputSize, g.OutputSize);
            for (int o = 0; o < g.OutChannels; o++)
                y.Slice(o * pixels, pixels).Fill(Bias[o]);
            blas.Sgemm(false, false, g.OutChannels, pixels, g.PatchSize, 1f,
                Weights, g.PatchSize, columns, pixels, 1f, y, pixels);
        }
    }

    /// <summary>
    /// The gradients of a loss L given ∂L/∂y at the output of <see cref="Forward"/> on the same input.
    /// All three gradient spans are overwritten (not accumulated).
    /// </summary>
    /// <param name="input">The batch given to <see cref="Forward"/> (batch × C × H × W).</param>
    /// <param name="outputGradient">∂L/∂y, batch × outC × outH × outW.</param>
    /// <param name="batch">Samples in the batch (≥ 1).</param>
    /// <param name="inputGradient">∂L/∂x, same shape as <paramref name="input"/>.</param>
    /// <param name="weightGradient">∂L/∂W, same shape as <see cref="Weights"/>.</param>
    /// <param name="biasGradient">∂L/∂b, one per output channel.</param>
    /// <exception cref="ArgumentException">A span whose length does not match the batch and geometry.</exception>
    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, int batch,
        Span<float> inputGradient, Span<float> weightGradient, Span<float> biasGradient)
    {
        Conv2DGeometry g = Geometry;
        CheckBatch(batch, input.Length, outputGradient.Length);
        Guard.Length(inputGradient.Length, input.Length, nameof(inputGradient));
        Guard.Length(weightGradient.Length, g.WeightCount, nameof(weightGradient));
        Guard.Length(biasGradient.Length, g.OutChannels, nameof(biasGradient));
        int pixels = g.OutputPixels;
        inputGradient.Clear();
        biasGradient.Clear();
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> dy = outputGradient.Slice(n * g.OutputSize, g.OutputSize);
            // Recomputing col costs one pass over the input; caching it would cost batch× the memory.
            Im2Col.Expand(g, input.Slice(n * g.InputSize, g.InputSize), columns);
            blas.Sgemm(false, true, g.OutChannels, g.PatchSize, pixels, 1f,
                dy, pixels, columns, pixels, n == 0 ? 0f : 1f, weightGradient, g.PatchSize);
            blas.Sgemm(true, false, g.PatchSize, pixels, g.OutChannels, 1f,
                Weights, g.PatchSize, dy, pixels, 0f, columnGradient, pixels);
            Im2Col.AccumulateCol2Im(g, columnGradient, inputGradient.Slice(n * g.InputSize, g.InputSize));
            for (int o = 0; o < g.OutChannels; o++)
            {
                float sum = 0f;
                foreach (float v in dy.Slice(o * pixels, pixels))
                    sum += v;
                biasGradient[o] += sum;
            }
        }
    }

    private void CheckBatch(int batch, int inputLength, int outputLength)
    {
        Guard.InRange(batch, 1, int.MaxValue / Math.Max(Geometry.InputSize, Geometry.OutputSize));
        Guard.Length(inputLength, batch * Geometry.InputSize, "input");
        Guard.Length(outputLength, batch * Geometry.OutputSize, "output");
    }
}
