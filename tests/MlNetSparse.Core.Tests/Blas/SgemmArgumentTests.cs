using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Tests.Core.Blas;

/// <summary>
/// Bad shapes, leading dimensions and short spans are exceptions naming the argument, from every
/// backend, before any native code could read or write past a buffer.
/// </summary>
public class SgemmArgumentTests
{
    // A 7×13 times 13×17 product, stored without padding.
    private const int M = 7, N = 17, K = 13;

    [Theory]
    [MemberData(nameof(Backends.ConcreteKinds), MemberType = typeof(Backends))]
    public void NegativeDimensions_NameTheDimension(BlasBackendKind kind)
    {
        IBlas blas = Backends.LoadOrSkip(kind);
        AssertRejects<ArgumentOutOfRangeException>(blas, "m", "m must be in [0, ", m: -1);
        AssertRejects<ArgumentOutOfRangeException>(blas, "n", "n must be in [0, ", n: -2);
        AssertRejects<ArgumentOutOfRangeException>(blas, "k", "k must be in [0, ", k: -3);
    }

    [Theory]
    [MemberData(nameof(Backends.ConcreteKinds), MemberType = typeof(Backends))]
    public void LeadingDimensionsShorterThanTheRow_NameTheLeadingDimension(BlasBackendKind kind)
    {
        IBlas blas = Backends.LoadOrSkip(kind);
        AssertRejects<ArgumentOutOfRangeException>(blas, "lda", $"lda must be ≥ {K} (the row length of A (m×k)); got {K - 1}.", lda: K - 1);
        AssertRejects<ArgumentOutOfRangeException>(blas, "lda", $"lda must be ≥ {M} (the row length of A (stored k×m))", transposeA: true, lda: M - 1);
        AssertRejects<ArgumentOutOfRangeException>(blas, "ldb", $"ldb must be ≥ {N}", ldb: N - 1);
        AssertRejects<ArgumentOutOfRangeException>(blas, "ldb", $"ldb must be ≥ {K}", transposeB: true, ldb: K - 1);
        AssertRejects<ArgumentOutOfRangeException>(blas, "ldc", $"ldc must be ≥ {N}", ldc: N - 1);
        AssertRejects<ArgumentOutOfRangeException>(blas, "ldc", "ldc must be ≥ 1", n: 0, ldc: 0);
    }

    [Theory]
    [MemberData(nameof(Backends.ConcreteKinds), MemberType = typeof(Backends))]
    public void SpansTooShortForTheLastElement_NameTheSpan(BlasBackendKind kind)
    {
        IBlas blas = Backends.LoadOrSkip(kind);
        AssertRejects<ArgumentException>(blas, "a", $"a must hold at least {M * K} elements", aLength: M * K - 1);
        AssertRejects<ArgumentException>(blas, "b", $"b must hold at least {K * N} elements", bLength: K * N - 1);
        AssertRejects<ArgumentException>(blas, "c", $"c must hold at least {M * N} elements", cLength: M * N - 1);
        // With padding the last row needs only its own length, not a whole leading dimension.
        AssertRejects<ArgumentException>(blas, "c", $"c must hold at least {(M - 1) * (N + 4) + N} elements", ldc: N + 4, cLength: (M - 1) * (N + 4) + N - 1);
    }

    [Theory]
    [MemberData(nameof(Backends.ConcreteKinds), MemberType = typeof(Backends))]
    public void ExactlySizedSpans_AreAccepted(BlasBackendKind kind)
    {
        IBlas blas = Backends.LoadOrSkip(kind);
        int ldc = N + 4;
        var c = new float[(M - 1) * ldc + N];
        blas.Sgemm(false, false, M, N, K, 1f, new float[M * K], K, new float[K * N], N, 0f, c, ldc);
        Assert.All(c, value => Assert.Equal(0f, value));
    }

    private static void AssertRejects<TException>(IBlas blas, string parameter, string message,
        bool transposeA = false, bool transposeB = false, int m = M, int n = N, int k = K,
        int? lda = null, int? ldb = null, int? ldc = null, int? aLength = null, int? bLength = null, int? cLength = null)
        where TException : ArgumentException
    {
        var a = new float[aLength ?? M * K];
        var b = new float[bLength ?? K * N];
        var c = new float[cLength ?? M * N];
        int defaultLda = transposeA ? M : K, defaultLdb = transposeB ? K : N;
        var error = Assert.Throws<TException>(() =>
            blas.Sgemm(transposeA, transposeB, m, n, k, 1f, a, lda ?? defaultLda, b, ldb ?? defaultLdb, 0f, c, ldc ?? N));
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(message, error.Message);
    }
}
