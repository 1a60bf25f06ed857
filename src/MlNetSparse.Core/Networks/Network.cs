using MlNetSparse.Core.Networks.Layers;
using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Core.Networks;

/// <summary>
/// A feed-forward network: the layers of an architecture built for one input shape, with their
/// parameters initialised from a seed (weights and biases U(±1/√fan-in), the common default).
/// </summary>
public sealed class Network
{
    /// <summary>Builds and initialises the layers.</summary>
    /// <param name="inputShape">The shape of one input sample.</param>
    /// <param name="architecture">The layers, first to last (at least one).</param>
    /// <param name="seed">Seed of the initial parameters.</param>
    /// <param name="blas">The SGEMM backend; <see cref="BlasBackend.Current"/> when null.</param>
    /// <exception cref="ArgumentException">An empty architecture, or a layer that does not fit its input
    /// (the message names the layer's position and the shapes).</exception>
    public Network(TensorShape inputShape, IReadOnlyList<LayerSpec> architecture, int seed = 0, IBlas? blas = null)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        Guard.InRange(inputShape.Channels, 1, int.MaxValue);
        Guard.InRange(inputShape.Height, 1, int.MaxValue);
        Guard.InRange(inputShape.Width, 1, int.MaxValue);
        if (architecture.Count == 0)
            throw new ArgumentException("Architecture must list at least one layer; got none.", nameof(architecture));
        Blas = blas ?? BlasBackend.Current;
        InputShape = inputShape;
        Architecture = architecture.ToArray();
        Layers = BuildLayers(inputShape, Architecture, Blas);
        Parameters = Layers.SelectMany(l => l.Parameters).ToArray();
        Initialize(seed);
    }

    /// <summary>The shape of one input sample.</summary>
    public TensorShape InputShape { get; }

    /// <summary>The specs the layers were built from.</summary>
    public IReadOnlyList<LayerSpec> Architecture { get; }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Every trainable tensor, layer by layer.</summary>
    public IReadOnlyList<ParameterTensor> Parameters { get; }

    /// <summary>Floats in one output sample.</summary>
    public int OutputSize => Layers[^1].OutputShape.Size;

    /// <summary>The SGEMM backend the layers use.</summary>
    public IBlas Blas { get; }

    /// <summary>Multiply-adds of one forward pass over one sample (convolutions and dense layers).</summary>
    public long MultiplyAddsPerSample => Layers.Sum(l => l.MultiplyAddsPerSample);

    /// <summary>One line per layer.</summary>
    public string Describe() =>
        $"input {InputShape}\n" + string.Join("\n", Layers.Select((l, i) => $"{i + 1,2}. {l.Describe()}"));

    /// <summary>outputs ← network(inputs) in inference mode (batch normalisation uses its running statistics).</summary>
    /// <param name="inputs">count × <see cref="InputShape"/>.Size floats.</param>
    /// <param name="count">Samples.</param>
    /// <param name="outputs">count × <see cref="OutputSize"/> floats, overwritten.</param>
    /// <param name="maxDegreeOfParallelism">Threads; −1 for all cores. Results do not depend on it.</param>
    public void Predict(ReadOnlySpan<float> inputs, int count, Span<float> outputs, int maxDegreeOfParallelism = -1)
    {
        Guard.InRange(count, 0, int.MaxValue / Math.Max(InputShape.Size, OutputSize));
        Guard.Length(inputs.Length, count * InputShape.Size, nameof(inputs));
        Guard.Length(outputs.Length, count * OutputSize, nameof(outputs));
        if (count == 0)
            return;
        new NetworkPredictor(this, maxDegreeOfParallelism).Predict(inputs, count, outputs);
    }

    private static Layer[] BuildLayers(TensorShape input, IReadOnlyList<LayerSpec> architecture, IBlas blas)
    {
        var layers = new Layer[architecture.Count];
        TensorShape shape = input;
        for (int i = 0; i < layers.Length; i++)
        {
            LayerSpec spec = architecture[i] ?? throw new ArgumentException($"Architecture layer {i + 1} is null.", nameof(architecture));
            try
            {
                layers[i] = spec.Build(shape, $"{spec.Kind}{i + 1}", blas);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException(
                    $"Architecture layer {i + 1} ({spec}) does not fit its input {shape}: {e.Message}", nameof(architecture), e);
            }
            shape = layers[i].OutputShape;
        }
        return layers;
    }

    private void Initialize(int seed)
    {
        var random = new Random(seed);
        foreach (Layer layer in Layers)
        {
            int fanIn = layer switch
            {
                Conv2DLayer conv => conv.Geometry.PatchSize,
                DenseLayer dense => dense.Inputs,
                _ => 0,
            };
            if (fanIn == 0)
                continue;
            float bound = 1f / MathF.Sqrt(fanIn);
            foreach (ParameterTensor p in layer.Parameters)
                for (int i = 0; i < p.Values.Length; i++)
                    p.Values[i] = (float)((random.NextDouble() * 2 - 1) * bound);
        }
    }
}
