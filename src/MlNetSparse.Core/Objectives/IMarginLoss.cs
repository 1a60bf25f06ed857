using System.Buffers;

namespace MlNetSparse.Core.Objectives;

/// <summary>
/// A per-example loss ℓ(z; y) of a model's k outputs z and a label y: the margins z = W·x + b of a
/// linear model, or the last layer of a network. Every solver and model in this library sees its
/// output loss through this one contract (docs/architecture.md#objectives).
/// </summary>
/// <remarks>
/// <para>Two forms of the same function. Per row: <see cref="Value"/> and <see cref="ValueAndDerivative"/>.
/// Per block of rows, for the fused row passes and the network head: <see cref="WeightedLoss"/> and
/// <see cref="WeightedLossAndScaledDerivatives"/>, which work in place and need no per-row scratch.
/// A loss written outside this library only writes the per-row form; the block form then goes
/// through it row by row. The losses of this library write a vectorised block form whose rows
/// agree with the per-row form to rounding, and whose two block methods return the same sum bit
/// for bit (so a loss-only pass and a gradient pass agree).</para>
/// <para>Blocks are count×k row-major outputs with one label per row; empty <c>weights</c> means
/// every ωᵢ = 1. Implementations are stateless and thread-safe.</para>
/// </remarks>
public interface IMarginLoss
{
    /// <summary>k, the number of outputs per example (classes for softmax, 1 otherwise).</summary>
    int OutputCount { get; }

    /// <summary>True when <paramref name="label"/> is a label this loss accepts.</summary>
    bool IsValidLabel(float label);

    /// <summary>The labels this loss accepts, in words, for error messages.</summary>
    string LabelDescription { get; }

    /// <summary>An upper bound of ∂²ℓ/∂z_c² over all z, y and c (for per-coordinate curvature bounds).</summary>
    double CurvatureBound { get; }

    /// <summary>ℓ(z; y).</summary>
    double Value(ReadOnlySpan<float> margins, float label);

    /// <summary>ℓ(z; y), writing ∂ℓ/∂z_c into <paramref name="derivative"/>[c].</summary>
    double ValueAndDerivative(ReadOnlySpan<float> margins, float label, Span<float> derivative);

    /// <summary>Σᵢ ωᵢ ℓ(zᵢ; yᵢ) over a block of rows.</summary>
    /// <param name="margins">count×k outputs, row-major.</param>
    /// <param name="labels">count labels, one per row.</param>
    /// <param name="weights">count example weights ωᵢ, or empty for all 1.</param>
    double WeightedLoss(ReadOnlySpan<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights)
    {
        int k = OutputCount;
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
            total += (weights.IsEmpty ? 1.0 : weights[i]) * Value(margins.Slice(i * k, k), labels[i]);
        return total;
    }

    /// <summary>
    /// The same sum as <see cref="WeightedLoss"/>, overwriting each zᵢ with
    /// ωᵢ·<paramref name="scale"/>·∂ℓ/∂z (zᵢ; yᵢ).
    /// </summary>
    double WeightedLossAndScaledDerivatives(Span<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, double scale)
    {
        // Longer derivative rows come from the shared pool rather than the stack.
        const int StackLimit = 256;
        int k = OutputCount;
        float[]? rented = k > StackLimit ? ArrayPool<float>.Shared.Rent(k) : null;
        Span<float> derivative = rented is null ? stackalloc float[k] : rented.AsSpan(0, k);
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            Span<float> row = margins.Slice(i * k, k);
            double weight = weights.IsEmpty ? 1.0 : weights[i];
            total += weight * ValueAndDerivative(row, labels[i], derivative);
            for (int c = 0; c < k; c++)
                row[c] = (float)(derivative[c] * weight * scale);
        }
        if (rented is not null)
            ArrayPool<float>.Shared.Return(rented);
        return total;
    }
}
