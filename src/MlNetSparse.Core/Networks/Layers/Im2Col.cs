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
        int pixels = g.OutputPixels;
        if (rowStride == 0)
            rowStride = pixels;
        for (int c = 0; c < g.InChannels; c++)
            for (int i = 0; i < g.KernelHeight; i++)
                for (int j = 0; j < g.KernelWidth; j++)
                {
                    Span<float> row = col.Slice(((c * g.KernelHeight + i) * g.KernelWidth + j) * rowStride, pixels);
                    for (int oy = 0; oy < g.OutputHeight; oy++)
                    {
                        int y = oy * g.Stride - g.Padding + i;
                        Span<float> outRow = row.Slice(oy * g.OutputWidth, g.OutputWidth);
                        if ((uint)y >= (uint)g.InputHeight)
                        {
                            outRow.Clear();
                            continue;
                        }
                        ReadOnlySpan<float> inRow = sample.Slice((c * g.InputHeight + y) * g.InputWidth, g.InputWidth);
                        if (g.Stride == 1)
                        {
                            // x = ox − p + j: the in-range ox form one run, copied whole; the rest is padding.
                            int first = Math.Clamp(g.Padding - j, 0, g.OutputWidth);
                            int last = Math.Clamp(g.InputWidth + g.Padding - j, first, g.OutputWidth);
                            outRow[..first].Clear();
                            inRow.Slice(first - g.Padding + j, last - first).CopyTo(outRow[first..]);
                            outRow[last..].Clear();
                            continue;
                        }
                        for (int ox = 0; ox < g.OutputWidth; ox++)
                        {
                            int x = ox * g.Stride - g.Padding + j;
                            outRow[ox] = (uint)x < (uint)g.InputWidth ? inRow[x] : 0f;
                        }
                    }
                }
    }

    /// <summary>The adjoint of <see cref="Expand"/>: gradSample[c, y, x] += every col entry that read it.</summary>
    public static void AccumulateCol2Im(Conv2DGeometry g, ReadOnlySpan<float> col, Span<float> gradSample, int rowStride = 0)
    {
        int pixels = g.OutputPixels;
        if (rowStride == 0)
            rowStride = pixels;
        for (int c = 0; c < g.InChannels; c++)
            for (int i = 0; i < g.KernelHeight; i++)
                for (int j = 0; j < g.KernelWidth; j++)
                {
                    ReadOnlySpan<float> row = col.Slice(((c * g.KernelHeight + i) * g.KernelWidth + j) * rowStride, pixels);
                    for (int oy = 0; oy < g.OutputHeight; oy++)
                    {
                        int y = oy * g.Stride - g.Padding + i;
                        if ((uint)y >= (uint)g.InputHeight)
                            continue;
                        Span<float> inRow = gradSample.Slice((c * g.InputHeight + y) * g.InputWidth, g.InputWidth);
                        for (int ox = 0; ox < g.OutputWidth; ox++)
                        {
                            int x = ox * g.Stride - g.Padding + j;
                            if ((uint)x < (uint)g.InputWidth)
                                inRow[x] += row[oy * g.OutputWidth + ox];
                        }
                    }
                }
    }
}
