// Written by `dotnet run --project eng/GemmKernelGenerator`: change the generator, not this file.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetSparse.Core.Numerics.Blas.Managed;

/// <summary>A Vector512 micro-kernel, 12×32 tiles in 24 accumulator registers of 16 floats: the general case.</summary>
/// <remarks>Written out in full (generated) so every accumulator is a local the JIT keeps in a register.</remarks>
internal readonly unsafe struct MicroKernel512x12x32 : IMicroKernel
{
    /// <inheritdoc/>
    public static int Rows => 12;
    /// <inheritdoc/>
    public static int Columns => 32;

    /// <inheritdoc/>
    public static string Name => "Vector512, 12×32 tiles";

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        Vector512<float> c0_0 = default, c0_1 = default;
        Vector512<float> c1_0 = default, c1_1 = default;
        Vector512<float> c2_0 = default, c2_1 = default;
        Vector512<float> c3_0 = default, c3_1 = default;
        Vector512<float> c4_0 = default, c4_1 = default;
        Vector512<float> c5_0 = default, c5_1 = default;
        Vector512<float> c6_0 = default, c6_1 = default;
        Vector512<float> c7_0 = default, c7_1 = default;
        Vector512<float> c8_0 = default, c8_1 = default;
        Vector512<float> c9_0 = default, c9_1 = default;
        Vector512<float> c10_0 = default, c10_1 = default;
        Vector512<float> c11_0 = default, c11_1 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b + 0);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c0_0 = Vector512.MultiplyAddEstimate(a0, b0, c0_0);
            c0_1 = Vector512.MultiplyAddEstimate(a0, b1, c0_1);
            Vector512<float> a1 = Vector512.Create(a[1]);
            c1_0 = Vector512.MultiplyAddEstimate(a1, b0, c1_0);
            c1_1 = Vector512.MultiplyAddEstimate(a1, b1, c1_1);
            Vector512<float> a2 = Vector512.Create(a[2]);
            c2_0 = Vector512.MultiplyAddEstimate(a2, b0, c2_0);
            c2_1 = Vector512.MultiplyAddEstimate(a2, b1, c2_1);
            Vector512<float> a3 = Vector512.Create(a[3]);
            c3_0 = Vector512.MultiplyAddEstimate(a3, b0, c3_0);
            c3_1 = Vector512.MultiplyAddEstimate(a3, b1, c3_1);
            Vector512<float> a4 = Vector512.Create(a[4]);
            c4_0 = Vector512.MultiplyAddEstimate(a4, b0, c4_0);
            c4_1 = Vector512.MultiplyAddEstimate(a4, b1, c4_1);
            Vector512<float> a5 = Vector512.Create(a[5]);
            c5_0 = Vector512.MultiplyAddEstimate(a5, b0, c5_0);
            c5_1 = Vector512.MultiplyAddEstimate(a5, b1, c5_1);
            Vector512<float> a6 = Vector512.Create(a[6]);
            c6_0 = Vector512.MultiplyAddEstimate(a6, b0, c6_0);
            c6_1 = Vector512.MultiplyAddEstimate(a6, b1, c6_1);
            Vector512<float> a7 = Vector512.Create(a[7]);
            c7_0 = Vector512.MultiplyAddEstimate(a7, b0, c7_0);
            c7_1 = Vector512.MultiplyAddEstimate(a7, b1, c7_1);
            Vector512<float> a8 = Vector512.Create(a[8]);
            c8_0 = Vector512.MultiplyAddEstimate(a8, b0, c8_0);
            c8_1 = Vector512.MultiplyAddEstimate(a8, b1, c8_1);
            Vector512<float> a9 = Vector512.Create(a[9]);
            c9_0 = Vector512.MultiplyAddEstimate(a9, b0, c9_0);
            c9_1 = Vector512.MultiplyAddEstimate(a9, b1, c9_1);
            Vector512<float> a10 = Vector512.Create(a[10]);
            c10_0 = Vector512.MultiplyAddEstimate(a10, b0, c10_0);
            c10_1 = Vector512.MultiplyAddEstimate(a10, b1, c10_1);
            Vector512<float> a11 = Vector512.Create(a[11]);
            c11_0 = Vector512.MultiplyAddEstimate(a11, b0, c11_0);
            c11_1 = Vector512.MultiplyAddEstimate(a11, b1, c11_1);
            a += 12;
            b += 32;
        }
        Vector512<float> va = Vector512.Create(alpha);
        if (beta == 0f)
        {
            (va * c0_0).Store(c + 0 * ldc + 0);
            (va * c0_1).Store(c + 0 * ldc + 16);
            (va * c1_0).Store(c + 1 * ldc + 0);
            (va * c1_1).Store(c + 1 * ldc + 16);
            (va * c2_0).Store(c + 2 * ldc + 0);
            (va * c2_1).Store(c + 2 * ldc + 16);
            (va * c3_0).Store(c + 3 * ldc + 0);
            (va * c3_1).Store(c + 3 * ldc + 16);
            (va * c4_0).Store(c + 4 * ldc + 0);
            (va * c4_1).Store(c + 4 * ldc + 16);
            (va * c5_0).Store(c + 5 * ldc + 0);
            (va * c5_1).Store(c + 5 * ldc + 16);
            (va * c6_0).Store(c + 6 * ldc + 0);
            (va * c6_1).Store(c + 6 * ldc + 16);
            (va * c7_0).Store(c + 7 * ldc + 0);
            (va * c7_1).Store(c + 7 * ldc + 16);
            (va * c8_0).Store(c + 8 * ldc + 0);
            (va * c8_1).Store(c + 8 * ldc + 16);
            (va * c9_0).Store(c + 9 * ldc + 0);
            (va * c9_1).Store(c + 9 * ldc + 16);
            (va * c10_0).Store(c + 10 * ldc + 0);
            (va * c10_1).Store(c + 10 * ldc + 16);
            (va * c11_0).Store(c + 11 * ldc + 0);
            (va * c11_1).Store(c + 11 * ldc + 16);
        }
        else
        {
            Vector512<float> vb = Vector512.Create(beta);
            (va * c0_0 + vb * Vector512.Load(c + 0 * ldc + 0)).Store(c + 0 * ldc + 0);
            (va * c0_1 + vb * Vector512.Load(c + 0 * ldc + 16)).Store(c + 0 * ldc + 16);
            (va * c1_0 + vb * Vector512.Load(c + 1 * ldc + 0)).Store(c + 1 * ldc + 0);
            (va * c1_1 + vb * Vector512.Load(c + 1 * ldc + 16)).Store(c + 1 * ldc + 16);
            (va * c2_0 + vb * Vector512.Load(c + 2 * ldc + 0)).Store(c + 2 * ldc + 0);
            (va * c2_1 + vb * Vector512.Load(c + 2 * ldc + 16)).Store(c + 2 * ldc + 16);
            (va * c3_0 + vb * Vector512.Load(c + 3 * ldc + 0)).Store(c + 3 * ldc + 0);
            (va * c3_1 + vb * Vector512.Load(c + 3 * ldc + 16)).Store(c + 3 * ldc + 16);
            (va * c4_0 + vb * Vector512.Load(c + 4 * ldc + 0)).Store(c + 4 * ldc + 0);
            (va * c4_1 + vb * Vector512.Load(c + 4 * ldc + 16)).Store(c + 4 * ldc + 16);
            (va * c5_0 + vb * Vector512.Load(c + 5 * ldc + 0)).Store(c + 5 * ldc + 0);
            (va * c5_1 + vb * Vector512.Load(c + 5 * ldc + 16)).Store(c + 5 * ldc + 16);
            (va * c6_0 + vb * Vector512.Load(c + 6 * ldc + 0)).Store(c + 6 * ldc + 0);
            (va * c6_1 + vb * Vector512.Load(c + 6 * ldc + 16)).Store(c + 6 * ldc + 16);
            (va * c7_0 + vb * Vector512.Load(c + 7 * ldc + 0)).Store(c + 7 * ldc + 0);
            (va * c7_1 + vb * Vector512.Load(c + 7 * ldc + 16)).Store(c + 7 * ldc + 16);
            (va * c8_0 + vb * Vector512.Load(c + 8 * ldc + 0)).Store(c + 8 * ldc + 0);
            (va * c8_1 + vb * Vector512.Load(c + 8 * ldc + 16)).Store(c + 8 * ldc + 16);
            (va * c9_0 + vb * Vector512.Load(c + 9 * ldc + 0)).Store(c + 9 * ldc + 0);
            (va * c9_1 + vb * Vector512.Load(c + 9 * ldc + 16)).Store(c + 9 * ldc + 16);
            (va * c10_0 + vb * Vector512.Load(c + 10 * ldc + 0)).Store(c + 10 * ldc + 0);
            (va * c10_1 + vb * Vector512.Load(c + 10 * ldc + 16)).Store(c + 10 * ldc + 16);
            (va * c11_0 + vb * Vector512.Load(c + 11 * ldc + 0)).Store(c + 11 * ldc + 0);
            (va * c11_1 + vb * Vector512.Load(c + 11 * ldc + 16)).Store(c + 11 * ldc + 16);
        }
    }
}
