using System.Numerics.Tensors;

namespace MlNetSparse.Core.Objectives;

/// <summary>
/// The same f as <see cref="LinearModelObjective"/> with <see cref="SoftmaxCrossEntropyLoss"/>,
/// f(θ) = (1/m) Σᵢ [log Σ_c exp(z_ic) − z_iyᵢ], z_i = W·xᵢ + b, θ = [W (k×n), b (k)], for small
/// dense problems (the paper's IRIS study: 120 × 4, 3 classes): a dense column-major operator
/// composed with the softmax cross-entropy's class-major block form, every operation vectorised across rows.
/// </summary>
/// <remarks>
/// Only the operator lives here: features stored column-major, so each class's margins
/// z_c = b_c + Σⱼ W[c, j]·X[:, j] are a few span operations over m rows, and so is the gradient
/// ∇W[c, j] = X[:, j]·r_c from the loss's residuals r_c = (p_c − y_c)/m. The loss itself is
/// <see cref="SoftmaxCrossEntropyLoss.ClassMajorBlock"/>. One evaluation allocates nothing.
/// Owns scratch buffers: not thread-safe.
/// </remarks>
public sealed class DenseSoftmaxObjective : ILinearModelObjective, IDiagonalCurvature
{
    private readonly float[] _columns; // X column-major: X[:, j] = _columns[j·m .. (j+1)·m)
    private readonly SoftmaxCrossEntropyLoss.ClassMajorBlock _loss;
    private readonly int _rows;

    /// <summary>Builds f from row-major features (m×n) and class indices 0…k−1.</summary>
    public DenseSoftmaxObjective(ReadOnlySpan<float> rowMajorFeatures, int rowCount, int featureCount, ReadOnlySpan<float> labels, int classCount)
    {
        Guard.InRange(rowCount, 1, int.MaxValue);
        Guard.InRange(featureCount, 1, int.MaxValue);
        Guard.InRange(classCount, 2, int.MaxValue);
        Guard.Length(rowMajorFeatures.Length, checked(rowCount * featureCount), nameof(rowMajorFeatures));
        Guard.Length(labels.Length, rowCount, nameof(labels));
        _rows = rowCount;
        Layout = new LinearModelLayout(classCount, featureCount);
        _columns = new float[rowCount * featureCount];
        for (int i = 0; i < rowCount; i++)
            for (int j = 0; j < featureCount; j++)
                _columns[j * rowCount + i] = rowMajorFeatures[i * featureCount + j];
        _loss = new SoftmaxCrossEntropyLoss(classCount).ForClassMajorRows(labels);
    }

    /// <summary>Where weights and biases sit in θ.</summary>
    public LinearModelLayout Layout { get; }

    /// <inheritdoc/>
    public int ParameterCount => Layout.ParameterCount;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<float> parameters) => Forward(parameters);

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        Guard.Length(gradient.Length, ParameterCount, nameof(gradient));
        double loss = Forward(parameters);
        _loss.ComputeResiduals();
        for (int c = 0; c < Layout.OutputCount; c++)
        {
            // ∇W[c, j] = X[:, j]·r_c and ∇b_c = Σ r_c
            ReadOnlySpan<float> residual = _loss.Residual(c);
            for (int j = 0; j < Layout.FeatureCount; j++)
                gradient[Layout.WeightIndex(c, j)] = TensorPrimitives.Dot(Column(j), residual);
            gradient[Layout.BiasIndex(c)] = TensorPrimitives.Sum<float>(residual);
        }
        return loss;
    }

    /// <inheritdoc/>
    /// <remarks>∂²f/∂W[c, j]² ≤ ¼·mean(X[:, j]²), ∂²f/∂b_c² ≤ ¼ (as <see cref="LinearModelObjective"/>).</remarks>
    public void DiagonalCurvatureBounds(Span<float> destination)
    {
        Guard.Length(destination.Length, ParameterCount, nameof(destination));
        for (int j = 0; j < Layout.FeatureCount; j++)
        {
            float bound = 0.25f * TensorPrimitives.SumOfSquares<float>(Column(j)) / _rows;
            for (int c = 0; c < Layout.OutputCount; c++)
                destination[Layout.WeightIndex(c, j)] = bound;
        }
        for (int c = 0; c < Layout.OutputCount; c++)
            destination[Layout.BiasIndex(c)] = 0.25f;
    }

    // The operator: z_c = b_c + Σⱼ W[c, j]·X[:, j] into the loss's margins; then the loss.
    private double Forward(ReadOnlySpan<float> parameters)
    {
        Guard.Length(parameters.Length, ParameterCount, nameof(parameters));
        for (int c = 0; c < Layout.OutputCount; c++)
        {
            Span<float> z = _loss.Margins(c);
            z.Fill(parameters[Layout.BiasIndex(c)]);
            for (int j = 0; j < Layout.FeatureCount; j++)
                TensorPrimitives.MultiplyAdd(Column(j), parameters[Layout.WeightIndex(c, j)], z, z);
        }
        return _loss.MeanLoss();
    }

    private ReadOnlySpan<float> Column(int j) => _columns.AsSpan(j * _rows, _rows);
}
