namespace MlNetSparse.Core.Networks.Layers;

/// <summary>Average pooling: y[c, i, j] = the mean of the window at (i·stride, j·stride) (no padding).</summary>
public sealed class AveragePoolLayer : Layer
{
    /// <summary>A pooling of the given shape.</summary>
    public AveragePoolLayer(PoolGeometry geometry)
        : base(geometry.Input, geometry.Output)
    {
        Geometry = geometry;
    }

    /// <summary>The window and stride.</summary>
    public PoolGeometry Geometry { get; }

    /// <inheritdoc/>
    public override string Describe() => $"AveragePool {Geometry.Size}×{Geometry.Size} stride {Geometry.Stride} → {OutputShape}";

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, LayerState state)
    {
        PoolGeometry g = Geometry;
        int planes = batch * g.Input.Channels, inPlane = g.Input.Height * g.Input.Width;
        int outW = g.Output.Width, outPlane = g.Output.Height * outW, width = g.Input.Width;
        float scale = 1f / (g.Size * g.Size);
        for (int p = 0; p < planes; p++)
        {
            ReadOnlySpan<float> x = input.Slice(p * inPlane, inPlane);
            Span<float> y = output.Slice(p * outPlane, outPlane);
            for (int i = 0; i < g.Output.Height; i++)
                for (int j = 0; j < outW; j++)
                {
                    float sum = 0f;
                    for (int a = 0; a < g.Size; a++)
                        for (int b = 0; b < g.Size; b++)
                            sum += x[(i * g.Stride + a) * width + j * g.Stride + b];
                    y[i * outW + j] = sum * scale;
                }
        }
    }

    internal override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, LayerState state)
    {
        if (inputGradient.IsEmpty)
            return;
        PoolGeometry g = Geometry;
        int planes = batch * g.Input.Channels, inPlane = g.Input.Height * g.Input.Width;
        int outW = g.Output.Width, outPlane = g.Output.Height * outW, width = g.Input.Width;
        float scale = 1f / (g.Size * g.Size);
        inputGradient.Slice(0, planes * inPlane).Clear();
        for (int p = 0; p < planes; p++)
        {
            ReadOnlySpan<float> dy = outputGradient.Slice(p * outPlane, outPlane);
            Span<float> dx = inputGradient.Slice(p * inPlane, inPlane);
            for (int i = 0; i < g.Output.Height; i++)
                for (int j = 0; j < outW; j++)
                {
                    float share = dy[i * outW + j] * scale;
                    for (int a = 0; a < g.Size; a++)
                        for (int b = 0; b < g.Size; b++)
                            dx[(i * g.Stride + a) * width + j * g.Stride + b] += share;
                }
        }
    }
}
