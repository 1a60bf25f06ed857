namespace MlNetSparse.Tests.Core.Blas;

/// <summary>
/// The definition of SGEMM in double precision, and the check of a float result against it with
/// the rounding-error bound of a length-k dot product: |c − ĉ| ≤ 2(k + 4)·u·(|α|·Σₚ|a||b| + |β|·|c₀|).
/// </summary>
public static class GemmReference
{
    private const double UnitRoundoff = 1.0 / (1 << 24);

    /// <summary>Runs <paramref name="sgemm"/> on the case's data and checks every element of C, including that padding is untouched.</summary>
    public static float[] Check(GemmCase g, Action<float[], float[], float[]> sgemm, string label, int seed = 1)
    {
        var (a, b, c0) = g.Data(seed);
        float[] c = (float[])c0.Clone();
        sgemm(a, b, c);
        AssertMatches(g, a, b, c0, c, label);
        return c;
    }

    /// <summary>Asserts <paramref name="actual"/> is the SGEMM of the case from <paramref name="c0"/>.</summary>
    public static void AssertMatches(GemmCase g, float[] a, float[] b, float[] c0, float[] actual, string label)
    {
        for (int i = 0; i < g.M; i++)
            for (int j = 0; j < g.N; j++)
            {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < g.K; p++)
                {
                    double product = (double)A(g, a, i, p) * B(g, b, p, j);
                    sum += product;
                    magnitude += Math.Abs(product);
                }
                double old = c0[i * g.Ldc + j];
                double expected = g.Alpha * sum + (g.Beta == 0 ? 0 : g.Beta * old);
                double scale = Math.Abs(g.Alpha) * magnitude + (g.Beta == 0 ? 0 : Math.Abs(g.Beta * old));
                double tolerance = 2 * (g.K + 4) * UnitRoundoff * scale + 1e-30;
                float value = actual[i * g.Ldc + j];
                Assert.True(Math.Abs(value - expected) <= tolerance,
                    $"{label}, {g}: C[{i},{j}] = {value}, expected {expected} ± {tolerance:G3}");
            }
        for (int index = 0; index < actual.Length; index++)
        {
            bool inside = index / g.Ldc < g.M && index % g.Ldc < g.N;
            if (!inside)
                Assert.True(actual[index] == GemmCase.Sentinel, $"{label}, {g}: C[{index}] outside the product changed to {actual[index]}");
        }
    }

    private static float A(GemmCase g, float[] a, int i, int p) => g.TransposeA ? a[p * g.Lda + i] : a[i * g.Lda + p];

    private static float B(GemmCase g, float[] b, int p, int j) => g.TransposeB ? b[j * g.Ldb + p] : b[p * g.Ldb + j];
}
