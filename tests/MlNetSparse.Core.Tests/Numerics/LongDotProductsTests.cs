using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Tests.Core.Numerics;

/// <summary>C += A·Bᵀ by long dot products, against the sum in double precision, and each entry independent of the shape around it.</summary>
public class LongDotProductsTests
{
    private static float[] Random(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(1, 1, 7)]
    [InlineData(3, 4, 8)]
    [InlineData(6, 25, 1000)]
    [InlineData(7, 9, 37)]
    [InlineData(5, 6, 2053)]
    [InlineData(2, 3, 16)]
    public void AddProducts_IsTheSumOfProducts_AddedToC(int m, int n, int length)
    {
        var random = new Random(m * 1000 + n * 10 + length);
        int lda = length + 3, ldb = length + 1, ldc = n + 2;
        float[] a = Random(random, m * lda), b = Random(random, n * ldb), c = Random(random, m * ldc), before = (float[])c.Clone();

        LongDotProducts.AddProducts(m, n, length, a, lda, b, ldb, c, ldc);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = before[i * ldc + j];
                for (int p = 0; p < length; p++)
                    sum += (double)a[i * lda + p] * b[j * ldb + p];
                // float32 accumulation over `length` terms of magnitude ≤ 1: a few ulps of the terms' total.
                Assert.Equal(sum, c[i * ldc + j], 1e-6 * (length + 1));
            }
            for (int j = n; j < ldc; j++)
                Assert.Equal(before[i * ldc + j], c[i * ldc + j]);   // the gap between rows is untouched
        }
    }

    [Fact]
    public void EachEntry_IsTheSameBits_WhereverItSitsInATile()
    {
        // 7 × 9 has whole 3 × 4 tiles, a remainder column and a remainder row; every entry must equal the
        // single dot product of its two rows.
        var random = new Random(5);
        const int m = 7, n = 9, length = 301;
        float[] a = Random(random, m * length), b = Random(random, n * length), c = new float[m * n];
        LongDotProducts.AddProducts(m, n, length, a, length, b, length, c, n);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                var single = new float[1];
                LongDotProducts.AddProducts(1, 1, length, a.AsSpan(i * length, length), length, b.AsSpan(j * length, length), length, single, 1);
                Assert.Equal(BitConverter.SingleToInt32Bits(single[0]), BitConverter.SingleToInt32Bits(c[i * n + j]));
            }
    }

    [Fact]
    public void TooShortAMatrix_NamesItAndTheSizeNeeded()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            LongDotProducts.AddProducts(2, 2, 10, new float[15], 10, new float[20], 10, new float[4], 2));
        Assert.Contains("a holds 15 floats", e.Message);
        Assert.Contains("need 20", e.Message);
    }
}
