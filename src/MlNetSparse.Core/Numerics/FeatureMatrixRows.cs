namespace MlNetSparse.Core.Numerics;

/// <summary>Copies chosen rows of a feature matrix into a new matrix of the same storage (a train/validation split).</summary>
internal static class FeatureMatrixRows
{
    /// <summary>The rows <paramref name="rows"/> of <paramref name="matrix"/>, in that order, as a new matrix.</summary>
    /// <exception cref="NotSupportedException">The matrix is neither <see cref="DenseFeatureMatrix"/> nor <see cref="SparseFeatureMatrix"/>.</exception>
    public static IFeatureMatrix SelectRows(this IFeatureMatrix matrix, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        Guard.InRange(rows.Length, 1, int.MaxValue, "rows.Length");
        foreach (int row in rows)
            if ((uint)row >= (uint)matrix.RowCount)
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row indices must be in [0, {matrix.RowCount - 1}]; got {row}.");
        return matrix switch
        {
            DenseFeatureMatrix dense => SelectDense(dense, rows),
            SparseFeatureMatrix sparse => SelectSparse(sparse, rows),
            _ => throw new NotSupportedException($"Selecting rows of a {matrix.GetType().Name} is not supported; only dense and sparse (CSR) feature matrices are."),
        };
    }

    private static DenseFeatureMatrix SelectDense(DenseFeatureMatrix matrix, ReadOnlySpan<int> rows)
    {
        int n = matrix.ColumnCount;
        var values = new float[checked(rows.Length * n)];
        for (int r = 0; r < rows.Length; r++)
            matrix.Row(rows[r]).CopyTo(values.AsSpan(r * n, n));
        return new DenseFeatureMatrix(values, rows.Length, n);
    }

    private static SparseFeatureMatrix SelectSparse(SparseFeatureMatrix matrix, ReadOnlySpan<int> rows)
    {
        var rowStarts = new int[rows.Length + 1];
        for (int r = 0; r < rows.Length; r++)
            rowStarts[r + 1] = checked(rowStarts[r] + matrix.RowColumns(rows[r]).Length);
        var columns = new int[rowStarts[^1]];
        var values = new float[rowStarts[^1]];
        for (int r = 0; r < rows.Length; r++)
        {
            matrix.RowColumns(rows[r]).CopyTo(columns.AsSpan(rowStarts[r]));
            matrix.RowValues(rows[r]).CopyTo(values.AsSpan(rowStarts[r]));
        }
        return new SparseFeatureMatrix(rowStarts, columns, values, matrix.ColumnCount);
    }
}
