using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// Lays the receptive fields of one sample out as a (C·kh·kw) × (outH·outW) matrix, so a
/// convolution becomes one SGEMM; <see cref="AccumulateCol2Im"/> is its adjoint (sums overlapping
/// fields back), used for ∂L/∂input.
/// </summary>
/// <remarks>
/// At stride 1 each matrix row is, per output row, one run of input read whole plus the padding's zeros.
/// The runs are 5 to 30 floats long in the networks this library builds, so they go through
/// <see cref="ShortRuns"/>, not span calls, which cost more than the copy itself at these lengths.
/// </remarks>
internal static class Im2Col
{
    /// <summary>col[(c·kh + i)·kw + j, oy·outW + ox] = x[c, oy·s − p + i, ox·s − p + j], 0 outside.</summary>
    /// <remarks>Row r of the matrix starts at col[r·<paramref name="rowStride"/>] (default outH·outW), so the
    /// fields of several samples can sit side by side in one wide matrix.</remarks>
    public static void Expand(Conv2DGeometry g, ReadOnlySpan<float> sample, Span<float> col, int rowStride = 0)
    {
        int outH = g.OutputHeight, outW = g.OutputWidth, inH = g.InputHeight, inW = g.InputWidth;
        int kh = g.KernelHeight, kw = g.KernelWidth, stride = g.Stride, pad = g.Padding, pixels = outH * outW;
        rowStride = CheckSizes(g, sample.Length, col.Length, rowStride);
        ref float x = ref MemoryMarshal.GetReference(sample);
        ref float matrix = ref MemoryMarshal.GetReference(col);
        for (int c = 0; c < g.InChannels; c++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++)
                {
                    ref float row = ref Unsafe.Add(ref matrix, ((c * kh + i) * kw + j) * rowStride);
                    // Stride 1: x = ox − p + j, so the in-range ox form one run [first, last), copied whole.
                    int first = Math.Clamp(pad - j, 0, outW), last = Math.Clamp(inW + pad - j, first, outW);
                    for (int oy = 0; oy < outH; oy++)
                    {
                        int y = oy * stride - pad + i;
                        ref float outRow = ref Unsafe.Add(ref row, oy * outW);
                        if ((uint)y >= (uint)inH)
                        {
                            ShortRuns.Clear(ref outRow, outW);
                            continue;
                        }
                        ref float inRow = ref Unsafe.Add(ref x, (c * inH + y) * inW);
                        if (stride == 1)
                        {
                            ShortRuns.Clear(ref outRow, first);
                            ShortRuns.Copy(ref Unsafe.Add(ref inRow, first - pad + j), ref Unsafe.Add(ref outRow, first), last - first);
                            ShortRuns.Clear(ref Unsafe.Add(ref outRow, last), outW - last);
                            continue;
                        }
                        for (int ox = 0; ox < outW; ox++)
                        {
                            int xIndex = ox * stride - pad + j;
                            Unsafe.Add(ref outRow, ox) = (uint)xIndex < (uint)inW ? Unsafe.Add(ref inRow, xIndex) : 0f;
                        }
                    }
                }
    }

    /// <summary>The adjoint of <see cref="Expand"/>: gradSample[c, y, x] += every col entry that read it.</summary>
    public static void AccumulateCol2Im(Conv2DGeometry g, ReadOnlySpan<float> col, Span<float> gradSample, int rowStride = 0)
    {
        int outH = g.OutputHeight, outW = g.OutputWidth, inH = g.InputHeight, inW = g.InputWidth;
        int kh = g.KernelHeight, kw = g.KernelWidth, stride = g.Stride, pad = g.Padding;
        rowStride = CheckSizes(g, gradSample.Length, col.Length, rowStride);
        ref float gradient = ref MemoryMarshal.GetReference(gradSample);
        ref float matrix = ref MemoryMarshal.GetReference(col);
        for (int c = 0; c < g.InChannels; c++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++)
                {
                    ref float row = ref Unsafe.Add(ref matrix, ((c * kh + i) * kw + j) * rowStride);
                    int first = Math.Clamp(pad - j, 0, outW), last = Math.Clamp(inW + pad - j, first, outW);
                    for (int oy = 0; oy < outH; oy++)
                    {
                        int y = oy * stride - pad + i;
                        if ((uint)y >= (uint)inH)
                            continue;
                        ref float inRow = ref Unsafe.Add(ref gradient, (c * inH + y) * inW);
                        if (stride == 1)
                        {
                            // The run of in-range ox, added as one run.
                            ShortRuns.Add(ref Unsafe.Add(ref row, oy * outW + first), ref Unsafe.Add(ref inRow, first - pad + j), last - first);
                            continue;
                        }
                        for (int ox = 0; ox < outW; ox++)
                        {
                            int xIndex = ox * stride - pad + j;
                            if ((uint)xIndex < (uint)inW)
                                Unsafe.Add(ref inRow, xIndex) += Unsafe.Add(ref row, oy * outW + ox);
                        }
                    }
                }
    }

    // The unchecked accesses above stay inside a sample of g.InputSize floats and a matrix of
    // PatchSize rows rowStride apart, each g.OutputPixels long; returns the row stride.
    private static int CheckSizes(Conv2DGeometry g, int sampleLength, int columnLength, int rowStride)
    {
        int pixels = g.OutputPixels;
        if (rowStride == 0)
            rowStride = pixels;
        Guard.InRange(rowStride, pixels, int.MaxValue);
        if (sampleLength < g.InputSize)
            throw new ArgumentException($"The sample holds {sampleLength} floats; the geometry needs {g.InputSize}.", "sample");
        long needed = (long)(g.PatchSize - 1) * rowStride + pixels;
        if (columnLength < needed)
            throw new ArgumentException($"The column matrix holds {columnLength} floats; the geometry needs {needed}.", "col");
        return rowStride;
    }
}
