using System.Numerics.Tensors;

namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// Lays the receptive fields of one sample out as a (C·kh·kw) × (outH·outW) matrix, so a
/// convolution becomes one SGEMM; <see cref="AccumulateCol2Im"/> is its adjoint (sums overlapping
/// fields back), used for ∂L/∂input.
/// </summary>
internal static class Im2Col
{
    /// <summary>col[(c·kh + i)·kw + j, oy·outW + ox] = x[c, oy·s − p + i, ox·s − p + j], 0 outside.</summary>
    /// <remarks>Row r of the matrix starts at col[r·<paramref name="rowStride"/>] (default outH·outW), so the
    /// fields of several samples can sit side by side in one wide matrix.</remarks>
    public static void Expand(Conv2DGeometry g, ReadOnlySpan<float> sample, Span<float> col, int rowStride = 0)
    {
        int outH = g.OutputHeight, outW = g.OutputWidth, inH = g.InputHeight, inW = g.InputWidth;
        int kh = g.KernelHeight, kw = g.KernelWidth, stride = g.Stride, pad = g.Padding, pixels = outH * outW;
        if (rowStride == 0)
            rowStride = pixels;
        for (int c = 0; c < g.InChannels; c++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++)
                {
                    Span<float> row = col.Slice(((c * kh + i) * kw + j) * rowStride, pixels);
                    // Stride 1: x = ox − p + j, so the in-range ox form one run [first, last), copied whole.
                    int first = Math.Clamp(pad - j, 0, outW), last = Math.Clamp(inW + pad - j, first, outW);
                    for (int oy = 0; oy < outH; oy++)
                    {
                        int y = oy * stride - pad + i;
                        Span<float> outRow = row.Slice(oy * outW, outW);
                        if ((uint)y >= (uint)inH)
                        {
                            outRow.Clear();
                            continue;
                        }
                        ReadOnlySpan<float> inRow = sample.Slice((c * inH + y) * inW, inW);
                        if (stride == 1)
                        {
                            outRow[..first].Clear();
                            inRow.Slice(first - pad + j, last - first).CopyTo(outRow[first..]);
                            outRow[last..].Clear();
                            continue;
                        }
                        for (int ox = 0; ox < outW; ox++)
                        {
                            int x = ox * stride - pad + j;
                            outRow[ox] = (uint)x < (uint)inW ? inRow[x] : 0f;
                        }
                    }
                }
    }

    /// <summary>The adjoint of <see cref="Expand"/>: gradSample[c, y, x] += every col entry that read it.</summary>
    public static void AccumulateCol2Im(Conv2DGeometry g, ReadOnlySpan<float> col, Span<float> gradSample, int rowStride = 0)
    {
        int outH = g.OutputHeight, outW = g.OutputWidth, inH = g.InputHeight, inW = g.InputWidth;
        int kh = g.KernelHeight, kw = g.KernelWidth, stride = g.Stride, pad = g.Padding, pixels = outH * outW;
        if (rowStride == 0)
            rowStride = pixels;
        for (int c = 0; c < g.InChannels; c++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++)
                {
                    ReadOnlySpan<float> row = col.Slice(((c * kh + i) * kw + j) * rowStride, pixels);
                    int first = Math.Clamp(pad - j, 0, outW), last = Math.Clamp(inW + pad - j, first, outW);
                    for (int oy = 0; oy < outH; oy++)
                    {
                        int y = oy * stride - pad + i;
                        if ((uint)y >= (uint)inH)
                            continue;
                        Span<float> inRow = gradSample.Slice((c * inH + y) * inW, inW);
                        if (stride == 1)
                        {
                            // The run of in-range ox, added as one vector operation.
                            Span<float> target = inRow.Slice(first - pad + j, last - first);
                            TensorPrimitives.Add(target, row.Slice(oy * outW + first, last - first), target);
                            continue;
                        }
                        for (int ox = 0; ox < outW; ox++)
                        {
                            int x = ox * stride - pad + j;
                            if ((uint)x < (uint)inW)
                                inRow[x] += row[oy * outW + ox];
                        }
                    }
                }
    }
}
