using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Core.Objectives;

/// <summary>
/// The training loss of a linear model (a one-layer network):
/// f(θ) = Σᵢ ωᵢ ℓ(W·xᵢ + b; yᵢ) / Σᵢ ωᵢ, θ = [W, b] (see <see cref="LinearModelLayout"/>),
/// with example weights ωᵢ (all 1 when none are given: the mean loss over the rows).
/// </summary>
/// <remarks>
/// Gradient: ∇_W f = Cᵀ·X and ∇_b f = Cᵀ·1 with C[i, c] = ωᵢ ∂ℓ/∂z_c (zᵢ; yᵢ) / Σω. One evaluation
/// is one pass over X (<see cref="IFeatureMatrix.LossAndGradient"/>): this objective is the
/// <see cref="IMarginBlockTransform"/> that turns each block of margins into its rows of C, on up
/// to <see cref="MaxDegreeOfParallelism"/> threads. The result does not depend on the number of
/// threads. The feature matrix owns scratch buffers: not thread-safe.
/// </remarks>
public sealed partial class LinearModelObjective : ILinearModelObjective, IDiagonalCurvature, IMarginBlockTransform
{
    private readonly IFeatureMatrix _features;
    private readonly float[] _labels;
    private readonly float[]? _exampleWeights;
    private readonly double _weightSum;
    private readonly IMarginLoss _loss;
    private int _maxDegreeOfParallelism = Environment.ProcessorCount;

    /// <summary>Builds f for the given data and loss.</summary>
    /// <param name="features">X, m×n.</param>
    /// <param name="labels">y, m labels valid for <paramref name="loss"/>.</param>
    /// <param name="loss">ℓ, the per-example loss.</param>
    /// <param name="exampleWeights">ω, m finite weights ≥ 0 with a positive sum; null for all 1.</param>
    public LinearModelObjective(IFeatureMatrix features, float[] labels, IMarginLoss loss, float[]? exampleWeights = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(loss);
        Guard.Length(labels.Length, features.RowCount, nameof(labels));
        for (int i = 0; i < labels.Length; i++)
            if (!loss.IsValidLabel(labels[i]))
                throw new ArgumentException($"labels[{i}] must be {loss.LabelDescription}; got {labels[i]}.", nameof(labels));
        _weightSum = exampleWeights is null ? labels.Length : CheckedWeightSum(exampleWeights, labels.Length);
        _features = features;
        _labels = labels;
        _exampleWeights = exampleWeights;
        _loss = loss;
        Layout = new LinearModelLayout(loss.OutputCount, features.ColumnCount);
    }

    /// <summary>Where weights and biases sit in θ.</summary>
    public LinearModelLayout Layout { get; }

    /// <summary>m, the number of examples.</summary>
    public int RowCount => _features.RowCount;

    /// <inheritdoc/>
    public int ParameterCount => Layout.ParameterCount;

    /// <summary>
    /// The most threads one evaluation uses (≥ 1; default <see cref="Environment.ProcessorCount"/>).
    /// Values and gradients are the same bit for bit whatever it is; small problems run on the
    /// calling thread anyway.
    /// </summary>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        set
        {
            Guard.InRange(value, 1, int.MaxValue, nameof(MaxDegreeOfParallelism));
            _maxDegreeOfParallelism = value;
        }
    }

    /// <inheritdoc/>
    /// <remarks>The same blocks and sums as <see cref="ValueAndGradient"/>, so the same value bit for bit.</remarks>
    public double Value(ReadOnlySpan<float> parameters)
    {
        Guard.Length(parameters.Length, ParameterCount, nameof(parameters));
        return _features.Loss(parameters[..Layout.WeightCount], parameters[Layout.WeightCount..], this, _maxDegreeOfParallelism);
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        Guard.Length(parameters.Length, ParameterCount, nameof(parameters));
        Guard.Length(gradient.Length, ParameterCount, nameof(gradient));
        int weights = Layout.WeightCount;
        return _features.LossAndGradient(parameters[..weights], parameters[weights..], this,
            gradient[..weights], gradient[weights..], _maxDegreeOfParallelism);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// ∂²f/∂W[c, j]² = Σᵢ ωᵢ ∂²ℓ/∂z_c² xᵢⱼ² / Σω ≤ κ·Σᵢ ωᵢ xᵢⱼ² / Σω, and ∂²f/∂b_c² ≤ κ, with κ the
    /// loss's <see cref="IMarginLoss.CurvatureBound"/>.
    /// </remarks>
    public void DiagonalCurvatureBounds(Span<float> destination)
    {
        Guard.Length(destination.Length, ParameterCount, nameof(destination));
        int n = Layout.FeatureCount;
        var squares = new double[n];
        _features.WeightedColumnSquares(_exampleWeights ?? Ones(RowCount), squares, _maxDegreeOfParallelism);
        double kappa = _loss.CurvatureBound;
        for (int c = 0; c < Layout.OutputCount; c++)
        {
            for (int j = 0; j < n; j++)
                destination[Layout.WeightIndex(c, j)] = (float)(kappa * squares[j] / _weightSum);
            destination[Layout.BiasIndex(c)] = (float)kappa;
        }
    }

    int IMarginBlockTransform.OutputCount => Layout.OutputCount;

    // A block's share of f = Σ ωᵢ ℓᵢ / Σω.
    double IMarginBlockTransform.Loss(int firstRow, ReadOnlySpan<float> margins)
    {
        int count = margins.Length / Layout.OutputCount;
        return _loss.WeightedLoss(margins, _labels.AsSpan(firstRow, count), BlockWeights(firstRow, count)) / _weightSum;
    }

    // The same share, with the block's rows of C = ωᵢ ∂ℓ/∂z (zᵢ; yᵢ) / Σω written over Z.
    double IMarginBlockTransform.LossAndCoefficients(int firstRow, Span<float> block)
    {
        int count = block.Length / Layout.OutputCount;
        return _loss.WeightedLossAndScaledDerivatives(block, _labels.AsSpan(firstRow, count), BlockWeights(firstRow, count),
            1 / _weightSum) / _weightSum;
    }

    private ReadOnlySpan<float> BlockWeights(int firstRow, int count)
        => _exampleWeights is null ? default : _exampleWeights.AsSpan(firstRow, count);

    private static float[] Ones(int count)
    {
        var ones = new float[count];
        Array.Fill(ones, 1f);
        return ones;
    }

    private static double CheckedWeightSum(float[] weights, int rowCount)
    {
        Guard.Length(weights.Length, rowCount, "exampleWeights");
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (!(weights[i] >= 0) || !float.IsFinite(weights[i]))
                throw new ArgumentException($"exampleWeights[{i}] must be a finite number ≥ 0; got {weights[i]}.", "exampleWeights");
            sum += weights[i];
        }
        if (!(sum > 0))
            throw new ArgumentException("exampleWeights must have a positive sum; every weight is 0.", "exampleWeights");
        return sum;
    }
}
