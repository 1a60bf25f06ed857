using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Core.Objectives;

/// <summary>
/// The same f as <see cref="LinearModelObjective"/> with <see cref="SoftmaxCrossEntropyLoss"/>,
/// f(θ) = (1/m) Σᵢ [log Σ_c exp(z_ic) − z_iyᵢ], z_i = W·xᵢ + b, θ = [W (k×n), b (k)], for small
/// dense problems (the paper's IRIS study: 120 × 4, 3 classes): the operator and the loss fused into
/// three short loops over the rows, eight rows at a time in the lanes of a 256-bit vector.
/// </summary>
/// <remarks>
/// <para>Why fused: written as whole-array steps (a margin pass per weight, then max, subtract, exp, add, log, divide
/// passes per class, then a dot product per gradient entry), an IRIS evaluation was ~55 passes over 120 floats, each
/// with its call, its tail and a store read back by the next, 86 % of an IHT step. Here (1) one loop writes each
/// block's margins z_c = b_c + Σⱼ W[c, j]·xⱼ and row maximum μ and adds up μ − z_y; (2) one takes e_c = exp(z_c − μ)
/// for every block and class, which has no dependency from one block to the next, so the CPU overlaps them; (3) one
/// multiplies the row sums S = Σ_c e_c into the loss and adds r_c·xⱼ and r_c, with r_c = e_c / S − y_c, to the
/// gradient's accumulators. The scratch is a few vectors per block, in L1.</para>
/// <para>Rounding: the gradient accumulates in float per lane; the loss in double (its rounding decides whether a step is
/// accepted), with its logs taken once per lane (see <see cref="Evaluate"/>); both are summed across lanes at the end.
/// exp and log are <see cref="FloatVectorMath"/>'s, within 2 ulps. The kernel is <see cref="Vector256{T}"/> on every
/// CPU, so its results are the same bits on AVX2 and AVX-512 machines (512-bit vectors measured no faster here);
/// where 256-bit vectors are not hardware-accelerated the same arithmetic runs in software.</para>
/// <para>Storage: the rows in blocks of eight, padded with zero rows of weight 0 (they add nothing to f or ∇f), and
/// the scratch, in one 64-byte-aligned pinned buffer (<see cref="AlignedPinnedFloats"/>). Meant for small n and k
/// (k·(n + 1) accumulators). One evaluation allocates nothing; not thread-safe.</para>
/// </remarks>
public sealed unsafe class DenseSoftmaxObjective : ILinearModelObjective, IDiagonalCurvature
{
    private const int Lanes = 8; // Vector256<float>.Count

    // One aligned, pinned buffer of vectors (a vector load never straddles a cache line): first the rows in blocks
    // of eight, one block after another, each the n feature vectors xⱼ, the k label masks y_c (1 where the row's class
    // is c) and the row weight (1 on data rows, 0 on the padding rows of the last block); then the scratch of a pass.
    private readonly AlignedPinnedFloats _storage;
    private readonly int _broadcastAt, _accumulatorsAt, _marginsAt, _maximaAt; // where each scratch starts, in vectors
    private readonly int _rows, _blockCount, _blockLength;

    /// <summary>Builds f from row-major features (m×n) and class indices 0…k−1.</summary>
    /// <exception cref="ArgumentException">A label is not a class index (its row is named).</exception>
    public DenseSoftmaxObjective(ReadOnlySpan<float> rowMajorFeatures, int rowCount, int featureCount, ReadOnlySpan<float> labels, int classCount)
    {
        Guard.InRange(rowCount, 1, int.MaxValue);
        Guard.InRange(featureCount, 1, int.MaxValue);
        Guard.InRange(classCount, 2, int.MaxValue);
        Guard.Length(rowMajorFeatures.Length, checked(rowCount * featureCount), nameof(rowMajorFeatures));
        Guard.Length(labels.Length, rowCount, nameof(labels));
        var loss = new SoftmaxCrossEntropyLoss(classCount);
        Layout = new LinearModelLayout(classCount, featureCount);
        _rows = rowCount;
        _blockCount = (rowCount + Lanes - 1) / Lanes;
        _blockLength = featureCount + classCount + 1;
        _broadcastAt = checked(_blockCount * _blockLength);
        _accumulatorsAt = _broadcastAt + Layout.ParameterCount;
        _marginsAt = _accumulatorsAt + Layout.ParameterCount;
        _maximaAt = checked(_marginsAt + _blockCount * classCount);
        _storage = new AlignedPinnedFloats(checked((_maximaAt + _blockCount) * Lanes));
        Span<float> blocks = _storage.Span;
        for (int i = 0; i < rowCount; i++)
        {
            if (!loss.IsValidLabel(labels[i]))
                throw new ArgumentException($"labels[{i}] must be {loss.LabelDescription}; got {labels[i]}.", nameof(labels));
            int block = i / Lanes * _blockLength * Lanes, lane = i % Lanes;
            for (int j = 0; j < featureCount; j++)
                blocks[block + j * Lanes + lane] = rowMajorFeatures[i * featureCount + j];
            blocks[block + (featureCount + (int)labels[i]) * Lanes + lane] = 1f;
            blocks[block + (featureCount + classCount) * Lanes + lane] = 1f;
        }
    }

    /// <summary>Where weights and biases sit in θ.</summary>
    public LinearModelLayout Layout { get; }

    /// <inheritdoc/>
    public int ParameterCount => Layout.ParameterCount;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<float> parameters)
    {
        Guard.Length(parameters.Length, ParameterCount, nameof(parameters));
        return Evaluate(parameters, gradient: default, withGradient: false);
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        Guard.Length(parameters.Length, ParameterCount, nameof(parameters));
        Guard.Length(gradient.Length, ParameterCount, nameof(gradient));
        return Evaluate(parameters, gradient, withGradient: true);
    }

    /// <inheritdoc/>
    /// <remarks>∂²f/∂W[c, j]² ≤ ¼·mean(X[:, j]²), ∂²f/∂b_c² ≤ ¼ (as <see cref="LinearModelObjective"/>).</remarks>
    public void DiagonalCurvatureBounds(Span<float> destination)
    {
        Guard.Length(destination.Length, ParameterCount, nameof(destination));
        for (int j = 0; j < Layout.FeatureCount; j++)
        {
            Vector256<float> squares = Vector256<float>.Zero;
            for (int b = 0; b < _blockCount; b++)
            {
                Vector256<float> x = Vectors(b * _blockLength + j);
                squares = Vector256.FusedMultiplyAdd(x, x, squares);
            }
            float bound = 0.25f * Vector256.Sum(squares) / _rows;
            for (int c = 0; c < Layout.OutputCount; c++)
                destination[Layout.WeightIndex(c, j)] = bound;
        }
        for (int c = 0; c < Layout.OutputCount; c++)
            destination[Layout.BiasIndex(c)] = 0.25f;
    }

    // The three loops. θ's entries are broadcast once; the accumulators hold ∇f's k·(n + 1) entries per lane in θ's
    // own order (weights class by class, then biases), so the final lane sums land at their indices.
    //
    // f = (1/m) Σᵢ [log Sᵢ + μᵢ − z_iyᵢ] with Sᵢ = Σ_c exp(z_ic − μᵢ) ∈ [1, k]. The logs are not taken per row: each
    // lane multiplies its S's together, moving the product's binary exponent into an integer sum after every block
    // so it never overflows, and one log of all lanes' products is taken at the end (Σ log S = log Π S, rounded as
    // finely as summing the logs).
    private double Evaluate(ReadOnlySpan<float> parameters, Span<float> gradient, bool withGradient)
    {
        int k = Layout.OutputCount, n = Layout.FeatureCount;
        ref Vector256<float> theta = ref Vectors(_broadcastAt);
        ref Vector256<float> sums = ref Vectors(_accumulatorsAt);
        for (int p = 0; p < parameters.Length; p++)
        {
            Unsafe.Add(ref theta, p) = Vector256.Create(parameters[p]);
            Unsafe.Add(ref sums, p) = Vector256<float>.Zero;
        }
        ref Vector256<float> biases = ref Unsafe.Add(ref theta, n * k);
        ref Vector256<float> biasSums = ref Unsafe.Add(ref sums, n * k);
        Vector256<double> shiftSum = Vector256<double>.Zero; // Σ (μ − z_y), in double: f's rounding decides whether a step is accepted
        Vector256<float> product = Vector256<float>.One;     // Π S, as mantissa ∈ [1, 2) …
        Vector256<int> productExponent = Vector256<int>.Zero; // … and binary exponent
        ref Vector256<float> margins = ref Vectors(_marginsAt); // z_c, then e_c, block by block
        ref Vector256<float> maxima = ref Vectors(_maximaAt);
        ref Vector256<float> first = ref Vectors(0);

        // 1. z_c = b_c + Σⱼ W[c, j]·xⱼ and μ = max_c z_c per block; Σ weight·(μ − z_y)
        ref Vector256<float> block = ref first;
        ref Vector256<float> z = ref margins;
        for (int b = 0; b < _blockCount; b++, block = ref Unsafe.Add(ref block, _blockLength))
        {
            ref Vector256<float> labels = ref Unsafe.Add(ref block, n);
            Vector256<float> max = Vector256.Create(float.NegativeInfinity), labelMargin = Vector256<float>.Zero;
            ref Vector256<float> w = ref theta;
            for (int c = 0; c < k; c++, z = ref Unsafe.Add(ref z, 1))
            {
                Vector256<float> margin = Unsafe.Add(ref biases, c);
                ref Vector256<float> x = ref block;
                for (int j = 0; j < n; j++, w = ref Unsafe.Add(ref w, 1), x = ref Unsafe.Add(ref x, 1))
                    margin = Vector256.FusedMultiplyAdd(w, x, margin);
                z = margin;
                max = Vector256.MaxNative(max, margin);
                labelMargin = Vector256.FusedMultiplyAdd(Unsafe.Add(ref labels, c), margin, labelMargin);
            }
            Unsafe.Add(ref maxima, b) = max;
            var (lower, upper) = Vector256.Widen(Unsafe.Add(ref block, n + k) * (max - labelMargin));
            shiftSum += lower + upper;
        }

        // 2. e_c = exp(z_c − μ): independent across blocks, so the CPU overlaps them
        z = ref margins;
        for (int b = 0; b < _blockCount; b++)
        {
            Vector256<float> max = Unsafe.Add(ref maxima, b);
            for (int c = 0; c < k; c++, z = ref Unsafe.Add(ref z, 1))
                z = FloatVectorMath.Exp(z - max);
        }

        // 3. S = Σ e into Π S; r_c = e_c·(weight / S) − y_c (0 on padding rows); ∇W[c, j] += r_c·xⱼ, ∇b_c += r_c
        block = ref first;
        ref Vector256<float> e = ref margins;
        for (int b = 0; b < _blockCount; b++, block = ref Unsafe.Add(ref block, _blockLength), e = ref Unsafe.Add(ref e, k))
        {
            Vector256<float> weight = Unsafe.Add(ref block, n + k), total = Vector256<float>.Zero;
            for (int c = 0; c < k; c++)
                total += Unsafe.Add(ref e, c);
            // Padding rows add a factor 1 to Π S. S − S is 0 unless S is not finite: then f is not either.
            shiftSum += Vector256.Widen(total - total).Lower;
            product *= Vector256.ConditionalSelect(Vector256.Equals(weight, Vector256<float>.Zero), Vector256<float>.One, total);
            Vector256<int> bits = product.AsInt32();
            productExponent += (bits >>> 23) - Vector256.Create(127);
            product = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();
            if (!withGradient)
                continue;
            ref Vector256<float> labels = ref Unsafe.Add(ref block, n);
            Vector256<float> scale = weight / total;
            ref Vector256<float> sum = ref sums;
            for (int c = 0; c < k; c++)
            {
                Vector256<float> residual = Vector256.FusedMultiplyAdd(Unsafe.Add(ref e, c), scale, -Unsafe.Add(ref labels, c));
                ref Vector256<float> x = ref block;
                for (int j = 0; j < n; j++, sum = ref Unsafe.Add(ref sum, 1), x = ref Unsafe.Add(ref x, 1))
                    sum = Vector256.FusedMultiplyAdd(residual, x, sum);
                Unsafe.Add(ref biasSums, c) += residual;
            }
        }
        if (withGradient)
        {
            float inverseRows = 1f / _rows;
            for (int p = 0; p < gradient.Length; p++)
                gradient[p] = Vector256.Sum(Unsafe.Add(ref sums, p)) * inverseRows;
        }
        // The lanes' mantissas (each in [1, 2)) multiplied in double (relative rounding below 1e-15), so one log serves
        // the whole pass.
        double mantissas = 1;
        for (int lane = 0; lane < Lanes; lane++)
            mantissas *= product[lane];
        double logProduct = Math.Log(mantissas) + Vector256.Sum(productExponent) * Math.Log(2);
        return (logProduct + Vector256.Sum(shiftSum)) / _rows;
    }

    private ref Vector256<float> Vectors(int at) => ref Unsafe.AsRef<Vector256<float>>(_storage.Start + at * Lanes);
}
