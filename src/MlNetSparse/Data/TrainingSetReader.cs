using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Numerics;
using MlNetSparse.Internals;

namespace MlNetSparse.Data;

/// <summary>
/// Reads the training rows of an <see cref="IDataView"/> into the core's matrices in one cursor
/// pass, skipping (and counting) rows with missing values as ML.NET's trainers do.
/// </summary>
internal static class TrainingSetReader
{
    // At or above this fraction of nonzeros the features are stored dense: dense kernels are then
    // faster and no larger than CSR (value + column index per entry).
    private const double DenseStorageDensity = 0.5;
    private const int RowsBetweenCancellationChecks = 4096;

    /// <summary>Reads features, labels and optional example weights.</summary>
    /// <exception cref="InvalidOperationException">The data has no rows, or every row has a missing value.</exception>
    public static TrainingSet Read(IDataView data, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env)
    {
        var featureColumn = data.Schema[columns.Feature];
        var labelColumn = data.Schema[columns.Label];
        DataViewSchema.Column? weightColumn = columns.Weight is null ? null : data.Schema[columns.Weight];
        int featureCount = ((VectorDataViewType)featureColumn.Type).Size;

        var active = new List<DataViewSchema.Column> { featureColumn, labelColumn };
        if (weightColumn is { } w)
            active.Add(w);
        using DataViewRowCursor cursor = data.GetRowCursor(active);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(featureColumn);
        var getLabel = labelReader.CreateGetter(cursor, labelColumn);
        ValueGetter<float>? getWeight = weightColumn is { } wc ? cursor.GetGetter<float>(wc) : null;

        var builder = new CsrBuilder(featureCount);
        var labels = new List<float>();
        var weights = getWeight is null ? null : new List<float>();
        VBuffer<float> features = default;
        float label = 0, weight = 1;
        int rowsRead = 0, badFeatures = 0, badLabels = 0, badWeights = 0;
        while (cursor.MoveNext())
        {
            if (++rowsRead % RowsBetweenCancellationChecks == 0)
                MlNetInternals.CheckAlive(null, env);
            getFeatures(ref features);
            getLabel(ref label);
            getWeight?.Invoke(ref weight);
            if (!AllFinite(features.GetValues())) { badFeatures++; continue; }
            if (float.IsNaN(label)) { badLabels++; continue; }
            if (!(weight >= 0) || !float.IsFinite(weight)) { badWeights++; continue; }
            builder.AddRow(features);
            labels.Add(label);
            weights?.Add(weight);
        }

        var skipped = new SkippedRows(badFeatures, badLabels, badWeights);
        if (rowsRead == 0)
            throw new InvalidOperationException("The training data has no rows.");
        if (labels.Count == 0)
            throw new InvalidOperationException(
                $"All {rowsRead} training rows were skipped for missing or non-finite values ({SkippedDetail(skipped, columns)}); no rows remain to train on.");
        if (weights is not null && !weights.Any(w => w > 0))
            throw new InvalidOperationException(
                $"Every training row has weight 0 in '{columns.Weight}' (option ExampleWeightColumnName); at least one weight must be positive.");
        return new TrainingSet(builder.Build(DenseStorageDensity), [.. labels], weights?.ToArray(), rowsRead, skipped);
    }

    /// <summary>"2 with a NaN or infinite value in 'Features', 1 with a missing 'Label'".</summary>
    public static string SkippedDetail(SkippedRows skipped, TrainingColumns columns)
    {
        var parts = new List<string>();
        if (skipped.Features > 0) parts.Add($"{skipped.Features} with a NaN or infinite value in '{columns.Feature}'");
        if (skipped.Label > 0) parts.Add($"{skipped.Label} with a missing '{columns.Label}'");
        if (skipped.Weight > 0) parts.Add($"{skipped.Weight} with a NaN, infinite or negative '{columns.Weight}'");
        return string.Join(", ", parts);
    }

    private static bool AllFinite(ReadOnlySpan<float> values) => !VectorChecks.ContainsNonFinite(values);

    /// <summary>Accumulates rows in compressed sparse row form; stores dense when dense enough.</summary>
    private sealed class CsrBuilder(int columnCount)
    {
        private readonly List<int> _rowStarts = [0];
        private readonly List<int> _columns = [];
        private readonly List<float> _values = [];

        public void AddRow(in VBuffer<float> row)
        {
            ReadOnlySpan<float> values = row.GetValues();
            if (row.IsDense)
            {
                for (int j = 0; j < values.Length; j++)
                    Add(j, values[j]);
            }
            else
            {
                ReadOnlySpan<int> indices = row.GetIndices();
                for (int p = 0; p < values.Length; p++)
                    Add(indices[p], values[p]);
            }
            _rowStarts.Add(_values.Count);
        }

        private void Add(int column, float value)
        {
            if (value == 0f)
                return;
            _columns.Add(column);
            _values.Add(value);
        }

        public IFeatureMatrix Build(double denseStorageDensity)
        {
            int rows = _rowStarts.Count - 1;
            double density = _values.Count / ((double)rows * columnCount);
            if (density < denseStorageDensity)
                return new SparseFeatureMatrix([.. _rowStarts], [.. _columns], [.. _values], columnCount);
            var dense = new float[checked(rows * columnCount)];
            for (int i = 0; i < rows; i++)
                for (int p = _rowStarts[i]; p < _rowStarts[i + 1]; p++)
                    dense[i * columnCount + _columns[p]] = _values[p];
            return new DenseFeatureMatrix(dense, rows, columnCount);
        }
    }
}
