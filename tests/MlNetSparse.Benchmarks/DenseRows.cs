using Microsoft.ML.Data;
using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Benchmarks;

/// <summary>Dense row-major features, generated in parallel, one <see cref="SplitMix64"/> stream per row.</summary>
internal sealed class DenseRows : LabeledRows
{
    private readonly float[] _values;

    private DenseRows(float[] values, int featureCount, float[] labels)
        : base(labels)
    {
        _values = values;
        FeatureCount = featureCount;
    }

    public override int FeatureCount { get; }

    public override long StoredCount => _values.LongLength;

    public override long StoredBytes => _values.LongLength * sizeof(float);

    /// <summary>Rows [firstRow, firstRow + rowCount) of the problem: x ~ N(0, I), y ~ Bernoulli(σ(x·w* + b)).</summary>
    public static DenseRows Generate(long firstRow, int rowCount, int featureCount, int seed, SparseTruth truth)
    {
        var values = new float[checked(rowCount * featureCount)];
        var labels = new float[rowCount];
        Parallel.For(0, rowCount, i =>
        {
            var random = SplitMix64.ForStream(seed, firstRow + i);
            Span<float> row = values.AsSpan(i * featureCount, featureCount);
            random.FillGaussian(row);
            labels[i] = SparseTruth.DrawLabel(ref random, truth.Margin(row)) ? 1f : 0f;
        });
        return new DenseRows(values, featureCount, labels);
    }

    public override double ReadAllOnce(int threads) => StreamingRead.Sum(_values, threads);

    public override bool ReadRow(int row, ref VBuffer<float> features)
    {
        var editor = VBufferEditor.Create(ref features, FeatureCount);
        _values.AsSpan(row * FeatureCount, FeatureCount).CopyTo(editor.Values);
        features = editor.Commit();
        return Labels[row] == 1f;
    }

    protected override IFeatureMatrix CreateMatrix() => new DenseFeatureMatrix(_values, RowCount, FeatureCount);
}
