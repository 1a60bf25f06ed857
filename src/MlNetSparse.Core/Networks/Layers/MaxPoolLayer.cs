namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// Max pooling: y[c, i, j] = max over the window at (i·stride, j·stride). The gradient goes to the
/// window's first maximal entry (row-major), the choice backward and forward agree on.
/// </summary>
public sealed class MaxPoolLayer : Layer
{
    /// <summary>A pooling of the given shape.</summary>
    public MaxPoolLayer(PoolGeometry geometry)
        : base(geometry.Input, geometry.Output)
    {
        Geometry = geometry;
    }

    /// <summary>The window and stride.</summary>
    public PoolGeometry Geometry { get; }

    /// <inheritdoc/>
    public override string Describe() => $"MaxPool {Geometry.Size}×{Geometry.Size} stride {Geometry.Stride} → {OutputShape}";

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, LayerState state)
    {
        PoolGeometry g = Geometry;
        int planes = batch * g.Input.Channels, inPlane = g.Input.Height * g.Input.Width, outW = g.Output.Width;
        for (int p = 0; p < planes; p++)
        {
            ReadOnlySpan<float> x = input.Slice(p * inPlane, inPlane);
            Span<float> y = output.Slice(p * g.Output.Height * outW, g.Output.Height * outW);
            for (int i = 0; i < g.Output.Height; i++)
                for (int j = 0; j < outW; j++)
                    y[i * outW + j] = x[ArgMax(x, i, j)];
        }
    }

    internal override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, LayerState state)
    {
        if (inputGradient.IsEmpty)
            return;
        PoolGeometry g = Geometry;
        int planes = batch * g.Input.Channels, inPlane = g.Input.Height * g.Input.Width, outW = g.Output.Width;
        inputGradient.Slice(0, planes * inPlane).Clear();
        for (int p = 0; p < planes; p++)
        {
            ReadOnlySpan<float> x = input.Slice(p * inPlane, inPlane);
            ReadOnlySpan<float> dy = outputGradient.Slice(p * g.Output.Height * outW, g.Output.Height * outW);
            Span<float> dx = inputGradient.Slice(p * inPlane, inPlane);
            for (int i = 0; i < g.Output.Height; i++)
                for (int j = 0; j < outW; j++)
                    dx[ArgMax(x, i, j)] += dy[i * outW + j];
        }
    }

    // NaN never wins a comparison, so a window's NaN is passed over unless the whole window is NaN.
    private int ArgMax(ReadOnlySpan<float> plane, int i, int j)
    {
        PoolGeometry g = Geometry;
        int width = g.Input.Width, top = i * g.Stride, left = j * g.Stride;
        int best = top * width + left;
        if (g.Size == 2)
        {
            // LeNet's 2×2 window unrolled: the same comparisons, in the same order, as the loop below.
            int b = best + 1, c = best + width, d = c + 1;
            if (plane[b] > plane[best])
                best = b;
            if (plane[c] > plane[best])
                best = c;
            if (plane[d] > plane[best])
                best = d;
            return best;
        }
        for (int a = 0; a < g.Size; a++)
            for (int b = 0; b < g.Size; b++)
            {
                int index = (top + a) * width + left + b;
                if (plane[index] > plane[best])
                    best = index;
            }
        return best;
    }
}
