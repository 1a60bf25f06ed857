using System.Numerics.Tensors;

namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// Batch normalisation per channel: y = γ·(x − μ)/√(v + ε) + β, where μ, v are the mean and
/// (biased) variance over the samples and pixels of the chunk while training, and the running
/// averages at inference (ONNX BatchNormalization). Placed before σ it keeps about half of the
/// binarized units active, which the bare coarse-gradient recipe does not (docs/algorithms.md#batch-normalisation).
/// </summary>
/// <remarks>
/// Statistics are taken over each parallel chunk of a mini-batch ("ghost" batch normalisation):
/// chunks are fixed by the batch size alone, so results do not depend on the thread count. Running
/// averages fold each chunk's statistics in chunk order with weight <see cref="Momentum"/>.
/// </remarks>
public sealed class BatchNormLayer : Layer
{
    private readonly ParameterTensor _scale;
    private readonly ParameterTensor _shift;

    /// <summary>A normalisation with γ = 1, β = 0, running mean 0 and running variance 1.</summary>
    /// <param name="shape">The sample shape (unchanged).</param>
    /// <param name="epsilon">ε added to the variance (finite, &gt; 0).</param>
    /// <param name="momentum">Weight of a new chunk in the running averages, in (0, 1].</param>
    /// <param name="name">The prefix of the parameter names.</param>
    public BatchNormLayer(TensorShape shape, float epsilon = 1e-5f, float momentum = 0.1f, string name = "norm")
        : base(shape, shape)
    {
        Guard.Positive(epsilon);
        Guard.Positive(momentum);
        if (momentum > 1f)
            throw new ArgumentOutOfRangeException(nameof(momentum), $"momentum must be in (0, 1]; got {momentum}.");
        Epsilon = epsilon;
        Momentum = momentum;
        _scale = new ParameterTensor($"{name}.scale", [shape.Channels], isWeight: false);
        _shift = new ParameterTensor($"{name}.bias", [shape.Channels], isWeight: false);
        Array.Fill(_scale.Values, 1f);
        RunningMean = new float[shape.Channels];
        RunningVariance = new float[shape.Channels];
        Array.Fill(RunningVariance, 1f);
    }

    /// <summary>ε.</summary>
    public float Epsilon { get; }

    /// <summary>Weight of a new chunk in the running averages.</summary>
    public float Momentum { get; }

    /// <summary>γ, one per channel.</summary>
    public float[] Scale => _scale.Values;

    /// <summary>β, one per channel.</summary>
    public float[] Shift => _shift.Values;

    /// <summary>The running mean per channel, used at inference.</summary>
    public float[] RunningMean { get; }

    /// <summary>The running (unbiased) variance per channel, used at inference.</summary>
    public float[] RunningVariance { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterTensor> Parameters => [_scale, _shift];

    /// <inheritdoc/>
    public override string Describe() => $"BatchNorm {InputShape.Channels}";

    private int Channels => InputShape.Channels;

    private int Pixels => InputShape.Height * InputShape.Width;

    // The chunk's mean and 1/√(v + ε) per channel, then its biased variance, for backward and commit.
    internal override int ScratchLength(int maxBatch) => 3 * Channels;

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, LayerState state)
    {
        int channels = Channels, pixels = Pixels;
        Span<float> mean = state.Scratch.AsSpan(0, channels), inverseStd = state.Scratch.AsSpan(channels, channels);
        Span<float> variance = state.Scratch.AsSpan(2 * channels, channels);
        for (int c = 0; c < channels; c++)
        {
            if (state.Training)
            {
                // Per plane in float (TensorPrimitives), across planes in double; the variance in a
                // second pass about the mean, so a large mean cannot cancel it away.
                double sum = 0, sumSquares = 0;
                for (int n = 0; n < batch; n++)
                    sum += TensorPrimitives.Sum(input.Slice((n * channels + c) * pixels, pixels));
                double mu = sum / (batch * pixels);
                for (int n = 0; n < batch; n++)
                {
                    Span<float> centered = output.Slice((n * channels + c) * pixels, pixels);
                    TensorPrimitives.Subtract(input.Slice((n * channels + c) * pixels, pixels), (float)mu, centered);
                    sumSquares += TensorPrimitives.SumOfSquares(centered);
                }
                mean[c] = (float)mu;
                variance[c] = (float)(sumSquares / (batch * pixels));
            }
            else
            {
                mean[c] = RunningMean[c];
                variance[c] = RunningVariance[c];
            }
            inverseStd[c] = 1f / MathF.Sqrt(variance[c] + Epsilon);
            float a = Scale[c] * inverseStd[c], b = Shift[c] - a * mean[c];
            // y ← a·x + b
            for (int n = 0; n < batch; n++)
            {
                Span<float> y = output.Slice((n * channels + c) * pixels, pixels);
                TensorPrimitives.Multiply(input.Slice((n * channels + c) * pixels, pixels), a, y);
                TensorPrimitives.Add(y, b, y);
            }
        }
        state.Batch = batch;
    }

    internal override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, LayerState state)
    {
        int channels = Channels, pixels = Pixels;
        ReadOnlySpan<float> mean = state.Scratch.AsSpan(0, channels), inverseStd = state.Scratch.AsSpan(channels, channels);
        float[] scaleGradient = state.Gradients[0], shiftGradient = state.Gradients[1];
        int count = batch * pixels;
        for (int c = 0; c < channels; c++)
        {
            // Σ dy and Σ dy·x̂ = (Σ dy·x − μ Σ dy)/σ give ∂L/∂β and ∂L/∂γ, and the two projections of ∂L/∂x.
            double sumDy = 0, sumDyX = 0;
            for (int n = 0; n < batch; n++)
            {
                int offset = (n * channels + c) * pixels;
                ReadOnlySpan<float> dy = outputGradient.Slice(offset, pixels);
                sumDy += TensorPrimitives.Sum(dy);
                sumDyX += TensorPrimitives.Dot(dy, input.Slice(offset, pixels));
            }
            double sumDyXhat = (sumDyX - mean[c] * sumDy) * inverseStd[c];
            shiftGradient[c] += (float)sumDy;
            scaleGradient[c] += (float)sumDyXhat;
            if (inputGradient.IsEmpty)
                continue;
            float gain = Scale[c] * inverseStd[c];
            // Training: ∂L/∂x = γ/σ · (dy − mean(dy) − x̂·mean(dy·x̂)), as dx = A·dy + B·x + C (x̂ = (x − μ)/σ).
            // Inference: the statistics are constants, dx = γ/σ · dy.
            float slope = state.Training ? (float)(-gain * inverseStd[c] * sumDyXhat / count) : 0f;
            float offsetTerm = state.Training ? (float)(-gain * sumDy / count - slope * mean[c]) : 0f;
            for (int n = 0; n < batch; n++)
            {
                int offset = (n * channels + c) * pixels;
                Span<float> dx = inputGradient.Slice(offset, pixels);
                TensorPrimitives.Multiply(outputGradient.Slice(offset, pixels), gain, dx);
                if (!state.Training)
                    continue;
                TensorPrimitives.MultiplyAdd(input.Slice(offset, pixels), slope, dx, dx);
                TensorPrimitives.Add(dx, offsetTerm, dx);
            }
        }
    }

    internal override void CommitStatistics(LayerState state)
    {
        if (!state.Training)
            return;
        int channels = Channels, count = state.Batch * Pixels;
        ReadOnlySpan<float> mean = state.Scratch.AsSpan(0, channels), variance = state.Scratch.AsSpan(2 * channels, channels);
        // The running variance is unbiased (n/(n−1)), as ONNX and the common frameworks keep it.
        float correction = count > 1 ? count / (count - 1f) : 1f;
        for (int c = 0; c < channels; c++)
        {
            RunningMean[c] = (1 - Momentum) * RunningMean[c] + Momentum * mean[c];
            RunningVariance[c] = (1 - Momentum) * RunningVariance[c] + Momentum * variance[c] * correction;
        }
    }
}
