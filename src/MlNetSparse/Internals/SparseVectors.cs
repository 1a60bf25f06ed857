using Microsoft.ML.Data;

namespace MlNetSparse.Internals;

/// <summary>Sparse ML.NET vectors from dense spans: the zip and the scoring cost then scale with the nonzeros.</summary>
internal static class SparseVectors
{
    /// <summary>A sparse VBuffer holding the nonzero entries of <paramref name="dense"/>.</summary>
    public static VBuffer<float> FromDense(ReadOnlySpan<float> dense)
    {
        var indices = new List<int>();
        var values = new List<float>();
        for (int j = 0; j < dense.Length; j++)
        {
            if (dense[j] == 0f)
                continue;
            indices.Add(j);
            values.Add(dense[j]);
        }
        return new VBuffer<float>(dense.Length, values.Count, [.. values], [.. indices]);
    }
}
