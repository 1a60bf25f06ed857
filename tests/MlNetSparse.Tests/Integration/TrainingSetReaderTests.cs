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
    [InlineData(true)]    // the matrix allocated up front, its memory prepared before the cursor fills it
    [InlineData(false)]   // chunks, then the matrix prepared and copied into
    public void AMatrixLargeEnoughToPrepare_OnTwoThreads_IsTheRowsOwnValues_BitForBit(bool knownCount)
    {
        // 110,000 × 40 floats = 17.6 MB, above FreshArray.PrepareBytes: its pages are faulted in on two threads first.
        Row[] rows = Rows(110_000, sparse: false, seed: 4, withBadRows: false);
        Assert.True(4L * rows.Length * Columns >= FreshArray.PrepareBytes);
        var ml = new MLContext(seed: 1);
        IDataView data = knownCount ? ml.Data.LoadFromEnumerable(rows) : ml.Data.LoadFromEnumerable(rows.Select(r => r));

        TrainingSet set = TrainingSetReader.Read(data, Unweighted, new LabelReader.Real(), ml, threads: 2);

        var matrix = Assert.IsType<DenseFeatureMatrix>(set.Features);
        Assert.Equal(rows.Length, matrix.RowCount);
        for (int i = 0; i < rows.Length; i++)
            Assert.Equal(Dense(rows[i].Features), matrix.Row(i).ToArray());
        Assert.Equal(rows.Select(r => r.Label), set.Labels);
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MixedDenseAndSparseRows_WithBadValuesAnywhere_GiveTheReferenceMatrixAndMoments(bool firstRowSparse)
    {
        // 43 features: a row is checked, counted and summed a vector at a time plus a tail, so a NaN or ∞ must be
        // found in either part; dense and sparse rows alternate in one column, and the first row picks the storage.
        var random = new Random(firstRowSparse ? 5 : 6);
        var rows = new List<OddRow>();
        for (int i = 0; i < 2_000; i++)
        {
            float[] values = [.. Enumerable.Range(0, OddColumns).Select(_ => random.NextDouble() < 0.4 ? 0f : (float)(random.NextDouble() * 6 - 3))];
            if (i % 53 == 3)
                values[random.Next(OddColumns)] = i % 2 == 0 ? float.NaN : float.NegativeInfinity;   // anywhere: body or tail
            if (i % 59 == 4)
                values[OddColumns - 1] = float.PositiveInfinity;                                     // the tail's last entry
            if (i % 61 == 5)
                values[0] = float.NaN;                                                               // the first vector
            bool sparse = (i % 2 == 0) == firstRowSparse;
            int[] stored = [.. Enumerable.Range(0, OddColumns).Where(j => values[j] != 0f || j % 11 == 0)];   // some stored zeros
            VBuffer<float> features = sparse
                ? new VBuffer<float>(OddColumns, stored.Length, [.. stored.Select(j => values[j])], stored)
                : new VBuffer<float>(OddColumns, values);
            rows.Add(new OddRow { Features = features, Label = i % 3, Weight = i % 67 == 8 ? float.NaN : 1 + i % 4 });
        }
        var ml = new MLContext(seed: 1);

        TrainingSet set = TrainingSetReader.Read(ml.Data.LoadFromEnumerable(rows), Weighted, new LabelReader.Real(), ml);

        float[][] dense = [.. rows.Select(r => { var v = new float[OddColumns]; r.Features.CopyTo(v); return v; })];
        int[] usable = [.. Enumerable.Range(0, rows.Count).Where(i => dense[i].All(float.IsFinite) && rows[i].Weight >= 0)];
        int badFeatures = dense.Count(v => !v.All(float.IsFinite));
        Assert.Equal(new SkippedRows(badFeatures, 0, rows.Count - usable.Length - badFeatures), set.Skipped);
        Assert.True(badFeatures > 60, $"only {badFeatures} rows with a bad feature");
        Assert.Equal(usable.Select(i => rows[i].Weight), set.ExampleWeights!);
        Assert.Equal(usable.Select(i => rows[i].Label), set.Labels);
        // About 60 % nonzero: dense storage, whichever form the first row had.
        var matrix = Assert.IsType<DenseFeatureMatrix>(set.Features);
        for (int k = 0; k < usable.Length; k++)
            Assert.Equal(dense[usable[k]], matrix.Row(k).ToArray());
        for (int j = 0; j < OddColumns; j++)
        {
            double sum = 0, sumOfSquares = 0;
            foreach (int i in usable)
            {
                sum += dense[i][j];
                sumOfSquares += (double)dense[i][j] * dense[i][j];
            }
            double mean = sum / usable.Length;
            Assert.Equal(mean, set.Moments!.Mean(j));
            Assert.Equal(Math.Sqrt(Math.Max(0, sumOfSquares / usable.Length - mean * mean)), set.Moments.StandardDeviation(j));
        }
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

    private const int OddColumns = 43;

    private sealed class OddRow
    {
        [VectorType(OddColumns)] public VBuffer<float> Features { get; set; }
        public float Label { get; set; }
        public float Weight { get; set; }
    }

    private sealed class Row
    {
        [VectorType(Columns)] public VBuffer<float> Features { get; set; }
        public float Label { get; set; }
        public float Weight { get; set; }
    }
}
