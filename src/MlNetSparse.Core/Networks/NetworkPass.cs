using MlNetSparse.Core.Networks.Layers;

namespace MlNetSparse.Core.Networks;

/// <summary>
/// The memory of one forward/backward pass over up to <see cref="MaxBatch"/> samples: every layer's
/// output, two ping-pong buffers for the activation gradients, and each layer's state (scratch and
/// parameter-gradient accumulators). One per parallel chunk; allocated once per training run.
/// </summary>
/// <remarks>
/// A pass built to share another's working memory uses its layer outputs, activation gradients and
/// transient scratch, and keeps its own parameter gradients, output gradient and statistics: for chunks
/// that never run at the same time (those of one thread), whose results are read after all of them ran.
/// </remarks>
internal sealed class NetworkPass
{
    private readonly Network _network;
    private readonly float[][] _outputs;
    private readonly float[] _gradientA;
    private readonly float[] _gradientB;

    public NetworkPass(Network network, int maxBatch, NetworkPass? sharingWith = null)
    {
        if (sharingWith != null && (sharingWith._network != network || sharingWith.MaxBatch != maxBatch))
            throw new ArgumentException("A pass shares working memory only with a pass of the same network and batch.", nameof(sharingWith));
        _network = network;
        MaxBatch = maxBatch;
        int widest = network.Layers.Max(l => Math.Max(l.InputShape.Size, l.OutputShape.Size));
        _outputs = sharingWith?._outputs ?? network.Layers.Select(l => new float[maxBatch * l.OutputShape.Size]).ToArray();
        _gradientA = sharingWith?._gradientA ?? new float[maxBatch * widest];
        _gradientB = sharingWith?._gradientB ?? new float[maxBatch * widest];
        States = network.Layers.Select((l, i) => new LayerState(l, maxBatch,
            sharingWith == null || l.ScratchOutlivesThePass ? null : sharingWith.States[i].Scratch)).ToArray();
        ParameterGradients = States.SelectMany(s => s.Gradients).ToArray();
        OutputGradient = new float[maxBatch * network.OutputSize];
    }

    public int MaxBatch { get; }

    public LayerState[] States { get; }

    /// <summary>The gradient accumulators in <see cref="Network.Parameters"/> order.</summary>
    public float[][] ParameterGradients { get; }

    /// <summary>Room for ∂L/∂output of a chunk.</summary>
    public float[] OutputGradient { get; }

    /// <summary>Runs every layer; returns the last layer's output (batch × OutputSize).</summary>
    public Span<float> Forward(ReadOnlySpan<float> input, int batch, bool training)
    {
        ReadOnlySpan<float> x = input;
        for (int i = 0; i < _outputs.Length; i++)
        {
            States[i].Training = training;
            Layer layer = _network.Layers[i];
            Span<float> y = _outputs[i].AsSpan(0, batch * layer.OutputShape.Size);
            layer.Forward(x, y, batch, States[i]);
            x = y;
        }
        return _outputs[^1].AsSpan(0, batch * _network.OutputSize);
    }

    /// <summary>
    /// Back-propagates ∂L/∂output through the layers of the last <see cref="Forward"/>, adding the
    /// parameter gradients to the states' accumulators.
    /// </summary>
    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, int batch)
    {
        ReadOnlySpan<float> dy = outputGradient;
        float[] next = _gradientA;
        for (int i = _outputs.Length - 1; i >= 0; i--)
        {
            Layer layer = _network.Layers[i];
            ReadOnlySpan<float> x = i == 0 ? input : _outputs[i - 1].AsSpan(0, batch * layer.InputShape.Size);
            Span<float> dx = i == 0 ? Span<float>.Empty : next.AsSpan(0, batch * layer.InputShape.Size);
            layer.Backward(x, _outputs[i].AsSpan(0, batch * layer.OutputShape.Size), dy, dx, batch, States[i]);
            dy = dx;
            next = next == _gradientA ? _gradientB : _gradientA;
        }
    }

    public void ClearGradients()
    {
        foreach (LayerState state in States)
            state.ClearGradients();
    }

    /// <summary>Folds this pass's batch statistics into the layers (batch norm running averages).</summary>
    public void CommitStatistics()
    {
        for (int i = 0; i < States.Length; i++)
            _network.Layers[i].CommitStatistics(States[i]);
    }
}
