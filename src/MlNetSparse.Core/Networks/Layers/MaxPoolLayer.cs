using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// Max pooling: y[c, i, j] = max over the window at (i·stride, j·stride). The gradient goes to the
/// window's first maximal entry (row-major), the choice backward and forward agree on.
/// </summary>
/// <remarks>
/// LeNet's 2×2 windows at stride 2 run four windows at a time where a row has at least four: the four
/// entries of each window are split out of two rows by shuffles and compared in the scalar order, with
/// selects instead of branches. After a binarized activation the entries are 0s and 1s, and which one wins
/// is a coin flip a branch predictor cannot learn. Both paths give the same values, bit for bit.
/// </remarks>
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

    // Four 2×2 windows at once read 8 entries of each of two rows: rows of at least 4 windows.
    private const int Windows4 = 4;

    private bool FourWindowsAtOnce => Geometry.Size == 2 && Geometry.Stride == 2 && Geometry.Output.Width >= Windows4;

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, LayerState state)
    {
        PoolGeometry g = Geometry;
        int planes = batch * g.Input.Channels, inPlane = g.Input.Height * g.Input.Width, outW = g.Output.Width, outH = g.Output.Height;
        bool vector = FourWindowsAtOnce;
        for (int p = 0; p < planes; p++)
        {
            ReadOnlySpan<float> x = input.Slice(p * inPlane, inPlane);
            Span<float> y = output.Slice(p * outH * outW, outH * outW);
            for (int i = 0; i < outH; i++)
            {
                if (vector)
                {
                    ref float top = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), 2 * i * g.Input.Width);
                    ref float bottom = ref Unsafe.Add(ref top, g.Input.Width);
                    ref float row = ref Unsafe.Add(ref MemoryMarshal.GetReference(y), i * outW);
                    // Blocks of 4 windows; the last block overlaps the one before it and rewrites the same values.
                    for (int j = 0; ; j = Math.Min(j + Windows4, outW - Windows4))
                    {
                        Windows(ref top, ref bottom, j).Max.StoreUnsafe(ref row, (nuint)j);
                        if (j == outW - Windows4)
                            break;
                    }
                    continue;
                }
                for (int j = 0; j < outW; j++)
                    y[i * outW + j] = x[ArgMax(x, i, j)];
            }
        }
    }

    internal override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, LayerState state)
    {
        if (inputGradient.IsEmpty)
            return;
        PoolGeometry g = Geometry;
        int planes = batch * g.Input.Channels, inPlane = g.Input.Height * g.Input.Width, outW = g.Output.Width, outH = g.Output.Height;
        bool vector = FourWindowsAtOnce;
        // The vector path writes every entry its windows cover (0 or the window's gradient); entries no window
        // covers (an odd last row or column) and the scalar path's sums need a cleared start.
        if (!vector || g.Input.Width != 2 * outW || g.Input.Height != 2 * outH)
            inputGradient.Slice(0, planes * inPlane).Clear();
        for (int p = 0; p < planes; p++)
        {
            ReadOnlySpan<float> x = input.Slice(p * inPlane, inPlane);
            ReadOnlySpan<float> dy = outputGradient.Slice(p * outH * outW, outH * outW);
            Span<float> dx = inputGradient.Slice(p * inPlane, inPlane);
            for (int i = 0; i < outH; i++)
            {
                if (vector)
                {
                    int offset = 2 * i * g.Input.Width;
                    ref float top = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), offset);
                    ref float bottom = ref Unsafe.Add(ref top, g.Input.Width);
                    ref float topGradient = ref Unsafe.Add(ref MemoryMarshal.GetReference(dx), offset);
                    ref float bottomGradient = ref Unsafe.Add(ref topGradient, g.Input.Width);
                    ref float rowGradient = ref Unsafe.Add(ref MemoryMarshal.GetReference(dy), i * outW);
                    for (int j = 0; ; j = Math.Min(j + Windows4, outW - Windows4))
                    {
                        RouteGradient(Windows(ref top, ref bottom, j), Vector128.LoadUnsafe(ref rowGradient, (nuint)j),
                            ref topGradient, ref bottomGradient, j);
                        if (j == outW - Windows4)
                            break;
                    }
                    continue;
                }
                for (int j = 0; j < outW; j++)
                    dx[ArgMax(x, i, j)] += dy[i * outW + j];
            }
        }
    }

    // Four 2×2 windows from column 2j of two rows: the maxima, and which entry won each (the scalar order:
    // top-left, top-right, bottom-left, bottom-right; a later one wins only if strictly greater).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<float> Max, Vector128<float> TookB, Vector128<float> TookC, Vector128<float> TookD) Windows(
        ref float top, ref float bottom, int j)
    {
        (Vector128<float> a, Vector128<float> b) = EvensAndOdds(ref top, 2 * j);
        (Vector128<float> c, Vector128<float> d) = EvensAndOdds(ref bottom, 2 * j);
        Vector128<float> tookB = Vector128.GreaterThan(b, a), max = Vector128.ConditionalSelect(tookB, b, a);
        Vector128<float> tookC = Vector128.GreaterThan(c, max);
        max = Vector128.ConditionalSelect(tookC, c, max);
        Vector128<float> tookD = Vector128.GreaterThan(d, max);
        max = Vector128.ConditionalSelect(tookD, d, max);
        return (max, tookB, tookC, tookD);
    }

    // dx of the 8 entries of each row: the window's gradient at its winner, 0 elsewhere. "0 + g", as the scalar
    // path's sum into a cleared array gives it (−0 becomes +0).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RouteGradient((Vector128<float> Max, Vector128<float> TookB, Vector128<float> TookC, Vector128<float> TookD) w,
        Vector128<float> dy, ref float topGradient, ref float bottomGradient, int j)
    {
        Vector128<float> zero = Vector128<float>.Zero;
        Vector128<float> winsD = w.TookD, winsC = Vector128.AndNot(w.TookC, winsD);
        Vector128<float> winsB = Vector128.AndNot(Vector128.AndNot(w.TookB, w.TookC), winsD);
        Vector128<float> winsA = ~(w.TookB | w.TookC | winsD);
        Interleave(zero + Vector128.ConditionalSelect(winsA, dy, zero), zero + Vector128.ConditionalSelect(winsB, dy, zero), ref topGradient, 2 * j);
        Interleave(zero + Vector128.ConditionalSelect(winsC, dy, zero), zero + Vector128.ConditionalSelect(winsD, dy, zero), ref bottomGradient, 2 * j);
    }

    // row[at..at+8) split into its even and odd entries.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<float> Evens, Vector128<float> Odds) EvensAndOdds(ref float row, int at)
    {
        Vector256<float> split = Vector256.Shuffle(Vector256.LoadUnsafe(ref row, (nuint)at), Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7));
        return (split.GetLower(), split.GetUpper());
    }

    // row[at..at+8) ← evens and odds interleaved again.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Interleave(Vector128<float> evens, Vector128<float> odds, ref float row, int at)
        => Vector256.Shuffle(Vector256.Create(evens, odds), Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7)).StoreUnsafe(ref row, (nuint)at);

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
