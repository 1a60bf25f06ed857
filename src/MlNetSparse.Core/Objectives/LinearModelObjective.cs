using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Core.Objectives;

/// <summary>
/// The training loss of a linear model (a one-layer network):
/// f(θ) = Σᵢ ωᵢ ℓ(W·xᵢ + b; yᵢ) / Σᵢ ωᵢ, θ = [W, b] (see <see cref="LinearModelLayout"/>),
/// with example weights ωᵢ (all 1 when none are given: the mean loss over the rows).
/// </summary>
/// <remarks>
/// Gradient: ∇_W f = Cᵀ·X and ∇_b f = Cᵀ·1 with C[i, c] = ωᵢ ∂ℓ/∂z_c (zᵢ; yᵢ) / Σω, so one
/// evaluation makes two passes over X (<see cref="IFeatureMatrix.Multiply"/> then
/// <see cref="IFeatureMatrix.TransposeMultiply"/>). Owns scratch buffers: not thread-safe.
/// </remarks>
public sealed class LinearModelObjective : IDifferentiableObjective, IDiagonalCurvature
{
    private readonly IFeatureMatrix _features;
    private readonly float[] _labels;
    private readonly float[]? _exampleWeights;
    private readonly double _weightSum;
    private readonly IMarginLoss _loss;
    private readonly float[] _margins;
    private readonly float[] _rowDerivative;

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
        _margins = new float[features.RowCount * loss.OutputCount];
        _rowDerivative = new float[loss.OutputCount];
    }

    /// <summary>Where weights and biases sit in θ.</summary>
    public LinearModelLayout Layout { get; }

    /// <summary>m, the number of examples.</summary>
    public int RowCount => _features.RowCount;

    /// <inheritdoc/>
    public int ParameterCount => Layout.ParameterCount;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<float> parameters)
    {
        ComputeMargins(parameters);
        int k = Layout.OutputCount;
        double total = 0;
        for (int i = 0; i < RowCount; i++)
            total += ExampleWeight(i) * _loss.Value(_margins.AsSpan(i * k, k), _labels[i]);
        return total / _weightSum;
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        Guard.Length(gradient.Length, ParameterCount, nameof(gradient));
        ComputeMargins(parameters);
        double total = ReplaceMarginsByScaledDerivatives();
        // ∇_W f = Cᵀ·X
        _features.TransposeMultiply(_margins, Layout.OutputCount, gradient[..Layout.WeightCount]);
        // ∇_b f = Cᵀ·1
        SumColumns(_margins, gradient[Layout.WeightCount..]);
        return total / _weightSum;
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
        _features.WeightedColumnSquares(_exampleWeights ?? Ones(RowCount), squares);
        double kappa = _loss.CurvatureBound;
        for (int c = 0; c < Layout.OutputCount; c++)
        {
            for (int j = 0; j < n; j++)
                destination[Layout.WeightIndex(c, j)] = (float)(kappa * squares[j] / _weightSum);
            destination[Layout.BiasIndex(c)] = (float)kappa;
        }
    }

    private static float[] Ones(int count)
    {
        var ones = new float[count];
        Array.Fill(ones, 1f);
        return ones;
    }

    // Z = X·Wᵀ + 1·bᵀ into _margins.
    private void ComputeMargins(ReadOnlySpan<float> parameters)
    {
        Guard.Length(parameters.Length, ParameterCount, nameof(parameters));
        int k = Layout.OutputCount;
        _features.Multiply(parameters[..Layout.WeightCount], k, _margins);
        ReadOnlySpan<float> biases = parameters[Layout.WeightCount..];
        for (int i = 0; i < RowCount; i++)
            for (int c = 0; c < k; c++)
                _margins[i * k + c] += biases[c];
    }

    // Overwrites row i of Z with C[i, ·] = ωᵢ ∂ℓ/∂z (zᵢ; yᵢ) / Σω; returns Σᵢ ωᵢ ℓᵢ.
    private double ReplaceMarginsByScaledDerivatives()
    {
        int k = Layout.OutputCount;
        double total = 0;
        for (int i = 0; i < RowCount; i++)
        {
            Span<float> row = _margins.AsSpan(i * k, k);
            double weight = ExampleWeight(i);
            total += weight * _loss.ValueAndDerivative(row, _labels[i], _rowDerivative);
            float scale = (float)(weight / _weightSum);
            for (int c = 0; c < k; c++)
                row[c] = _rowDerivative[c] * scale;
        }
        return total;
    }

    private void SumColumns(ReadOnlySpan<float> matrix, Span<float> columnSums)
    {
        int k = columnSums.Length;
        for (int c = 0; c < k; c++)
        {
            double sum = 0;
            for (int i = 0; i < RowCount; i++)
                sum += matrix[i * k + c];
            columnSums[c] = (float)sum;
        }
    }

    private double ExampleWeight(int row) => _exampleWeights is null ? 1.0 : _exampleWeights[row];

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
