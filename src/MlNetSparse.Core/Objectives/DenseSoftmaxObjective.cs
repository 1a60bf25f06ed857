using System.Numerics.Tensors;

namespace MlNetSparse.Core.Objectives;

/// <summary>
/// The same f as <see cref="LinearModelObjective"/> with <see cref="SoftmaxCrossEntropyLoss"/>,
/// f(θ) = (1/m) Σᵢ [log Σ_c exp(z_ic) − z_iyᵢ], z_i = W·xᵢ + b, θ = [W (k×n), b (k)], computed for
/// small dense problems (the paper's IRIS study: 120 × 4, 3 classes) with every operation
/// vectorized across rows.
/// </summary>
/// <remarks>
/// Features are stored column-major, so each class's margins z_c = b_c + Σⱼ W[c, j]·X[:, j] are a few
/// span operations over m rows, and so are the softmax, the loss and the gradient
/// ∇W[c, j] = X[:, j]·(p_c − y_c)/m. One evaluation allocates nothing. Row sums accumulate in
/// float (fine for the small m this is meant for). Owns scratch buffers: not thread-safe.
/// </remarks>
public sealed class DenseSoftmaxObjective : IDifferentiableObjective, IDiagonalCurvature
{
    private readonly float[] _columns;        // X column-major: X[:, j] = _columns[j·m .. (j+1)·m)
    private readonly float[] _negativeOneHot; // −y_c as k masks of m rows
    private readonly float[] _margins, _exponentials, _rowMax, _rowSum, _rowLoss;
    private readonly int _rows;

    /// <summary>Builds f from row-major features (m×n) and class indices 0…k−1.</summary>
    public DenseSoftmaxObjective(ReadOnlySpan<float> rowMajorFeatures, int rowCount, int featureCount, ReadOnlySpan<float> labels, int classCount)
    {
        Guard.InRange(rowCount, 1, int.MaxValue);
        Guard.InRange(featureCount, 1, int.MaxValue);
        Guard.InRange(classCount, 2, int.MaxValue);
        Guard.Length(rowMajorFeatures.Length, checked(rowCount * featureCount), nameof(rowMajorFeatures));
        Guard.Length(labels.Length, rowCount, nameof(labels));
        var loss = new SoftmaxCrossEntropyLoss(classCount);
        _rows = rowCount;
        Layout = new LinearModelLayout(classCount, featureCount);
        _columns = new float[rowCount * featureCount];
        for (int i = 0; i < rowCount; i++)
            for (int j = 0; j < featureCount; j++)
                _columns[j * rowCount + i] = rowMajorFeatures[i * featureCount + j];
        _negativeOneHot = new float[classCount * rowCount];
        for (int i = 0; i < rowCount; i++)
        {
            if (!loss.IsValidLabel(labels[i]))
                throw new ArgumentException($"labels[{i}] must be {loss.LabelDescription}; got {labels[i]}.", nameof(labels));
            _negativeOneHot[(int)labels[i] * rowCount + i] = -1f;
        }
        _margins = new float[classCount * rowCount];
        _exponentials = new float[classCount * rowCount];
        _rowMax = new float[rowCount];
        _rowSum = new float[rowCount];
        _rowLoss = new float[rowCount];
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
        int k = Layout.OutputCount, n = Layout.FeatureCount;
        float inverseRows = 1f / _rows;
        for (int c = 0; c < k; c++)
        {
            // r_c = (p_c − y_c)/m, with p_c = e_c / Σ e
            Span<float> residual = Class(_exponentials, c);
            TensorPrimitives.Divide(residual, _rowSum, residual);
            TensorPrimitives.Add(residual, Class(_negativeOneHot, c), residual);
            TensorPrimitives.Multiply(residual, inverseRows, residual);
            // ∇W[c, j] = X[:, j]·r_c and ∇b_c = Σ r_c
            for (int j = 0; j < n; j++)
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

    // Margins, exponentials shifted by the row maximum, their row sums, and the mean loss.
    private double Forward(ReadOnlySpan<float> parameters)
    {
        Guard.Length(parameters.Length, ParameterCount, nameof(parameters));
        int k = Layout.OutputCount, n = Layout.FeatureCount;
        for (int c = 0; c < k; c++)
        {
            // z_c = b_c + Σⱼ W[c, j]·X[:, j]
            Span<float> z = Class(_margins, c);
            z.Fill(parameters[Layout.BiasIndex(c)]);
            for (int j = 0; j < n; j++)
                TensorPrimitives.MultiplyAdd(Column(j), parameters[Layout.WeightIndex(c, j)], z, z);
        }
        // μ = max_c z_c, e_c = exp(z_c − μ), Σ e
        Class(_margins, 0).CopyTo(_rowMax);
        for (int c = 1; c < k; c++)
            TensorPrimitives.Max(_rowMax, Class(_margins, c), _rowMax);
        _rowSum.AsSpan().Clear();
        for (int c = 0; c < k; c++)
        {
            Span<float> e = Class(_exponentials, c);
            TensorPrimitives.Subtract(Class(_margins, c), _rowMax, e);
            TensorPrimitives.Exp(e, e);
            TensorPrimitives.Add(_rowSum, e, _rowSum);
        }
        // ℓᵢ = log Σ e + μ − z_iyᵢ
        TensorPrimitives.Log(_rowSum, _rowLoss);
        TensorPrimitives.Add(_rowLoss, _rowMax, _rowLoss);
        for (int c = 0; c < k; c++)
            TensorPrimitives.MultiplyAdd(Class(_negativeOneHot, c), Class(_margins, c), _rowLoss, _rowLoss);
        double total = 0;
        foreach (float rowLoss in _rowLoss)
            total += rowLoss;
        return total / _rows;
    }

    private ReadOnlySpan<float> Column(int j) => _columns.AsSpan(j * _rows, _rows);

    private Span<float> Class(float[] classMajor, int c) => classMajor.AsSpan(c * _rows, _rows);
}
