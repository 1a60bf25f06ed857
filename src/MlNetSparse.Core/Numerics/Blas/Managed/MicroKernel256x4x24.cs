// Written by `dotnet run --project eng/GemmKernelGenerator`: change the generator, not this file.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetSparse.Core.Numerics.Blas.Managed;

/// <summary>A Vector256 micro-kernel, 4×24 tiles in 12 accumulator registers of 8 floats: for C at most 8 rows tall.</summary>
/// <remarks>Written out in full (generated) so every accumulator is a local the JIT keeps in a register.</remarks>
internal readonly unsafe struct MicroKernel256x4x24 : IMicroKernel
{
    /// <inheritdoc/>
    public static int Rows => 4;
    /// <inheritdoc/>
    public static int Columns => 24;

    /// <inheritdoc/>
    public static string Name => "Vector256, 4×24 tiles";

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        Vector256<float> c0_0 = default, c0_1 = default, c0_2 = default;
        Vector256<float> c1_0 = default, c1_1 = default, c1_2 = default;
        Vector256<float> c2_0 = default, c2_1 = default, c2_2 = default;
        Vector256<float> c3_0 = default, c3_1 = default, c3_2 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b + 0);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> b2 = Vector256.Load(b + 16);
            Vector256<float> a0 = Vector256.Create(a[0]);
            c0_0 = Vector256.MultiplyAddEstimate(a0, b0, c0_0);
            c0_1 = Vector256.MultiplyAddEstimate(a0, b1, c0_1);
            c0_2 = Vector256.MultiplyAddEstimate(a0, b2, c0_2);
            Vector256<float> a1 = Vector256.Create(a[1]);
            c1_0 = Vector256.MultiplyAddEstimate(a1, b0, c1_0);
            c1_1 = Vector256.MultiplyAddEstimate(a1, b1, c1_1);
            c1_2 = Vector256.MultiplyAddEstimate(a1, b2, c1_2);
            Vector256<float> a2 = Vector256.Create(a[2]);
            c2_0 = Vector256.MultiplyAddEstimate(a2, b0, c2_0);
            c2_1 = Vector256.MultiplyAddEstimate(a2, b1, c2_1);
            c2_2 = Vector256.MultiplyAddEstimate(a2, b2, c2_2);
            Vector256<float> a3 = Vector256.Create(a[3]);
            c3_0 = Vector256.MultiplyAddEstimate(a3, b0, c3_0);
            c3_1 = Vector256.MultiplyAddEstimate(a3, b1, c3_1);
            c3_2 = Vector256.MultiplyAddEstimate(a3, b2, c3_2);
            a += 4;
            b += 24;
        }
        Vector256<float> va = Vector256.Create(alpha);
        if (beta == 0f)
        {
            (va * c0_0).Store(c + 0 * ldc + 0);
            (va * c0_1).Store(c + 0 * ldc + 8);
            (va * c0_2).Store(c + 0 * ldc + 16);
            (va * c1_0).Store(c + 1 * ldc + 0);
            (va * c1_1).Store(c + 1 * ldc + 8);
            (va * c1_2).Store(c + 1 * ldc + 16);
            (va * c2_0).Store(c + 2 * ldc + 0);
            (va * c2_1).Store(c + 2 * ldc + 8);
            (va * c2_2).Store(c + 2 * ldc + 16);
            (va * c3_0).Store(c + 3 * ldc + 0);
            (va * c3_1).Store(c + 3 * ldc + 8);
            (va * c3_2).Store(c + 3 * ldc + 16);
        }
        else
        {
            Vector256<float> vb = Vector256.Create(beta);
            (va * c0_0 + vb * Vector256.Load(c + 0 * ldc + 0)).Store(c + 0 * ldc + 0);
            (va * c0_1 + vb * Vector256.Load(c + 0 * ldc + 8)).Store(c + 0 * ldc + 8);
            (va * c0_2 + vb * Vector256.Load(c + 0 * ldc + 16)).Store(c + 0 * ldc + 16);
            (va * c1_0 + vb * Vector256.Load(c + 1 * ldc + 0)).Store(c + 1 * ldc + 0);
            (va * c1_1 + vb * Vector256.Load(c + 1 * ldc + 8)).Store(c + 1 * ldc + 8);
            (va * c1_2 + vb * Vector256.Load(c + 1 * ldc + 16)).Store(c + 1 * ldc + 16);
            (va * c2_0 + vb * Vector256.Load(c + 2 * ldc + 0)).Store(c + 2 * ldc + 0);
            (va * c2_1 + vb * Vector256.Load(c + 2 * ldc + 8)).Store(c + 2 * ldc + 8);
            (va * c2_2 + vb * Vector256.Load(c + 2 * ldc + 16)).Store(c + 2 * ldc + 16);
            (va * c3_0 + vb * Vector256.Load(c + 3 * ldc + 0)).Store(c + 3 * ldc + 0);
            (va * c3_1 + vb * Vector256.Load(c + 3 * ldc + 8)).Store(c + 3 * ldc + 8);
            (va * c3_2 + vb * Vector256.Load(c + 3 * ldc + 16)).Store(c + 3 * ldc + 16);
        }
    }
}
