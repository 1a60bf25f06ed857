namespace MlNetSparse.Core.Numerics.Blas;

/// <summary>
/// The checks and the degenerate cases every backend shares, done in managed code before any
/// kernel runs: a native library trusts its arguments, so a wrong leading dimension or a short span
/// must become an exception here rather than a read past the end of a buffer there.
/// </summary>
internal static class SgemmArguments
{
    /// <summary>
    /// Throws unless the shapes are non-negative, each leading dimension covers its row, and each
    /// span holds the last element the product touches.
    /// </summary>
    public static void Validate(bool transposeA, bool transposeB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        Guard.InRange(m, 0, int.MaxValue);
        Guard.InRange(n, 0, int.MaxValue);
        Guard.InRange(k, 0, int.MaxValue);
        // As stored: A is m×k (k×m when transposed), B is k×n (n×k when transposed).
        CheckMatrix(transposeA ? k : m, transposeA ? m : k, aLength, lda, "a", "lda", transposeA ? "A (stored k×m)" : "A (m×k)");
        CheckMatrix(transposeB ? n : k, transposeB ? k : n, bLength, ldb, "b", "ldb", transposeB ? "B (stored n×k)" : "B (k×n)");
        CheckMatrix(m, n, cLength, ldc, "c", "ldc", "C (m×n)");
    }

    /// <summary>
    /// Handles the products with nothing to multiply, as BLAS defines them: no-op when C is empty,
    /// C ← β·C when k = 0 or α = 0 (with β = 0 writing zeros, so NaNs in C do not survive).
    /// Returns true when nothing is left for a kernel to do.
    /// </summary>
    public static bool HandledWithoutProduct(int m, int n, int k, float alpha, float beta, Span<float> c, int ldc)
    {
        if (m == 0 || n == 0)
            return true;
        if (k != 0 && alpha != 0f)
            return false;
        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * ldc, n);
            if (beta == 0f)
                row.Clear();
            else if (beta != 1f)
                for (int j = 0; j < row.Length; j++)
                    row[j] *= beta;
        }
        return true;
    }

    private static void CheckMatrix(int rows, int columns, int length, int leadingDimension,
        string spanName, string leadingName, string what)
    {
        int minimumLeading = Math.Max(1, columns);
        if (leadingDimension < minimumLeading)
            throw new ArgumentOutOfRangeException(leadingName,
                $"{leadingName} must be ≥ {minimumLeading} (the row length of {what}); got {leadingDimension}.");
        long needed = rows == 0 || columns == 0 ? 0 : (long)(rows - 1) * leadingDimension + columns;
        if (length < needed)
            throw new ArgumentException(
                $"{spanName} must hold at least {needed} elements for {what} with {rows} rows of leading dimension {leadingDimension}; got {length}.",
                spanName);
    }
}
