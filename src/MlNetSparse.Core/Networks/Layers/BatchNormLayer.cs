using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
/// Each plane's passes are fused loops (<see cref="PlaneKernels"/>). After a dense layer (one pixel per channel)
/// the channels of a sample sit side by side, so that case runs eight channels at a time across the samples;
/// it sums in the same order and rounds the same way as the plane-by-plane path.
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

    // The chunk's mean and 1/√(v + ε) per channel, then its biased variance, for backward and commit;
    // then three per-channel coefficients of the one-pixel path's affine maps.
    internal override int ScratchLength(int maxBatch) => 6 * Channels;

    internal override bool ScratchOutlivesThePass => true;

    private Span<float> Coefficients(LayerState state, int which) => state.Scratch.AsSpan((3 + which) * Channels, Channels);

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, LayerState state)
    {
        int channels = Channels, pixels = Pixels;
        if (pixels == 1)
        {
            ForwardAcrossChannels(input, output, batch, state);
            return;
        }
        Span<float> mean = state.Scratch.AsSpan(0, channels), inverseStd = state.Scratch.AsSpan(channels, channels);
        Span<float> variance = state.Scratch.AsSpan(2 * channels, channels);
        for (int c = 0; c < channels; c++)
        {
            if (state.Training)
            {
                // Per plane in float, across planes in double; the variance in a second pass about the mean,
                // so a large mean cannot cancel it away.
                double sum = 0, sumSquares = 0;
                for (int n = 0; n < batch; n++)
                    sum += PlaneKernels.Sum(input.Slice((n * channels + c) * pixels, pixels));
                float mu = (float)(sum / (batch * pixels));
                for (int n = 0; n < batch; n++)
                    sumSquares += PlaneKernels.SumOfSquaredDeviations(input.Slice((n * channels + c) * pixels, pixels), mu);
                mean[c] = mu;
                variance[c] = (float)(sumSquares / (batch * pixels));
            }
            else
            {
                mean[c] = RunningMean[c];
                variance[c] = RunningVariance[c];
            }
            inverseStd[c] = 1f / MathF.Sqrt(variance[c] + Epsilon);
            float a = Scale[c] * inverseStd[c], b = Shift[c] - a * mean[c];
            for (int n = 0; n < batch; n++)
                PlaneKernels.Affine(input.Slice((n * channels + c) * pixels, pixels), a, b, output.Slice((n * channels + c) * pixels, pixels));
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
        if (pixels == 1)
        {
            BackwardAcrossChannels(input, outputGradient, inputGradient, batch, state);
            return;
        }
        for (int c = 0; c < channels; c++)
        {
            // Σ dy and Σ dy·x̂ = (Σ dy·x − μ Σ dy)/σ give ∂L/∂β and ∂L/∂γ, and the two projections of ∂L/∂x.
            double sumDy = 0, sumDyX = 0;
            for (int n = 0; n < batch; n++)
            {
                int offset = (n * channels + c) * pixels;
                (float planeDy, float planeDyX) = PlaneKernels.SumAndDot(outputGradient.Slice(offset, pixels), input.Slice(offset, pixels));
                sumDy += planeDy;
                sumDyX += planeDyX;
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
                PlaneKernels.Combine(outputGradient.Slice(offset, pixels), input.Slice(offset, pixels), gain, slope, offsetTerm,
                    inputGradient.Slice(offset, pixels));
            }
        }
    }

    // The plane-by-plane path's arithmetic for one pixel per channel, eight channels per vector: each channel's
    // sums run over the samples in order, in double (a plane of one pixel sums to itself); the maps are the same
    // fused multiply-adds.
    private void ForwardAcrossChannels(ReadOnlySpan<float> input, Span<float> output, int batch, LayerState state)
    {
        int channels = Channels;
        Span<float> mean = state.Scratch.AsSpan(0, channels), inverseStd = state.Scratch.AsSpan(channels, channels);
        Span<float> variance = state.Scratch.AsSpan(2 * channels, channels);
        if (input.Length < batch * channels || output.Length < batch * channels)
            throw new ArgumentException($"A batch of {batch} needs {batch * channels} floats in and out.");
        ref float x = ref MemoryMarshal.GetReference(input);
        if (state.Training)
        {
            int c = 0;
            for (; c + Vector256<float>.Count <= channels; c += Vector256<float>.Count)
            {
                Vector256<double> sumLow = default, sumHigh = default;
                for (int n = 0; n < batch; n++)
                {
                    (Vector256<double> low, Vector256<double> high) = Vector256.Widen(Vector256.LoadUnsafe(ref x, (nuint)(n * channels + c)));
                    sumLow += low;
                    sumHigh += high;
                }
                Vector256<double> muLow = sumLow / batch, muHigh = sumHigh / batch;
                Vector256<float> mu = Vector256.Narrow(muLow, muHigh);
                Vector256<double> squaresLow = default, squaresHigh = default;
                for (int n = 0; n < batch; n++)
                {
                    Vector256<float> centered = Vector256.LoadUnsafe(ref x, (nuint)(n * channels + c)) - mu;
                    (Vector256<double> low, Vector256<double> high) = Vector256.Widen(centered * centered);
                    squaresLow += low;
                    squaresHigh += high;
                }
                mu.CopyTo(mean[c..]);
                Vector256.Narrow(squaresLow / batch, squaresHigh / batch).CopyTo(variance[c..]);
            }
            for (; c < channels; c++)
            {
                double sum = 0, sumSquares = 0;
                for (int n = 0; n < batch; n++)
                    sum += input[n * channels + c];
                float mu = (float)(sum / batch);
                for (int n = 0; n < batch; n++)
                {
                    float centered = input[n * channels + c] - mu;
                    sumSquares += centered * centered;
                }
                mean[c] = mu;
                variance[c] = (float)(sumSquares / batch);
            }
        }
        else
        {
            RunningMean.CopyTo(mean);
            RunningVariance.CopyTo(variance);
        }
        Span<float> slope = Coefficients(state, 0), intercept = Coefficients(state, 1);
        for (int c = 0; c < channels; c++)
        {
            inverseStd[c] = 1f / MathF.Sqrt(variance[c] + Epsilon);
            slope[c] = Scale[c] * inverseStd[c];
            intercept[c] = Shift[c] - slope[c] * mean[c];
        }
        for (int n = 0; n < batch; n++)
            PlaneKernels.Affine(input.Slice(n * channels, channels), slope, intercept, output.Slice(n * channels, channels));
        state.Batch = batch;
    }

    private void BackwardAcrossChannels(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        int batch, LayerState state)
    {
        int channels = Channels;
        ReadOnlySpan<float> mean = state.Scratch.AsSpan(0, channels), inverseStd = state.Scratch.AsSpan(channels, channels);
        float[] scaleGradient = state.Gradients[0], shiftGradient = state.Gradients[1];
        if (input.Length < batch * channels || outputGradient.Length < batch * channels)
            throw new ArgumentException($"A batch of {batch} needs {batch * channels} floats of input and of gradient.");
        Span<float> gain = Coefficients(state, 0), slope = Coefficients(state, 1), offsetTerm = Coefficients(state, 2);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float dy = ref MemoryMarshal.GetReference(outputGradient);
        int c = 0;
        Span<double> sums = stackalloc double[2 * Vector256<float>.Count];
        for (; c < channels; c += Vector256<float>.Count)
        {
            int lanes = Math.Min(Vector256<float>.Count, channels - c);
            if (lanes == Vector256<float>.Count)
            {
                Vector256<double> dyLow = default, dyHigh = default, dyxLow = default, dyxHigh = default;
                for (int n = 0; n < batch; n++)
                {
                    Vector256<float> g = Vector256.LoadUnsafe(ref dy, (nuint)(n * channels + c));
                    (Vector256<double> low, Vector256<double> high) = Vector256.Widen(g);
                    dyLow += low;
                    dyHigh += high;
                    (low, high) = Vector256.Widen(g * Vector256.LoadUnsafe(ref x, (nuint)(n * channels + c)));
                    dyxLow += low;
                    dyxHigh += high;
                }
                dyLow.CopyTo(sums);
                dyHigh.CopyTo(sums[4..]);
                dyxLow.CopyTo(sums[8..]);
                dyxHigh.CopyTo(sums[12..]);
            }
            else
            {
                for (int l = 0; l < lanes; l++)
                {
                    double sumDy = 0, sumDyX = 0;
                    for (int n = 0; n < batch; n++)
                    {
                        float g = outputGradient[n * channels + c + l];
                        sumDy += g;
                        sumDyX += g * input[n * channels + c + l];
                    }
                    sums[l] = sumDy;
                    sums[8 + l] = sumDyX;
                }
            }
            for (int l = 0; l < lanes; l++)
            {
                int k = c + l;
                double sumDy = sums[l], sumDyXhat = (sums[8 + l] - mean[k] * sumDy) * inverseStd[k];
                shiftGradient[k] += (float)sumDy;
                scaleGradient[k] += (float)sumDyXhat;
                gain[k] = Scale[k] * inverseStd[k];
                slope[k] = state.Training ? (float)(-gain[k] * inverseStd[k] * sumDyXhat / batch) : 0f;
                offsetTerm[k] = state.Training ? (float)(-gain[k] * sumDy / batch - slope[k] * mean[k]) : 0f;
            }
        }
        if (inputGradient.IsEmpty)
            return;
        for (int n = 0; n < batch; n++)
            PlaneKernels.Combine(outputGradient.Slice(n * channels, channels), input.Slice(n * channels, channels), gain, slope, offsetTerm,
                inputGradient.Slice(n * channels, channels));
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
