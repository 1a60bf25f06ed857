using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// A fully connected layer, y = W·x + b with W (outputs × inputs), over a batch as one SGEMM:
/// Y (batch × outputs) = X (batch × inputs) · Wᵀ. Any input shape is read as its flat CHW vector.
/// </summary>
public sealed class DenseLayer : Layer
{
    private readonly IBlas _blas;
    private readonly ParameterTensor _weights;
    private readonly ParameterTensor _bias;

    /// <summary>A layer with zero weights and bias (training initialises them).</summary>
    /// <param name="inputShape">The shape of one input sample (flattened).</param>
    /// <param name="outputs">Units (≥ 1).</param>
    /// <param name="blas">The SGEMM backend; <see cref="BlasBackend.Current"/> when null.</param>
    /// <param name="name">The prefix of the parameter names.</param>
    public DenseLayer(TensorShape inputShape, int outputs, IBlas? blas = null, string name = "dense")
        : base(inputShape, TensorShape.Vector(CheckOutputs(outputs)))
    {
        _blas = blas ?? BlasBackend.Current;
        _weights = new ParameterTensor($"{name}.weight", [outputs, inputShape.Size], isWeight: true);
        _bias = new ParameterTensor($"{name}.bias", [outputs], isWeight: false);
    }

    /// <summary>Units.</summary>
    public int Outputs => OutputShape.Size;

    /// <summary>Inputs per sample (the flat input size).</summary>
    public int Inputs => InputShape.Size;

    /// <summary>Weights, row-major (outputs, inputs).</summary>
    public float[] Weights => _weights.Values;

    /// <summary>One bias per unit.</summary>
    public float[] Bias => _bias.Values;

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterTensor> Parameters => [_weights, _bias];

    /// <inheritdoc/>
    public override long MultiplyAddsPerSample => (long)Outputs * Inputs;

    /// <inheritdoc/>
    public override string Describe() => $"Dense {Inputs} → {Outputs}";

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, LayerState state)
    {
        int n = Inputs, m = Outputs;
        for (int i = 0; i < batch; i++)
            Bias.AsSpan().CopyTo(output.Slice(i * m, m));
        // Y ← b + X·Wᵀ
        _blas.Sgemm(false, true, batch, m, n, 1f, input, n, Weights, n, 1f, output, m);
    }

    internal override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, LayerState state)
    {
        int n = Inputs, m = Outputs;
        // ∂L/∂W += ∂L/∂Yᵀ · X
        _blas.Sgemm(true, false, m, n, batch, 1f, outputGradient, m, input, n, 1f, state.Gradients[0], n);
        float[] biasGradient = state.Gradients[1];
        for (int i = 0; i < batch; i++)
        {
            ReadOnlySpan<float> dy = outputGradient.Slice(i * m, m);
            for (int j = 0; j < m; j++)
                biasGradient[j] += dy[j];
        }
        // ∂L/∂X = ∂L/∂Y · W
        if (!inputGradient.IsEmpty)
            _blas.Sgemm(false, false, batch, n, m, 1f, outputGradient, m, Weights, n, 0f, inputGradient, n);
    }

    private static int CheckOutputs(int outputs)
    {
        Guard.InRange(outputs, 1, int.MaxValue);
        return outputs;
    }
}
