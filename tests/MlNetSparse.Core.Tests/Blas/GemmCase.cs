namespace MlNetSparse.Tests.Core.Blas;

/// <summary>
/// One SGEMM problem: shape, how much wider than its rows each matrix is stored, the scalars, and
/// whether C starts as NaN (to show β = 0 ignores it). Generates its own seeded data.
/// </summary>
public sealed record GemmCase(bool TransposeA, bool TransposeB, int M, int N, int K,
    float Alpha = 1f, float Beta = 0f, int PadA = 0, int PadB = 0, int PadC = 0, bool NanInC = false)
{
    /// <summary>Elements of C outside the m×n product (row padding, a tail) hold this; no backend may change them.</summary>
    public const float Sentinel = 12345.5f;

    /// <summary>Extra elements after each matrix's last one, so a write past the end shows.</summary>
    public const int Tail = 5;

    public int Lda => Math.Max(1, TransposeA ? M : K) + PadA;
    public int Ldb => Math.Max(1, TransposeB ? K : N) + PadB;
    public int Ldc => Math.Max(1, N) + PadC;

    /// <summary>A, B and the starting C for this case, from <paramref name="seed"/>.</summary>
    public (float[] A, float[] B, float[] C) Data(int seed)
    {
        var random = new Random(seed);
        float[] a = Matrix(random, TransposeA ? K : M, TransposeA ? M : K, Lda, 0f);
        float[] b = Matrix(random, TransposeB ? N : K, TransposeB ? K : N, Ldb, 0f);
        float[] c = Matrix(random, M, N, Ldc, Sentinel);
        if (NanInC)
            for (int i = 0; i < M; i++)
                Array.Fill(c, float.NaN, i * Ldc, N);
        return (a, b, c);
    }

    public override string ToString() =>
        $"{(TransposeA ? "Aᵀ" : "A")}·{(TransposeB ? "Bᵀ" : "B")} {M}×{N}×{K} α={Alpha} β={Beta}" +
        $" lda={Lda} ldb={Ldb} ldc={Ldc}{(NanInC ? " NaN-C" : "")}";

    private static float[] Matrix(Random random, int rows, int columns, int leading, float padding)
    {
        int length = (rows == 0 || columns == 0 ? 0 : (rows - 1) * leading + columns) + Tail;
        var values = new float[length];
        Array.Fill(values, padding);
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < columns; j++)
                values[r * leading + j] = (float)(2 * random.NextDouble() - 1);
        return values;
    }
}
