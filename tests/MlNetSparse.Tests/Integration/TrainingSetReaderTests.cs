using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Core.Numerics;
using MlNetSparse.Data;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// Reading an IDataView into the core's matrices (src/MlNetSparse/Data/TrainingSetReader.cs): the matrix,
/// labels and weights are the rows' own values bit for bit — dense, sparse, weighted with skipped rows — and
/// the same whether or not the data view knows its row count; a known count is read in one copy.
/// </summary>
public class TrainingSetReaderTests
{
    private const int Columns = 40;
    private static readonly TrainingColumns Weighted = new("Features", "Label", "Weight");
    private static readonly TrainingColumns Unweighted = new("Features", "Label", null);

    public static TheoryData<bool, bool, bool> Cases()
    {
        var data = new TheoryData<bool, bool, bool>();
        foreach (bool sparse in new[] { false, true })
            foreach (bool weighted in new[] { false, true })
                foreach (bool knownCount in new[] { false, true })
                    data.Add(sparse, weighted, knownCount);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheMatrixLabelsAndWeights_AreTheRowsOwnValues_BitForBit(bool sparse, bool weighted, bool knownCount)
    {
        // 30,000 rows: the dense values (1.2 million floats) span more than one 4 MiB chunk when the count is unknown.
        Row[] rows = Rows(30_000, sparse, seed: sparse ? 1 : 2, withBadRows: weighted);
        var ml = new MLContext(seed: 1);
        IDataView data = knownCount ? ml.Data.LoadFromEnumerable(rows) : ml.Data.LoadFromEnumerable(rows.Select(r => r));
        Assert.Equal(knownCount, data.GetRowCount() is not null);

        TrainingSet set = TrainingSetReader.Read(data, weighted ? Weighted : Unweighted, new LabelReader.Real(), ml);

        Row[] usable = [.. rows.Where(r => !weighted || (r.Weight >= 0 && r.Features.GetValues().ToArray().All(float.IsFinite)))];
        Assert.Equal(usable.Length, set.Labels.Length);
        Assert.Equal(rows.Length - usable.Length, set.Skipped.Total);
        Assert.Equal(usable.Select(r => r.Label), set.Labels);
        if (weighted)
            Assert.Equal(usable.Select(r => r.Weight), set.ExampleWeights!);
        else
            Assert.Null(set.ExampleWeights);
        for (int i = 0; i < usable.Length; i++)
        {
            float[] expected = Dense(usable[i].Features);
            if (sparse)
            {
                var matrix = Assert.IsType<SparseFeatureMatrix>(set.Features);
                int[] columns = [.. Enumerable.Range(0, Columns).Where(j => expected[j] != 0f)];
                Assert.Equal(columns, matrix.RowColumns(i).ToArray());
                Assert.Equal(columns.Select(j => expected[j]), matrix.RowValues(i).ToArray());
            }
            else
            {
                Assert.Equal(expected, Assert.IsType<DenseFeatureMatrix>(set.Features).Row(i).ToArray());
            }
        }
    }

    [Theory]
    [InlineData(true, 1.15)]    // the final arrays and little else
    [InlineData(false, 2.3)]    // chunks, then one array: no doubling
    public void ReadingDenseRows_AllocatesAboutTheMatrixOnce_OrTwiceWhenTheRowCountIsUnknown(bool knownCount, double matrices)
    {
        // The List<float> that doubled (before) allocated 3.6× the arrays here, known count or not (measured);
        // now 1.00× with the count known (one copy) and 2.10× without it (chunks, then the arrays).
        Row[] rows = Rows(25_000, sparse: false, seed: 3, withBadRows: false);
        var ml = new MLContext(seed: 1);
        IDataView data = knownCount ? ml.Data.LoadFromEnumerable(rows) : ml.Data.LoadFromEnumerable(rows.Select(r => r));
        TrainingSetReader.Read(data, Unweighted, new LabelReader.Real(), ml);   // warm-up: JIT, ML.NET's lazy statics

        long before = GC.GetAllocatedBytesForCurrentThread();
        TrainingSet set = TrainingSetReader.Read(data, Unweighted, new LabelReader.Real(), ml);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        long matrixBytes = 4L * rows.Length * Columns + 4L * rows.Length;   // features and labels
        Assert.Equal(rows.Length, set.Labels.Length);
        Assert.True(allocated <= matrices * matrixBytes, $"reading allocated {allocated:N0} bytes, {allocated / (double)matrixBytes:F2}× the {matrixBytes:N0} of the arrays");
    }

    private static float[] Dense(VBuffer<float> row)
    {
        var values = new float[Columns];
        row.CopyTo(values);
        return values;
    }

    // Dense rows of N(0, 1) values (a tenth of them 0), or sparse rows with about 5 nonzeros (some stored zeros
    // too, which the CSR leaves out); with bad rows, every 97th has a NaN feature and every 89th a negative weight.
    private static Row[] Rows(int count, bool sparse, int seed, bool withBadRows)
    {
        var random = new Random(seed);
        var rows = new Row[count];
        for (int i = 0; i < count; i++)
        {
            VBuffer<float> features;
            if (sparse)
            {
                int[] indices = [.. Enumerable.Range(0, Columns).Where(_ => random.NextDouble() < 0.15).Order()];
                float[] values = [.. indices.Select(_ => random.NextDouble() < 0.1 ? 0f : (float)(random.NextDouble() * 4 - 2))];
                features = new VBuffer<float>(Columns, indices.Length, values, indices);
            }
            else
            {
                float[] values = [.. Enumerable.Range(0, Columns).Select(_ => random.NextDouble() < 0.1 ? 0f : (float)(random.NextDouble() * 4 - 2))];
                features = new VBuffer<float>(Columns, values);
            }
            float weight = (float)random.NextDouble() * 2;
            if (withBadRows && i % 97 == 5)
            {
                float[] values = features.GetValues().ToArray();
                if (values.Length > 0)
                    values[0] = float.NaN;
                features = sparse ? new VBuffer<float>(Columns, values.Length, values, features.GetIndices().ToArray()) : new VBuffer<float>(Columns, values);
            }
            if (withBadRows && i % 89 == 7)
                weight = -1;
            rows[i] = new Row { Features = features, Label = (float)random.NextDouble(), Weight = weight };
        }
        return rows;
    }

    private sealed class Row
    {
        [VectorType(Columns)] public VBuffer<float> Features { get; set; }
        public float Label { get; set; }
        public float Weight { get; set; }
    }
}
