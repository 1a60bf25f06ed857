using MlNetSparse.Core.Numerics.Blas;
using MlNetSparse.Core.Numerics.Blas.Native;

namespace MlNetSparse.Tests.Core.Blas;

/// <summary>Every backend that loads computes SGEMM as defined, on every shape and transpose combination.</summary>
public class BackendAccuracyTests
{
    [Theory]
    [MemberData(nameof(Backends.ConcreteKinds), MemberType = typeof(Backends))]
    public void Sgemm_MatchesTheDoublePrecisionDefinition(BlasBackendKind kind)
    {
        IBlas blas = Backends.LoadOrSkip(kind);
        foreach (GemmCase g in GemmCases.All)
            GemmReference.Check(g, Backends.Sgemm(blas, g), blas.Description);
    }

    [Theory]
    [MemberData(nameof(Backends.ConcreteKinds), MemberType = typeof(Backends))]
    public void Sgemm_OfIdentity_ReturnsTheOtherFactorExactly(BlasBackendKind kind)
    {
        // A closed form with no rounding at all: I·B = B and B·I = B, bit for bit.
        IBlas blas = Backends.LoadOrSkip(kind);
        const int n = 37;
        var identity = new float[n * n];
        for (int i = 0; i < n; i++)
            identity[i * n + i] = 1f;
        var random = new Random(5);
        float[] b = Enumerable.Range(0, n * n).Select(_ => (float)random.NextDouble()).ToArray();
        var c = new float[n * n];

        blas.Sgemm(false, false, n, n, n, 1f, identity, n, b, n, 0f, c, n);
        Assert.Equal(b, c);
        blas.Sgemm(false, true, n, n, n, 1f, b, n, identity, n, 0f, c, n);
        Assert.Equal(b, c);
    }

    [Theory]
    [MemberData(nameof(Backends.ConcreteKinds), MemberType = typeof(Backends))]
    public void Description_NamesTheBackend(BlasBackendKind kind)
    {
        IBlas blas = Backends.LoadOrSkip(kind);
        Assert.False(string.IsNullOrWhiteSpace(blas.Description));
        if (kind == BlasBackendKind.Managed)
            Assert.StartsWith("managed (", blas.Description);
        else
            Assert.Contains(NativeBlasLibrary.For(kind).FileNames, name => blas.Description.Contains(name)); // the file that loaded
    }
}
