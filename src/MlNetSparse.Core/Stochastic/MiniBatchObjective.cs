using System.Numerics.Tensors;
using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Core.Stochastic;

/// <summary>
/// f_B, the loss of a linear model on the rows a <see cref="MiniBatch"/> holds now:
/// f_B(θ) = Σ_{i∈B} ωᵢ ℓ(W·xᵢ + b; yᵢ) / Σ_{i∈B} ωᵢ, θ = [W, b] as in <see cref="LinearModelObjective"/>.
/// </summary>
/// <remarks>
/// It reads the batch at each call, so refilling the batch changes the function. Dense rows are
/// summed into a float partial gradient 256 rows at a time and the partials into a double total
/// (SIMD speed, double accuracy over many rows); sparse rows are scattered into the double total.
/// Scratch grows with the batch and is reused: evaluation allocates nothing once it has seen the
/// largest batch. Not thread-safe.
/// </remarks>
public sealed class MiniBatchObjective : ILinearModelObjective
{
    private const int RowsPerPartialSum = 256;

    private readonly IMarginLoss _loss;
    private readonly float[] _margins;
    private readonly float[] _derivative;
    private readonly float[] _partial;
    private readonly double[] _total;
    private int _checkedVersion = -1;

    /// <summary>f_B for the rows of <paramref name="batch"/> and the loss <paramref name="loss"/>.</summary>
    public MiniBatchObjective(MiniBatch batch, IMarginLoss loss)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(loss);
        Batch = batch;
        _loss = loss;
        Layout = new LinearModelLayout(loss.OutputCount, batch.FeatureCount);
        _margins = new float[loss.OutputCount];
        _derivative = new float[loss.OutputCount];
        _partial = new float[Layout.WeightCount];
        _total = new double[Layout.ParameterCount];
    }

    /// <summary>The rows evaluated.</summary>
    public MiniBatch Batch { get; }

    /// <summary>Where weights and biases sit in θ.</summary>
    public LinearModelLayout Layout { get; }

    /// <inheritdoc/>
    public int ParameterCount => Layout.ParameterCount;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The batch is empty or all its weights are 0.</exception>
    public double Value(ReadOnlySpan<float> parameters) => AccumulateValue(parameters) / CheckedWeightSum();

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The batch is empty or all its weights are 0.</exception>
    public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        Guard.Length(gradient.Length, ParameterCount, nameof(gradient));
        double weightSum = CheckedWeightSum();
        Array.Clear(_total);
        double loss = Accumulate(parameters, _total);
        for (int p = 0; p < gradient.Length; p++)
            gradient[p] = (float)(_total[p] / weightSum);
        return loss / weightSum;
    }

    /// <summary>Σ_{i∈B} ωᵢ ℓᵢ(θ), the unnormalised loss of the batch.</summary>
    internal double AccumulateValue(ReadOnlySpan<float> parameters)
    {
        CheckParametersAndLabels(parameters);
        double total = 0;
        ReadOnlySpan<float> weights = Batch.Weights, labels = Batch.Labels;
        for (int i = 0; i < Batch.RowCount; i++)
        {
            if (weights[i] == 0f)
                continue;
            ComputeMargins(parameters, i);
            total += weights[i] * _loss.Value(_margins, labels[i]);
        }
        return total;
    }

    /// <summary>
    /// Adds Σ_{i∈B} ωᵢ ∂ℓᵢ/∂θ to <paramref name="gradientTotal"/> and returns Σ_{i∈B} ωᵢ ℓᵢ(θ): the
    /// unnormalised sums, so that a pass over many batches can add them up and divide once.
    /// </summary>
    internal double Accumulate(ReadOnlySpan<float> parameters, Span<double> gradientTotal)
    {
        CheckParametersAndLabels(parameters);
        Guard.Length(gradientTotal.Length, ParameterCount, nameof(gradientTotal));
        int k = Layout.OutputCount, n = Layout.FeatureCount;
        bool dense = Batch.Storage == MiniBatchStorage.Dense;
        ReadOnlySpan<float> weights = Batch.Weights, labels = Batch.Labels;
        Span<double> biasTotal = gradientTotal[Layout.WeightCount..];
        double loss = 0;
        for (int start = 0; start < Batch.RowCount; start += RowsPerPartialSum)
        {
            int end = Math.Min(Batch.RowCount, start + RowsPerPartialSum);
            if (dense)
                Array.Clear(_partial);
            for (int i = start; i < end; i++)
            {
                float weight = weights[i];
                if (weight == 0f)
                    continue;
                ComputeMargins(parameters, i);
                loss += weight * _loss.ValueAndDerivative(_margins, labels[i], _derivative);
                for (int c = 0; c < k; c++)
                {
                    float coefficient = weight * _derivative[c]; // ωᵢ ∂ℓ/∂z_c
                    if (coefficient == 0f)
                        continue;
                    biasTotal[c] += coefficient;
                    if (dense)
                    {
                        Span<float> g = _partial.AsSpan(c * n, n);
                        TensorPrimitives.MultiplyAdd(Batch.DenseRow(i), coefficient, g, g); // g_c ← g_c + coefficient·xᵢ
                    }
                    else
                    {
                        Span<double> g = gradientTotal.Slice(c * n, n);
                        ReadOnlySpan<int> columns = Batch.SparseColumns(i);
                        ReadOnlySpan<float> values = Batch.SparseValues(i);
                        for (int p = 0; p < values.Length; p++)
                            g[columns[p]] += (double)coefficient * values[p];
                    }
                }
            }
            if (dense)
                for (int p = 0; p < _partial.Length; p++)
                    gradientTotal[p] += _partial[p];
        }
        return loss;
    }

    // z_c = w_c·xᵢ + b_c into _margins.
    private void ComputeMargins(ReadOnlySpan<float> parameters, int row)
    {
        int k = Layout.OutputCount, n = Layout.FeatureCount;
        ReadOnlySpan<float> biases = parameters[Layout.WeightCount..];
        if (Batch.Storage == MiniBatchStorage.Dense)
        {
            ReadOnlySpan<float> x = Batch.DenseRow(row);
            for (int c = 0; c < k; c++)
                _margins[c] = TensorPrimitives.Dot(x, parameters.Slice(c * n, n)) + biases[c];
            return;
        }
        ReadOnlySpan<int> columns = Batch.SparseColumns(row);
        ReadOnlySpan<float> values = Batch.SparseValues(row);
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<float> w = parameters.Slice(c * n, n);
            float z = 0f;
            for (int p = 0; p < values.Length; p++)
                z += values[p] * w[columns[p]];
            _margins[c] = z + biases[c];
        }
    }

    private double CheckedWeightSum()
    {
        double sum = Batch.WeightSum;
        if (!(sum > 0))
            throw new InvalidOperationException(Batch.RowCount == 0
                ? "The mini-batch is empty: fill it before evaluating the loss."
                : $"Every row of the mini-batch ({Batch.RowCount} rows) has weight 0: its loss is undefined.");
        return sum;
    }

    // Labels are checked once per batch contents, not per evaluation.
    private void CheckParametersAndLabels(ReadOnlySpan<float> parameters)
    {
        Guard.Length(parameters.Length, ParameterCount, nameof(parameters));
        if (_checkedVersion == Batch.Version)
            return;
        ReadOnlySpan<float> labels = Batch.Labels;
        for (int i = 0; i < labels.Length; i++)
            if (!_loss.IsValidLabel(labels[i]))
                throw new ArgumentException($"Mini-batch label {i} must be {_loss.LabelDescription}; got {labels[i]}.", "batch");
        _checkedVersion = Batch.Version;
    }
}
