using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// A stride-1 convolution computed straight from a zero-padded copy of the input with the output channels
/// across the vector lanes: the forward pass and the weight gradient, for layers whose rows are too short to
/// fill vectors (LeNet's conv2: 16 filters, rows of 10 outputs) but whose filters come in eights. Where im2col
/// would copy each input value 25 times into a matrix that the SGEMM then packs again, this reads each once per
/// kernel position from the padded input, which stays in L1.
/// </summary>
/// <remarks>
/// <para>Forward: tiles of 5 pixels of a row × 16 filters keep 10 accumulators in registers; each (c, i, j)
/// loads the 16 filters' weights (two vectors, from weights laid out filter-last) and broadcasts 5 input values.
/// A row's last tile ends at the row's end and may overlap the one before, recomputing the same sums. The
/// tile's results are laid out pixel-major, then transposed into the NCHW output with the bias added. Each
/// output is Σ over (c, i, j) in that order by fused multiply-adds, plus the bias.</para>
/// <para>Weight gradient: tiles of 5 kernel columns × 16 filters; each pixel loads its 16 filters' ∂L/∂y (two
/// vectors, from ∂L/∂y transposed pixel-major) and broadcasts 5 input values. Each lane is one filter, so a
/// weight's sum over the sample's pixels runs in pixel order in one lane, then is added to the gradient.</para>
/// <para>Both use 8-float vectors on every machine, so AVX2 and AVX-512 machines give the same bits.</para>
/// </remarks>
internal sealed class ChannelVectorConvolution : IDirectConvolution
{
    private const int Lanes = 8;
    private const int FilterTile = 2 * Lanes;
    private const int PixelTile = 5;
    private const int ColumnTile = 5;

    private readonly Conv2DGeometry _g;

    public ChannelVectorConvolution(Conv2DGeometry geometry)
    {
        _g = geometry;
        PaddedHeight = geometry.InputHeight + 2 * geometry.Padding;
        PaddedWidth = geometry.InputWidth + 2 * geometry.Padding;
    }

    /// <summary>
    /// Whether this path suits <paramref name="g"/>: stride 1, filters in whole vectors and no more than 64 of them
    /// (beyond that the blocked SGEMM on im2col runs closer to its peak), and at least one tile of pixels per row.
    /// </summary>
    public static bool Suits(Conv2DGeometry g) =>
        g.Stride == 1 && g.OutChannels % Lanes == 0 && g.OutChannels <= 64 && g.OutputWidth >= PixelTile;

    /// <summary>Rows of one padded input channel: H + 2p.</summary>
    public int PaddedHeight { get; }

    /// <summary>Floats per padded input row: W + 2p.</summary>
    public int PaddedWidth { get; }

    /// <summary>Floats of one padded input sample.</summary>
    public int PaddedSampleSize => _g.InChannels * PaddedHeight * PaddedWidth;

    /// <summary>Floats of the weights laid out filter-last, plus one sample's outputs or ∂L/∂y laid out pixel-major.</summary>
    public int WorkspaceSize => _g.WeightCount + _g.OutputSize;

    /// <summary>padded ← the sample with p zeros on every side.</summary>
    public void Pad(ReadOnlySpan<float> sample, Span<float> padded) =>
        DirectConvolution.Pad(_g, sample, padded[..PaddedSampleSize], PaddedHeight, PaddedWidth);

    /// <summary>workspace's first WeightCount floats ← w laid out [c, i, j][o] (once per batch, before the samples' Forward).</summary>
    public void BeginForward(ReadOnlySpan<float> weights, Span<float> workspace)
    {
        int patch = _g.PatchSize, filters = _g.OutChannels;
        for (int o = 0; o < filters; o++)
            for (int r = 0; r < patch; r++)
                workspace[r * filters + o] = weights[o * patch + r];
    }

    /// <summary>
    /// output[o, oy, ox] = bias[o] + Σ_{c,i,j} w[o, c, i, j]·padded[c, oy + i, ox + j] for one sample, with the
    /// weights as <see cref="BeginForward"/> left them in <paramref name="workspace"/>.
    /// </summary>
    public void Forward(ReadOnlySpan<float> padded, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> workspace, Span<float> output)
    {
        Conv2DGeometry g = _g;
        int outH = g.OutputHeight, outW = g.OutputWidth, filters = g.OutChannels, pixels = g.OutputPixels;
        if (padded.Length < PaddedSampleSize || bias.Length < filters || workspace.Length < WorkspaceSize || output.Length < g.OutputSize)
            throw new ArgumentException("The padded sample, bias, workspace or output is shorter than the geometry needs.");
        ref float x = ref MemoryMarshal.GetReference(padded);
        ref float w = ref MemoryMarshal.GetReference(workspace);
        ref float byPixel = ref Unsafe.Add(ref w, g.WeightCount);
        for (int oy = 0; oy < outH; oy++)
            for (int ox = 0; ; ox = Math.Min(ox + PixelTile, outW - PixelTile))
            {
                for (int o = 0; o < filters; o += FilterTile)
                {
                    // Eight filters left: the tile's second vector repeats the first, and is not stored.
                    int o1 = Math.Min(o + Lanes, filters - Lanes);
                    Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default;
                    Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default;
                    // Pointers stepped through the loop, constant offsets inside it: no index arithmetic per load.
                    ref float weightRow = ref Unsafe.Add(ref w, o);
                    nint second = o1 - o;
                    for (int c = 0; c < g.InChannels; c++)
                        for (int i = 0; i < g.KernelHeight; i++)
                        {
                            ref float input = ref Unsafe.Add(ref x, (c * PaddedHeight + oy + i) * PaddedWidth + ox);
                            for (int j = 0; j < g.KernelWidth; j++)
                            {
                                Vector256<float> w0 = Vector256.LoadUnsafe(ref weightRow);
                                Vector256<float> w1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref weightRow, second));
                                var v = Vector256.Create(input);
                                a0 = Vector256.FusedMultiplyAdd(v, w0, a0); b0 = Vector256.FusedMultiplyAdd(v, w1, b0);
                                v = Vector256.Create(Unsafe.Add(ref input, 1));
                                a1 = Vector256.FusedMultiplyAdd(v, w0, a1); b1 = Vector256.FusedMultiplyAdd(v, w1, b1);
                                v = Vector256.Create(Unsafe.Add(ref input, 2));
                                a2 = Vector256.FusedMultiplyAdd(v, w0, a2); b2 = Vector256.FusedMultiplyAdd(v, w1, b2);
                                v = Vector256.Create(Unsafe.Add(ref input, 3));
                                a3 = Vector256.FusedMultiplyAdd(v, w0, a3); b3 = Vector256.FusedMultiplyAdd(v, w1, b3);
                                v = Vector256.Create(Unsafe.Add(ref input, 4));
                                a4 = Vector256.FusedMultiplyAdd(v, w0, a4); b4 = Vector256.FusedMultiplyAdd(v, w1, b4);
                                input = ref Unsafe.Add(ref input, 1);
                                weightRow = ref Unsafe.Add(ref weightRow, filters);
                            }
                        }
                    ref float tile = ref Unsafe.Add(ref byPixel, (oy * outW + ox) * filters + o);
                    a0.StoreUnsafe(ref tile); a1.StoreUnsafe(ref tile, (nuint)filters); a2.StoreUnsafe(ref tile, (nuint)(2 * filters));
                    a3.StoreUnsafe(ref tile, (nuint)(3 * filters)); a4.StoreUnsafe(ref tile, (nuint)(4 * filters));
                    if (o1 != o)
                    {
                        ref float upper = ref Unsafe.Add(ref tile, Lanes);
                        b0.StoreUnsafe(ref upper); b1.StoreUnsafe(ref upper, (nuint)filters); b2.StoreUnsafe(ref upper, (nuint)(2 * filters));
                        b3.StoreUnsafe(ref upper, (nuint)(3 * filters)); b4.StoreUnsafe(ref upper, (nuint)(4 * filters));
                    }
                }
                if (ox == outW - PixelTile)
                    break;
            }
        // Pixel-major to NCHW, then the bias.
        MatrixTranspose.Transpose(MemoryMarshal.CreateReadOnlySpan(ref byPixel, g.OutputSize), pixels, filters, output);
        for (int o = 0; o < filters; o++)
            TensorPrimitives.Add(output.Slice(o * pixels, pixels), bias[o], output.Slice(o * pixels, pixels));
    }

    /// <summary>weightGradient[o, c, i, j] += Σ_{oy,ox} ∂L/∂y[o, oy, ox]·padded[c, oy + i, ox + j], for one sample.</summary>
    public void AddWeightGradient(ReadOnlySpan<float> padded, ReadOnlySpan<float> outputGradient, Span<float> workspace, Span<float> weightGradient)
    {
        Conv2DGeometry g = _g;
        int outH = g.OutputHeight, outW = g.OutputWidth, filters = g.OutChannels, pixels = g.OutputPixels, patch = g.PatchSize;
        if (padded.Length < PaddedSampleSize || outputGradient.Length < g.OutputSize || workspace.Length < WorkspaceSize
            || weightGradient.Length < g.WeightCount)
            throw new ArgumentException("The padded sample, gradients or workspace is shorter than the geometry needs.");
        ref float x = ref MemoryMarshal.GetReference(padded);
        ref float dw = ref MemoryMarshal.GetReference(weightGradient);
        // ∂L/∂y pixel-major: the 16 filters of a pixel are two vector loads.
        ref float dy = ref Unsafe.Add(ref MemoryMarshal.GetReference(workspace), g.WeightCount);
        MatrixTranspose.Transpose(outputGradient, filters, pixels, workspace.Slice(g.WeightCount, g.OutputSize));
        int lastColumn = g.KernelWidth - 1;
        for (int o = 0; o < filters; o += FilterTile)
        {
            int o1 = Math.Min(o + Lanes, filters - Lanes);
            for (int c = 0; c < g.InChannels; c++)
                for (int i = 0; i < g.KernelHeight; i++)
                    for (int j0 = 0; j0 < g.KernelWidth; j0 += ColumnTile)
                    {
                        // A short last tile repeats its last column; the repeats are not stored.
                        int j1 = Math.Min(j0 + 1, lastColumn), j2 = Math.Min(j0 + 2, lastColumn);
                        int j3 = Math.Min(j0 + 3, lastColumn), j4 = Math.Min(j0 + 4, lastColumn);
                        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default;
                        Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default;
                        nint k1 = j1 - j0, k2 = j2 - j0, k3 = j3 - j0, k4 = j4 - j0, second = o1 - o;
                        ref float gradient = ref Unsafe.Add(ref dy, o);
                        for (int oy = 0; oy < outH; oy++)
                        {
                            ref float input = ref Unsafe.Add(ref x, (c * PaddedHeight + oy + i) * PaddedWidth + j0);
                            for (int ox = 0; ox < outW; ox++)
                            {
                                Vector256<float> d0 = Vector256.LoadUnsafe(ref gradient);
                                Vector256<float> d1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref gradient, second));
                                var v = Vector256.Create(input);
                                a0 = Vector256.FusedMultiplyAdd(v, d0, a0); b0 = Vector256.FusedMultiplyAdd(v, d1, b0);
                                v = Vector256.Create(Unsafe.Add(ref input, k1));
                                a1 = Vector256.FusedMultiplyAdd(v, d0, a1); b1 = Vector256.FusedMultiplyAdd(v, d1, b1);
                                v = Vector256.Create(Unsafe.Add(ref input, k2));
                                a2 = Vector256.FusedMultiplyAdd(v, d0, a2); b2 = Vector256.FusedMultiplyAdd(v, d1, b2);
                                v = Vector256.Create(Unsafe.Add(ref input, k3));
                                a3 = Vector256.FusedMultiplyAdd(v, d0, a3); b3 = Vector256.FusedMultiplyAdd(v, d1, b3);
                                v = Vector256.Create(Unsafe.Add(ref input, k4));
                                a4 = Vector256.FusedMultiplyAdd(v, d0, a4); b4 = Vector256.FusedMultiplyAdd(v, d1, b4);
                                input = ref Unsafe.Add(ref input, 1);
                                gradient = ref Unsafe.Add(ref gradient, filters);
                            }
                        }
                        int columns = Math.Min(ColumnTile, g.KernelWidth - j0), at = (c * g.KernelHeight + i) * g.KernelWidth + j0;
                        AddFilters(ref dw, patch, o, at, columns, a0, a1, a2, a3, a4);
                        if (o1 != o)
                            AddFilters(ref dw, patch, o1, at, columns, b0, b1, b2, b3, b4);
                    }
        }
    }

    // dw[o + l, at + k] += lane l of the k-th accumulator, for the tile's columns.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddFilters(ref float dw, int patch, int o, int at, int columns,
        Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3, Vector256<float> a4)
    {
        for (int l = 0; l < Lanes; l++)
        {
            ref float target = ref Unsafe.Add(ref dw, (o + l) * patch + at);
            target += a0.GetElement(l);
            if (columns > 1)
                Unsafe.Add(ref target, 1) += a1.GetElement(l);
            if (columns > 2)
                Unsafe.Add(ref target, 2) += a2.GetElement(l);
            if (columns > 3)
                Unsafe.Add(ref target, 3) += a3.GetElement(l);
            if (columns > 4)
                Unsafe.Add(ref target, 4) += a4.GetElement(l);
        }
    }
}
