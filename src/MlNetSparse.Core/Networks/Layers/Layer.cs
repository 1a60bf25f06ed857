namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// One layer of a network: a map from batches of <see cref="InputShape"/> samples to batches of
/// <see cref="OutputShape"/> samples (NCHW, row-major), with its backward pass.
/// </summary>
/// <remarks>
/// A layer holds parameters only; everything that changes during a pass (scratch, gradient
/// accumulators) lives in a <see cref="LayerState"/>, so chunks of a batch can run on different
/// threads against the same layer and be reduced in a fixed order.
/// </remarks>
public abstract class Layer
{
    /// <summary>Sets the shapes.</summary>
    protected Layer(TensorShape inputShape, TensorShape outputShape)
    {
        InputShape = inputShape;
        OutputShape = outputShape;
    }

    /// <summary>The shape of one input sample.</summary>
    public TensorShape InputShape { get; }

    /// <summary>The shape of one output sample.</summary>
    public TensorShape OutputShape { get; }

    /// <summary>The trainable tensors, in a fixed order (empty for parameter-free layers).</summary>
    public virtual IReadOnlyList<ParameterTensor> Parameters => [];

    /// <summary>A one-line description, e.g. "Conv 6@5×5 stride 1 pad 2 → 6×28×28".</summary>
    public abstract string Describe();

    /// <summary>Multiply-adds of one forward pass over one sample (for GFLOP/s accounting).</summary>
    public virtual long MultiplyAddsPerSample => 0;

    internal virtual int ScratchLength(int maxBatch) => 0;

    /// <summary>
    /// Whether the scratch holds something <see cref="CommitStatistics"/> reads after the pass (batch norm's
    /// statistics). Other layers' scratch lives from a Forward to its Backward only, so chunks that run one after
    /// another on one thread can share it, and their working memory stays in cache.
    /// </summary>
    internal virtual bool ScratchOutlivesThePass => false;

    /// <summary>output ← layer(input) for <paramref name="batch"/> samples.</summary>
    internal abstract void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, LayerState state);

    /// <summary>
    /// Given ∂L/∂output, adds ∂L/∂θ to <see cref="LayerState.Gradients"/> and writes ∂L/∂input
    /// (skipped when <paramref name="inputGradient"/> is empty: the first layer needs none).
    /// </summary>
    internal abstract void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, LayerState state);

    /// <summary>Folds statistics gathered by a training Forward into the layer (batch norm); called in chunk order.</summary>
    internal virtual void CommitStatistics(LayerState state)
    {
    }
}
