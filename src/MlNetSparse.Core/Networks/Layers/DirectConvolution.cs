using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// A stride-1 convolution computed straight from a zero-padded copy of the input, with no im2col matrix:
/// the forward pass and the weight gradient, eight output columns per vector. For a layer with few input
/// channels and wide rows (LeNet's conv1: one channel, 6 filters, rows of 28) the im2col matrix is 25 times
/// the input and its SGEMM has 6 rows; reading the padded input in place does the same multiply-adds
/// without writing or packing that matrix.
/// </summary>
/// <remarks>
/// <para>Forward: tiles of 3 filters × 4 blocks of 8 columns keep 12 accumulators in registers; each
/// (c, i, j) loads 4 input vectors and broadcasts 3 weights. A row's last block starts at outW − 8 and
/// overlaps the one before, recomputing those outputs with the same sums. Each output is
/// Σ over (c, i, j) in that order by fused multiply-adds, plus the bias: the same bits on every machine.</para>
/// <para>Weight gradient: tiles of 2 filters × 5 kernel columns; each ∂L/∂y row is copied into whole blocks,
/// zero past outW, so every block is whole and none overlaps. Per sample, each weight's sum runs over rows and
/// blocks per lane, the lanes are added in a fixed tree, and the result is added to the gradient.</para>
/// </remarks>
internal sealed class DirectConvolution : IDirectConvolution
{
    private const int Lanes = 8;   // Vector256<float>: the same on AVX2 and AVX-512 machines, so the same bits
    private const int FilterTile = 3;
    private const int BlockTile = 4;
    private const int GradientFilterTile = 2;
    private const int GradientColumnTile = 5;

    private readonly Conv2DGeometry _g;

    public DirectConvolution(Conv2DGeometry geometry)
    {
        _g = geometry;
        Blocks = (geometry.OutputWidth + Lanes - 1) / Lanes;
        PaddedHeight = geometry.InputHeight + 2 * geometry.Padding;
        // Whole gradient blocks read 8·Blocks + kw − 1 columns; the forward's overlapped last block no more than W + 2p.
        PaddedWidth = Math.Max(geometry.InputWidth + 2 * geometry.Padding, Lanes * Blocks + geometry.KernelWidth - 1);
    }

    /// <summary>
    /// Whether the direct path suits <paramref name="g"/>: stride 1, rows of at least 8 outputs with at most a
    /// quarter of the last block's lanes idle, and few input channels (the im2col SGEMM wins on deep inputs).
    /// </summary>
    public static bool Suits(Conv2DGeometry g)
    {
        int outW = g.OutputWidth, blocks = (outW + Lanes - 1) / Lanes;
        return g.Stride == 1 && outW >= Lanes && 4 * outW >= 3 * Lanes * blocks && g.InChannels <= 4;
    }

    /// <summary>Blocks of 8 columns per output row.</summary>
    public int Blocks { get; }

    /// <summary>Rows of one padded input channel: H + 2p.</summary>
    public int PaddedHeight { get; }

    /// <summary>Floats per padded input row: W + 2p, or more so whole gradient blocks stay inside.</summary>
    public int PaddedWidth { get; }

    /// <summary>Floats of one padded input sample.</summary>
    public int PaddedSampleSize => _g.InChannels * PaddedHeight * PaddedWidth;

    /// <summary>Floats of one sample's ∂L/∂y in whole blocks: the workspace of <see cref="AddWeightGradient"/>.</summary>
    public int WorkspaceSize => _g.OutChannels * _g.OutputHeight * Blocks * Lanes;

    /// <summary>
    /// padded (paddedHeight × paddedWidth per channel) ← the sample, p zeros above and to the left of it, and zeros
    /// everywhere else it does not cover.
    /// </summary>
    public static void Pad(Conv2DGeometry g, ReadOnlySpan<float> sample, Span<float> padded, int paddedHeight, int paddedWidth)
    {
        padded = padded[..(g.InChannels * paddedHeight * paddedWidth)];
        padded.Clear();
        for (int c = 0; c < g.InChannels; c++)
            for (int y = 0; y < g.InputHeight; y++)
                sample.Slice((c * g.InputHeight + y) * g.InputWidth, g.InputWidth)
                    .CopyTo(padded.Slice((c * paddedHeight + y + g.Padding) * paddedWidth + g.Padding));
    }

    /// <summary>padded ← the sample, p zeros on every side and zeros to the right of each row.</summary>
    public void Pad(ReadOnlySpan<float> sample, Span<float> padded) => Pad(_g, sample, padded, PaddedHeight, PaddedWidth);

    /// <summary>Nothing to prepare: the weights are read as they are.</summary>
    public void BeginForward(ReadOnlySpan<float> weights, Span<float> workspace)
    {
    }

    /// <summary>output[o, oy, ox] = bias[o] + Σ_{c,i,j} w[o, c, i, j]·padded[c, oy + i, ox + j], for one sample.</summary>
    public void Forward(ReadOnlySpan<float> padded, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> workspace, Span<float> output)
    {
        Conv2DGeometry g = _g;
        int outH = g.OutputHeight, outW = g.OutputWidth, filters = g.OutChannels, patch = g.PatchSize;
        if (padded.Length < PaddedSampleSize || weights.Length < g.WeightCount || bias.Length < filters || output.Length < g.OutputSize)
            throw new ArgumentException("The padded sample, weights, bias or output is shorter than the geometry needs.");
        ref float x = ref MemoryMarshal.GetReference(padded);
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float y = ref MemoryMarshal.GetReference(output);
        for (int oy = 0; oy < outH; oy++)
            for (int o0 = 0; o0 < filters; o0 += FilterTile)
            {
                // A short last tile repeats its last filter; the repeats are not stored.
                int o1 = Math.Min(o0 + 1, filters - 1), o2 = Math.Min(o0 + 2, filters - 1);
                for (int b0 = 0; b0 < Blocks; b0 += BlockTile)
                {
                    int s0 = Start(b0, outW), s1 = Start(Math.Min(b0 + 1, Blocks - 1), outW);
                    int s2 = Start(Math.Min(b0 + 2, Blocks - 1), outW), s3 = Start(Math.Min(b0 + 3, Blocks - 1), outW);
                    Vector256<float> a00 = default, a01 = default, a02 = default, a03 = default;
                    Vector256<float> a10 = default, a11 = default, a12 = default, a13 = default;
                    Vector256<float> a20 = default, a21 = default, a22 = default, a23 = default;
                    // Pointers stepped through the loop and offsets as native integers: no index arithmetic per load.
                    ref float w0 = ref Unsafe.Add(ref w, o0 * patch);
                    nint w1 = (o1 - o0) * patch, w2 = (o2 - o0) * patch, n0 = s0, n1 = s1, n2 = s2, n3 = s3;
                    for (int c = 0; c < g.InChannels; c++)
                        for (int i = 0; i < g.KernelHeight; i++)
                        {
                            ref float input = ref Unsafe.Add(ref x, (c * PaddedHeight + oy + i) * PaddedWidth);
                            for (int j = 0; j < g.KernelWidth; j++)
                            {
                                var v0 = Vector256.Create(w0);
                                var v1 = Vector256.Create(Unsafe.Add(ref w0, w1));
                                var v2 = Vector256.Create(Unsafe.Add(ref w0, w2));
                                Vector256<float> p = Vector256.LoadUnsafe(ref Unsafe.Add(ref input, n0));
                                a00 = Vector256.FusedMultiplyAdd(v0, p, a00); a10 = Vector256.FusedMultiplyAdd(v1, p, a10); a20 = Vector256.FusedMultiplyAdd(v2, p, a20);
                                p = Vector256.LoadUnsafe(ref Unsafe.Add(ref input, n1));
                                a01 = Vector256.FusedMultiplyAdd(v0, p, a01); a11 = Vector256.FusedMultiplyAdd(v1, p, a11); a21 = Vector256.FusedMultiplyAdd(v2, p, a21);
                                p = Vector256.LoadUnsafe(ref Unsafe.Add(ref input, n2));
                                a02 = Vector256.FusedMultiplyAdd(v0, p, a02); a12 = Vector256.FusedMultiplyAdd(v1, p, a12); a22 = Vector256.FusedMultiplyAdd(v2, p, a22);
                                p = Vector256.LoadUnsafe(ref Unsafe.Add(ref input, n3));
                                a03 = Vector256.FusedMultiplyAdd(v0, p, a03); a13 = Vector256.FusedMultiplyAdd(v1, p, a13); a23 = Vector256.FusedMultiplyAdd(v2, p, a23);
                                input = ref Unsafe.Add(ref input, 1);
                                w0 = ref Unsafe.Add(ref w0, 1);
                            }
                        }
                    int blocks = Math.Min(BlockTile, Blocks - b0);
                    StoreRow(ref y, o0, oy, bias, blocks, s0, s1, s2, s3, a00, a01, a02, a03);
                    if (o0 + 1 < filters)
                        StoreRow(ref y, o0 + 1, oy, bias, blocks, s0, s1, s2, s3, a10, a11, a12, a13);
                    if (o0 + 2 < filters)
                        StoreRow(ref y, o0 + 2, oy, bias, blocks, s0, s1, s2, s3, a20, a21, a22, a23);
                }
            }
    }

    /// <summary>
    /// weightGradient[o, c, i, j] += Σ_{oy,ox} ∂L/∂y[o, oy, ox]·padded[c, oy + i, ox + j], for one sample;
    /// <paramref name="blockedGradient"/> is room for <see cref="WorkspaceSize"/> floats.
    /// </summary>
    public void AddWeightGradient(ReadOnlySpan<float> padded, ReadOnlySpan<float> outputGradient, Span<float> blockedGradient, Span<float> weightGradient)
    {
        Conv2DGeometry g = _g;
        int outH = g.OutputHeight, outW = g.OutputWidth, filters = g.OutChannels, patch = g.PatchSize, rowFloats = Blocks * Lanes;
        if (padded.Length < PaddedSampleSize || outputGradient.Length < g.OutputSize || blockedGradient.Length < WorkspaceSize
            || weightGradient.Length < g.WeightCount)
            throw new ArgumentException("The padded sample, gradients or room for them is shorter than the geometry needs.");
        // ∂L/∂y in whole blocks: zeros past outW add nothing.
        blockedGradient = blockedGradient[..WorkspaceSize];
        for (int row = 0; row < filters * outH; row++)
        {
            outputGradient.Slice(row * outW, outW).CopyTo(blockedGradient.Slice(row * rowFloats));
            blockedGradient.Slice(row * rowFloats + outW, rowFloats - outW).Clear();
        }
        ref float x = ref MemoryMarshal.GetReference(padded);
        ref float dy = ref MemoryMarshal.GetReference(blockedGradient);
        ref float dw = ref MemoryMarshal.GetReference(weightGradient);
        for (int o0 = 0; o0 < filters; o0 += GradientFilterTile)
        {
            int o1 = Math.Min(o0 + 1, filters - 1);
            for (int c = 0; c < g.InChannels; c++)
                for (int i = 0; i < g.KernelHeight; i++)
                    for (int j0 = 0; j0 < g.KernelWidth; j0 += GradientColumnTile)
                    {
                        // A short last tile repeats its last column; the repeats are not stored.
                        int last = g.KernelWidth - 1;
                        int j1 = Math.Min(j0 + 1, last), j2 = Math.Min(j0 + 2, last), j3 = Math.Min(j0 + 3, last), j4 = Math.Min(j0 + 4, last);
                        Vector256<float> a00 = default, a01 = default, a02 = default, a03 = default, a04 = default;
                        Vector256<float> a10 = default, a11 = default, a12 = default, a13 = default, a14 = default;
                        nint k1 = j1 - j0, k2 = j2 - j0, k3 = j3 - j0, k4 = j4 - j0, second = (o1 - o0) * outH * rowFloats;
                        ref float g0 = ref Unsafe.Add(ref dy, o0 * outH * rowFloats);
                        for (int oy = 0; oy < outH; oy++)
                        {
                            ref float input = ref Unsafe.Add(ref x, (c * PaddedHeight + oy + i) * PaddedWidth + j0);
                            for (int s = 0; s < rowFloats; s += Lanes)
                            {
                                Vector256<float> d0 = Vector256.LoadUnsafe(ref g0), d1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref g0, second));
                                Vector256<float> p = Vector256.LoadUnsafe(ref input);
                                a00 = Vector256.FusedMultiplyAdd(d0, p, a00); a10 = Vector256.FusedMultiplyAdd(d1, p, a10);
                                p = Vector256.LoadUnsafe(ref Unsafe.Add(ref input, k1));
                                a01 = Vector256.FusedMultiplyAdd(d0, p, a01); a11 = Vector256.FusedMultiplyAdd(d1, p, a11);
                                p = Vector256.LoadUnsafe(ref Unsafe.Add(ref input, k2));
                                a02 = Vector256.FusedMultiplyAdd(d0, p, a02); a12 = Vector256.FusedMultiplyAdd(d1, p, a12);
                                p = Vector256.LoadUnsafe(ref Unsafe.Add(ref input, k3));
                                a03 = Vector256.FusedMultiplyAdd(d0, p, a03); a13 = Vector256.FusedMultiplyAdd(d1, p, a13);
                                p = Vector256.LoadUnsafe(ref Unsafe.Add(ref input, k4));
                                a04 = Vector256.FusedMultiplyAdd(d0, p, a04); a14 = Vector256.FusedMultiplyAdd(d1, p, a14);
                                input = ref Unsafe.Add(ref input, Lanes);
                                g0 = ref Unsafe.Add(ref g0, Lanes);
                            }
                        }
                        int columns = Math.Min(GradientColumnTile, g.KernelWidth - j0);
                        int at = (c * g.KernelHeight + i) * g.KernelWidth + j0;
                        AddLanes(ref Unsafe.Add(ref dw, o0 * patch + at), columns, a00, a01, a02, a03, a04);
                        if (o0 + 1 < filters)
                            AddLanes(ref Unsafe.Add(ref dw, (o0 + 1) * patch + at), columns, a10, a11, a12, a13, a14);
                    }
        }
    }

    // The k-th block of a row: 8k, except the last, which ends at the row's end (and may overlap the one before).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Start(int block, int outW) => Math.Min(block * Lanes, outW - Lanes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StoreRow(ref float y, int o, int oy, ReadOnlySpan<float> bias, int blocks, int s0, int s1, int s2, int s3,
        Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3)
    {
        ref float row = ref Unsafe.Add(ref y, (o * _g.OutputHeight + oy) * _g.OutputWidth);
        var b = Vector256.Create(bias[o]);
        (a0 + b).StoreUnsafe(ref row, (nuint)s0);
        if (blocks > 1)
            (a1 + b).StoreUnsafe(ref row, (nuint)s1);
        if (blocks > 2)
            (a2 + b).StoreUnsafe(ref row, (nuint)s2);
        if (blocks > 3)
            (a3 + b).StoreUnsafe(ref row, (nuint)s3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddLanes(ref float target, int columns, Vector256<float> a0, Vector256<float> a1, Vector256<float> a2,
        Vector256<float> a3, Vector256<float> a4)
    {
        target += LongDotProducts.SumLanes(a0);
        if (columns > 1)
            Unsafe.Add(ref target, 1) += LongDotProducts.SumLanes(a1);
        if (columns > 2)
            Unsafe.Add(ref target, 2) += LongDotProducts.SumLanes(a2);
        if (columns > 3)
            Unsafe.Add(ref target, 3) += LongDotProducts.SumLanes(a3);
        if (columns > 4)
            Unsafe.Add(ref target, 4) += LongDotProducts.SumLanes(a4);
    }
}
