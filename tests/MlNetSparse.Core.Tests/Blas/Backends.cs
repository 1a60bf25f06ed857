using MlNetSparse.Core.Numerics.Blas;
using MlNetSparse.Core.Numerics.Blas.Native;

namespace MlNetSparse.Tests.Core.Blas;

/// <summary>Access to the backends for tests, with an explicit account of the ones that do not load.</summary>
public static class Backends
{
    /// <summary>Set to 1 in CI, where Debian's OpenBLAS is installed: its absence is then a failure.</summary>
    public const string RequireOpenBlasVariable = "MLNETSPARSE_REQUIRE_OPENBLAS";

    /// <summary>Every concrete kind, as theory data.</summary>
    public static TheoryData<BlasBackendKind> ConcreteKinds => new(Enum.GetValues<BlasBackendKind>().Where(k => k != BlasBackendKind.Auto));

    /// <summary>
    /// The backend of <paramref name="kind"/>; where it does not load, after asserting that its absence
    /// is consistent (not listed by <see cref="BlasBackend.Available"/>), the test is skipped with the
    /// library names tried, or fails where <see cref="RequireOpenBlasVariable"/> asks for OpenBLAS.
    /// </summary>
    public static IBlas LoadOrSkip(BlasBackendKind kind)
    {
        if (BlasBackend.TryLoad(kind, out IBlas? blas))
        {
            Assert.NotNull(blas);
            Assert.Equal(kind, blas.Kind);
            Assert.Contains(kind, BlasBackend.Available());
            return blas;
        }
        Assert.DoesNotContain(kind, BlasBackend.Available());
        Assert.NotEqual(BlasBackendKind.Managed, kind);
        BlasBackendLoader.TryGet(kind, out string attempts);
        string absence = $"{NativeBlasLibrary.For(kind).DisplayName} is not installed here: tried {attempts}";
        if (kind == BlasBackendKind.OpenBlas && Environment.GetEnvironmentVariable(RequireOpenBlasVariable) == "1")
            Assert.Fail($"{RequireOpenBlasVariable}=1 but {absence} (install libopenblas0-pthread).");
        Assert.Skip(absence + ".");
        throw new InvalidOperationException("Unreachable: Assert.Skip throws.");
    }

    /// <summary>The SGEMM of a case on a backend, as <see cref="GemmReference.Check"/> runs it.</summary>
    public static Action<float[], float[], float[]> Sgemm(IBlas blas, GemmCase g) =>
        (a, b, c) => blas.Sgemm(g.TransposeA, g.TransposeB, g.M, g.N, g.K, g.Alpha, a, g.Lda, b, g.Ldb, g.Beta, c, g.Ldc);
}
