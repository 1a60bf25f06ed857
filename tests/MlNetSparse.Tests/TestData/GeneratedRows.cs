using System.Collections;
using Microsoft.ML.Data;

namespace MlNetSparse.Tests.TestData;

/// <summary>One row of <see cref="GeneratedRows"/>: 8 standard-normal features, a real and a Boolean label.</summary>
public sealed class GeneratedRow
{
    [VectorType(GeneratedRows.FeatureCount)] public float[] Features { get; set; } = [];
    public float Label { get; set; }
    public bool Positive { get; set; }
}

/// <summary>
/// Rows computed from their index on every enumeration, never stored: a data set a trainer can only
/// hold if it copies it. Through <c>LoadFromEnumerable</c> it is an IDataView of unknown row count
/// whose every cursor is one enumeration, which this class counts (passes, rows yielded).
/// Label = 2·x₁ − 3·x₅ + 0.5 + 0.1·noise; Positive = (2·x₁ − 3·x₅ + noise &gt; 0).
/// </summary>
public sealed class GeneratedRows(int rowCount, int seed = 1) : IEnumerable<GeneratedRow>
{
    public const int FeatureCount = 8;

    private int _passes;
    private long _rowsYielded;

    /// <summary>Called with (pass from 1, row index) before each row is yielded; may throw.</summary>
    public Action<int, int>? OnRow { get; init; }

    /// <summary>Enumerations begun (cursor passes over the data).</summary>
    public int Passes => Volatile.Read(ref _passes);

    /// <summary>Rows yielded over all passes.</summary>
    public long RowsYielded => Interlocked.Read(ref _rowsYielded);

    /// <summary>Row i, the same on every pass.</summary>
    public static GeneratedRow Row(int i, int seed)
    {
        var random = new Random(unchecked(seed * 1_000_003 + i));
        float[] x = SyntheticData.Gaussian(random, FeatureCount);
        double noise = random.NextGaussian();
        double signal = 2 * x[1] - 3 * x[5];
        return new GeneratedRow { Features = x, Label = (float)(signal + 0.5 + 0.1 * noise), Positive = signal + noise > 0 };
    }

    public IEnumerator<GeneratedRow> GetEnumerator()
    {
        int pass = Interlocked.Increment(ref _passes);
        for (int i = 0; i < rowCount; i++)
        {
            OnRow?.Invoke(pass, i);
            Interlocked.Increment(ref _rowsYielded);
            yield return Row(i, seed);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
