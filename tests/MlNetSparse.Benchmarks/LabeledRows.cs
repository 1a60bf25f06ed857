using Microsoft.ML.Data;
using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Benchmarks;

/// <summary>Rows that an IDataView can serve by index, in any order.</summary>
internal interface IRowSource
{
    int RowCount { get; }

    int FeatureCount { get; }

    /// <summary>Writes row <paramref name="row"/>'s features into <paramref name="features"/> (reusing its buffers) and returns its label.</summary>
    bool ReadRow(int row, ref VBuffer<float> features);
}

/// <summary>Materialised rows with 0/1 labels: the arrays the core objective and the streaming read work on.</summary>
internal abstract class LabeledRows(float[] labels) : IRowSource
{
    private IFeatureMatrix? _matrix;

    /// <summary>y ∈ {0, 1} as floats, as <see cref="Core.Objectives.LogisticLoss"/> takes them.</summary>
    public float[] Labels { get; } = labels;

    public int RowCount => Labels.Length;

    public abstract int FeatureCount { get; }

    /// <summary>Entries stored (m·n when dense).</summary>
    public abstract long StoredCount { get; }

    /// <summary>Bytes one pass over the features reads: values, plus column indices and row starts for CSR.</summary>
    public abstract long StoredBytes { get; }

    /// <summary>The core's matrix over these arrays (no copy), made once.</summary>
    public IFeatureMatrix Matrix => _matrix ??= CreateMatrix();

    /// <summary>One streaming read of every stored array; returns a checksum so the read cannot be optimised away.</summary>
    public abstract double ReadAllOnce(int threads);

    public abstract bool ReadRow(int row, ref VBuffer<float> features);

    protected abstract IFeatureMatrix CreateMatrix();
}
