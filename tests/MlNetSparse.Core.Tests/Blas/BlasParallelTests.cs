using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Tests.Core.Blas;

/// <summary>Splitting C into row panels across threads changes no bit.</summary>
public class BlasParallelTests
{
    [Fact]
    public void Managed_ParallelEqualsOneCall_BitForBit()
    {
        var blas = new ManagedBlas();
        foreach (GemmCase g in GemmCases.Large)
        {
            Assert.True(BlasParallel.PanelRows(g.M, g.N, g.K) < g.M, $"{g} should be split");
            var (a, b, c0) = g.Data(seed: 7);
            float[] single = (float[])c0.Clone(), parallel = (float[])c0.Clone();
            blas.Sgemm(g.TransposeA, g.TransposeB, g.M, g.N, g.K, g.Alpha, a, g.Lda, b, g.Ldb, g.Beta, single, g.Ldc);
            BlasParallel.Sgemm(blas, g.TransposeA, g.TransposeB, g.M, g.N, g.K, g.Alpha, a, g.Lda, b, g.Ldb, g.Beta, parallel, g.Ldc);
            Assert.True(single.AsSpan().SequenceEqual(parallel), $"parallel differs from one call on {g}");
        }
    }

    [Theory]
    [MemberData(nameof(Backends.ConcreteKinds), MemberType = typeof(Backends))]
    public void EveryBackend_OneThreadEqualsManyThreads_AndMatchesTheDefinition(BlasBackendKind kind)
    {
        IBlas blas = Backends.LoadOrSkip(kind);
        foreach (GemmCase g in GemmCases.Large.Concat(GemmCases.All))
        {
            float[] oneThread = GemmReference.Check(g, Parallel(blas, g, threads: 1), $"{blas.Description}, 1 thread", seed: 9);
            var (a, b, manyThreads) = g.Data(seed: 9);
            Parallel(blas, g, threads: 8)(a, b, manyThreads);
            Assert.True(oneThread.AsSpan().SequenceEqual(manyThreads), $"{blas.Description}: 1 and 8 threads differ on {g}");
        }
    }

    [Theory]
    [InlineData(10, 10, 10)]
    [InlineData(48, 5000, 5000)]
    [InlineData(49, 5000, 5000)]
    [InlineData(1000, 64, 70)]
    [InlineData(100_000, 100, 100)]
    public void PanelRows_CoverTheRowsInFewWholeQuanta(int m, int n, int k)
    {
        int rows = BlasParallel.PanelRows(m, n, k);
        if ((long)m * n * k < BlasParallel.MinimumParallelWork || m <= BlasParallel.PanelQuantum)
        {
            Assert.Equal(m, rows);
            return;
        }
        Assert.Equal(0, rows % BlasParallel.PanelQuantum);
        int panels = (m + rows - 1) / rows;
        Assert.InRange(panels, 2, BlasParallel.MaximumPanels);
    }

    [Fact]
    public void NullBackend_IsRejected()
    {
        var c = new float[1];
        var error = Assert.Throws<ArgumentNullException>(() =>
            BlasParallel.Sgemm(null!, false, false, 1, 1, 1, 1f, new float[1], 1, new float[1], 1, 0f, c, 1));
        Assert.Equal("blas", error.ParamName);
    }

    private static Action<float[], float[], float[]> Parallel(IBlas blas, GemmCase g, int threads) =>
        (a, b, c) => BlasParallel.Sgemm(blas, g.TransposeA, g.TransposeB, g.M, g.N, g.K, g.Alpha, a, g.Lda, b, g.Ldb, g.Beta, c, g.Ldc, threads);
}
