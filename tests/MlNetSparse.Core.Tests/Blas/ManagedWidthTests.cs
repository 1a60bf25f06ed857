using System.Runtime.Intrinsics;
using MlNetSparse.Core.Numerics.Blas;
using MlNetSparse.Core.Numerics.Blas.Managed;

namespace MlNetSparse.Tests.Core.Blas;

/// <summary>
/// The managed GEMM on each vector width this machine can run, so the paths of narrower machines
/// (AVX2-only, SSE/NEON, no SIMD) are exercised here too.
/// </summary>
public class ManagedWidthTests
{
    // In bits: the enum is internal, and a public test method cannot take it.
    public static TheoryData<int> Widths => new(Enum.GetValues<ManagedVectorWidth>().Select(w => (int)w));

    [Theory]
    [MemberData(nameof(Widths))]
    public void EachWidth_MatchesTheDoublePrecisionDefinition(int bits)
    {
        var width = (ManagedVectorWidth)bits;
        var blas = new ManagedBlas(width);
        Assert.Equal(Expected(width), blas.Width);
        foreach (GemmCase g in GemmCases.All)
            GemmReference.Check(g, Backends.Sgemm(blas, g), blas.Description);
    }

    // Every kernel of every width the hardware accelerates, forced whatever the shape (the
    // automatic choice would give each kernel only the shapes it is picked for).
    public static TheoryData<int> AcceleratedKernels => new(Enum.GetValues<GemmKernel>()
        .Where(kernel => GemmKernels.WidthOf(kernel) <= new ManagedBlas().Width)
        .Select(kernel => (int)kernel));

    [Theory]
    [MemberData(nameof(AcceleratedKernels))]
    public void EachKernel_MatchesTheDefinition_AndTheScalarKernelBitForBit(int kernelIndex)
    {
        var blas = new ManagedBlas((GemmKernel)kernelIndex);
        var scalar = new ManagedBlas(GemmKernel.Scalar4x4);
        foreach (GemmCase g in GemmCases.All)
        {
            float[] c = GemmReference.Check(g, Backends.Sgemm(blas, g), blas.Description, seed: 11);
            var (a, b, c0) = g.Data(seed: 11);
            Backends.Sgemm(scalar, g)(a, b, c0);
            Assert.True(c.AsSpan().SequenceEqual(c0), $"{blas.Description} differs from {scalar.Description} on {g}");
        }
    }

    [Fact]
    public void AllWidths_GiveTheSameBits()
    {
        // Same rounding per element by construction (one FMA chain per depth block, then α·s + β·c),
        // so a result does not depend on the machine's vector width. Fused everywhere needs FMA
        // hardware, which every machine with 256-bit or wider vectors has.
        var widths = Enum.GetValues<ManagedVectorWidth>().Select(w => new ManagedBlas(w)).ToArray();
        foreach (GemmCase g in GemmCases.All.Concat(GemmCases.Large))
        {
            var (a, b, c0) = g.Data(seed: 3);
            float[]? first = null;
            foreach (ManagedBlas blas in widths)
            {
                float[] c = (float[])c0.Clone();
                Backends.Sgemm(blas, g)(a, b, c);
                if (first is null)
                    first = c;
                else
                    Assert.True(first.AsSpan().SequenceEqual(c), $"{blas.Description} differs from {widths[0].Description} on {g}");
            }
        }
    }

    [Fact]
    public void DefaultInstance_UsesTheWidestAcceleratedVectors()
    {
        var widest = Vector512.IsHardwareAccelerated ? ManagedVectorWidth.Vector512
            : Vector256.IsHardwareAccelerated ? ManagedVectorWidth.Vector256
            : Vector128.IsHardwareAccelerated ? ManagedVectorWidth.Vector128
            : ManagedVectorWidth.Scalar;
        Assert.Equal(widest, new ManagedBlas().Width);
    }

    [Fact]
    public void RepeatedCalls_AllocateNothing()
    {
        var blas = new ManagedBlas();
        const int n = 70;
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        blas.Sgemm(true, false, n, n, n, 1f, a, n, b, n, 0f, c, n); // first call on this thread: buffers
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
            blas.Sgemm(i % 2 == 0, i % 3 == 0, n, n, n, 1f, a, n, b, n, 0.5f, c, n);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    // A cap above what the hardware accelerates falls back to the widest it does.
    private static ManagedVectorWidth Expected(ManagedVectorWidth cap) => cap switch
    {
        ManagedVectorWidth.Vector512 when !Vector512.IsHardwareAccelerated => Expected(ManagedVectorWidth.Vector256),
        ManagedVectorWidth.Vector256 when !Vector256.IsHardwareAccelerated => Expected(ManagedVectorWidth.Vector128),
        ManagedVectorWidth.Vector128 when !Vector128.IsHardwareAccelerated => ManagedVectorWidth.Scalar,
        _ => cap,
    };
}
