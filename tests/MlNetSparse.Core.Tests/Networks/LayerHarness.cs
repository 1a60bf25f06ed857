using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Layers;

namespace MlNetSparse.Tests.Core.Networks;

/// <summary>Runs one layer's forward and backward outside a network, on fresh state.</summary>
internal static class LayerHarness
{
    public static float[] Forward(Layer layer, float[] input, int batch, bool training = true, LayerState? state = null)
    {
        Assert.Equal(batch * layer.InputShape.Size, input.Length);
        state ??= new LayerState(layer, batch);
        state.Training = training;
        var output = new float[batch * layer.OutputShape.Size];
        output.AsSpan().Fill(float.NaN);
        layer.Forward(input, output, batch, state);
        return output;
    }

    /// <summary>∂L/∂input and ∂L/∂θ (one array per parameter) for ∂L/∂output = <paramref name="outputGradient"/>.</summary>
    public static (float[] InputGradient, float[][] ParameterGradients) Backward(Layer layer, float[] input,
        float[] outputGradient, int batch, bool training = true)
    {
        var state = new LayerState(layer, batch) { Training = training };
        float[] output = Forward(layer, input, batch, training, state);
        var inputGradient = new float[input.Length];
        inputGradient.AsSpan().Fill(float.NaN);
        layer.Backward(input, output, outputGradient, inputGradient, batch, state);
        return (inputGradient, state.Gradients);
    }

    public static float[] RandomFloats(Random random, int count, double scale = 1) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();

    public static void Randomize(Layer layer, Random random)
    {
        foreach (ParameterTensor p in layer.Parameters)
            RandomFloats(random, p.Values.Length).CopyTo(p.Values, 0);
    }
}
