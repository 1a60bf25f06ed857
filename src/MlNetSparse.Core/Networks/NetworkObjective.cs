using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Core.Networks;

/// <summary>
/// The training loss of a network as a function of some of its parameter tensors, the others held
/// fixed: f(θ) = (1/m) Σᵢ ℓ(network(xᵢ); yᵢ), θ = the chosen tensors' values end to end. It is an
/// <see cref="IDifferentiableObjective"/>, so every solver of this library trains it: IHT with H_s
/// sparsifies one layer's weights, RVSCGD any prox of them.
/// </summary>
/// <remarks>
/// <para>The gradient is the back-propagated one, coarse through binarized activations
/// (docs/algorithms.md#coarse-gradients). Samples run in chunks of
/// <see cref="Training.NetworkTrainer.ChunkSize"/> as in training (batch normalisation uses each
/// chunk's statistics and leaves its running statistics alone), one after another, so f and ∇f are
/// deterministic functions of θ.</para>
/// <para>Every evaluation writes θ into the chosen tensors; call <see cref="CopyToNetwork"/> with
/// the solution at the end. Owns its buffers: allocates nothing per evaluation; not thread-safe.</para>
/// </remarks>
public sealed class NetworkObjective : IDifferentiableObjective
{
    private readonly Network _network;
    private readonly IMarginLoss _loss;
    private readonly float[] _inputs, _labels;
    private readonly ParameterTensor[] _tensors;
    private readonly int[] _tensorIndices; // position of each chosen tensor in Network.Parameters
    private readonly NetworkPass _pass;

    /// <summary>f for <paramref name="count"/> samples, over the tensors <paramref name="tensors"/>.</summary>
    /// <param name="network">The network; its other parameters stay as they are.</param>
    /// <param name="loss">ℓ on the network's outputs (<see cref="IMarginLoss.OutputCount"/> = <see cref="Network.OutputSize"/>).</param>
    /// <param name="inputs">count × InputShape.Size floats.</param>
    /// <param name="labels">count labels valid for <paramref name="loss"/>.</param>
    /// <param name="count">Samples (≥ 1).</param>
    /// <param name="tensors">The tensors θ is made of (at least one, each of <see cref="Network.Parameters"/>, none twice).</param>
    /// <exception cref="ArgumentException">Sizes that do not match, an invalid label (its row is named), or a tensor not of this network.</exception>
    public NetworkObjective(Network network, IMarginLoss loss, float[] inputs, float[] labels, int count, IReadOnlyList<ParameterTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(tensors);
        NetworkHead.Check(network, loss);
        Guard.InRange(count, 1, int.MaxValue / network.InputShape.Size);
        Guard.Length(inputs.Length, count * network.InputShape.Size, nameof(inputs));
        Guard.Length(labels.Length, count, nameof(labels));
        NetworkHead.CheckLabels(loss, labels, nameof(labels));
        if (tensors.Count == 0)
            throw new ArgumentException("tensors must name at least one parameter tensor; got none.", nameof(tensors));
        _tensorIndices = new int[tensors.Count];
        for (int t = 0; t < tensors.Count; t++)
        {
            int index = IndexOf(network.Parameters, tensors[t]);
            if (index < 0)
                throw new ArgumentException($"tensors[{t}] ({tensors[t]?.Name}) is not a parameter tensor of this network.", nameof(tensors));
            if (Array.IndexOf(_tensorIndices, index, 0, t) >= 0)
                throw new ArgumentException($"tensors[{t}] ({tensors[t].Name}) is listed twice.", nameof(tensors));
            _tensorIndices[t] = index;
        }
        _network = network;
        _loss = loss;
        _inputs = inputs;
        _labels = labels;
        _tensors = [.. tensors];
        ParameterCount = _tensors.Sum(t => t.Values.Length);
        _pass = new NetworkPass(network, Math.Min(Training.NetworkTrainer.ChunkSize, count));
        SampleCount = count;
    }

    /// <summary>m, the number of samples.</summary>
    public int SampleCount { get; }

    /// <inheritdoc/>
    public int ParameterCount { get; }

    /// <summary>θ as the network holds it now: the chosen tensors' values end to end.</summary>
    public float[] CopyFromNetwork()
    {
        var parameters = new float[ParameterCount];
        int offset = 0;
        foreach (ParameterTensor tensor in _tensors)
        {
            tensor.Values.CopyTo(parameters, offset);
            offset += tensor.Values.Length;
        }
        return parameters;
    }

    /// <summary>Writes θ into the chosen tensors.</summary>
    /// <exception cref="ArgumentException">θ's length is not <see cref="ParameterCount"/>.</exception>
    public void CopyToNetwork(ReadOnlySpan<float> parameters)
    {
        Guard.Length(parameters.Length, ParameterCount, nameof(parameters));
        int offset = 0;
        foreach (ParameterTensor tensor in _tensors)
        {
            parameters.Slice(offset, tensor.Values.Length).CopyTo(tensor.Values);
            offset += tensor.Values.Length;
        }
    }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<float> parameters)
    {
        CopyToNetwork(parameters);
        double total = 0;
        for (int start = 0; start < SampleCount; start += _pass.MaxBatch)
        {
            int size = Math.Min(_pass.MaxBatch, SampleCount - start);
            Span<float> output = _pass.Forward(Chunk(start, size), size, training: true);
            total += _loss.WeightedLoss(output, _labels.AsSpan(start, size), default);
        }
        return total / SampleCount;
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        Guard.Length(gradient.Length, ParameterCount, nameof(gradient));
        CopyToNetwork(parameters);
        gradient.Clear();
        double total = 0, scale = 1.0 / SampleCount;
        for (int start = 0; start < SampleCount; start += _pass.MaxBatch)
        {
            int size = Math.Min(_pass.MaxBatch, SampleCount - start);
            ReadOnlySpan<float> x = Chunk(start, size);
            Span<float> output = _pass.Forward(x, size, training: true);
            Span<float> outputGradient = _pass.OutputGradient.AsSpan(0, output.Length);
            // ∂f/∂output = (1/m)·∂ℓ/∂z, then back through the layers
            total += NetworkHead.LossAndOutputGradient(_loss, output, _labels.AsSpan(start, size), scale, outputGradient);
            _pass.ClearGradients();
            _pass.Backward(x, outputGradient, size);
            AddChosenGradients(gradient);
        }
        return total / SampleCount;
    }

    private ReadOnlySpan<float> Chunk(int start, int size)
        => _inputs.AsSpan(start * _network.InputShape.Size, size * _network.InputShape.Size);

    // gradient += this chunk's ∂f/∂θ, tensor by tensor.
    private void AddChosenGradients(Span<float> gradient)
    {
        int offset = 0;
        foreach (int index in _tensorIndices)
        {
            float[] part = _pass.ParameterGradients[index];
            Span<float> slice = gradient.Slice(offset, part.Length);
            for (int i = 0; i < part.Length; i++)
                slice[i] += part[i];
            offset += part.Length;
        }
    }

    private static int IndexOf(IReadOnlyList<ParameterTensor> parameters, ParameterTensor? tensor)
    {
        for (int i = 0; i < parameters.Count; i++)
            if (ReferenceEquals(parameters[i], tensor))
                return i;
        return -1;
    }
}
