// Written by `dotnet run --project eng/GemmKernelGenerator`: change the generator, not this file.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetSparse.Core.Numerics.Blas.Managed;

/// <summary>A Vector128 micro-kernel, 6×8 tiles in 12 accumulator registers of 4 floats: the general case.</summary>
/// <remarks>Written out in full (generated) so every accumulator is a local the JIT keeps in a register.</remarks>
internal readonly unsafe struct MicroKernel128x6x8 : IMicroKernel
{
    /// <inheritdoc/>
    public static int Rows => 6;
    /// <inheritdoc/>
    public static int Columns => 8;

    /// <inheritdoc/>
    public static string Name => "Vector128, 6×8 tiles";

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        Vector128<float> c0_0 = default, c0_1 = default;
        Vector128<float> c1_0 = default, c1_1 = default;
        Vector128<float> c2_0 = default, c2_1 = default;
        Vector128<float> c3_0 = default, c3_1 = default;
        Vector128<float> c4_0 = default, c4_1 = default;
        Vector128<float> c5_0 = default, c5_1 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector128<float> b0 = Vector128.Load(b + 0);
            Vector128<float> b1 = Vector128.Load(b + 4);
            Vector128<float> a0 = Vector128.Create(a[0]);
            c0_0 = Vector128.MultiplyAddEstimate(a0, b0, c0_0);
            c0_1 = Vector128.MultiplyAddEstimate(a0, b1, c0_1);
            Vector128<float> a1 = Vector128.Create(a[1]);
            c1_0 = Vector128.MultiplyAddEstimate(a1, b0, c1_0);
            c1_1 = Vector128.MultiplyAddEstimate(a1, b1, c1_1);
            Vector128<float> a2 = Vector128.Create(a[2]);
            c2_0 = Vector128.MultiplyAddEstimate(a2, b0, c2_0);
            c2_1 = Vector128.MultiplyAddEstimate(a2, b1, c2_1);
            Vector128<float> a3 = Vector128.Create(a[3]);
            c3_0 = Vector128.MultiplyAddEstimate(a3, b0, c3_0);
            c3_1 = Vector128.MultiplyAddEstimate(a3, b1, c3_1);
            Vector128<float> a4 = Vector128.Create(a[4]);
            c4_0 = Vector128.MultiplyAddEstimate(a4, b0, c4_0);
            c4_1 = Vector128.MultiplyAddEstimate(a4, b1, c4_1);
            Vector128<float> a5 = Vector128.Create(a[5]);
            c5_0 = Vector128.MultiplyAddEstimate(a5, b0, c5_0);
            c5_1 = Vector128.MultiplyAddEstimate(a5, b1, c5_1);
            a += 6;
            b += 8;
        }
        Vector128<float> va = Vector128.Create(alpha);
        if (beta == 0f)
        {
            (va * c0_0).Store(c + 0 * ldc + 0);
            (va * c0_1).Store(c + 0 * ldc + 4);
            (va * c1_0).Store(c + 1 * ldc + 0);
            (va * c1_1).Store(c + 1 * ldc + 4);
            (va * c2_0).Store(c + 2 * ldc + 0);
            (va * c2_1).Store(c + 2 * ldc + 4);
            (va * c3_0).Store(c + 3 * ldc + 0);
            (va * c3_1).Store(c + 3 * ldc + 4);
            (va * c4_0).Store(c + 4 * ldc + 0);
            (va * c4_1).Store(c + 4 * ldc + 4);
            (va * c5_0).Store(c + 5 * ldc + 0);
            (va * c5_1).Store(c + 5 * ldc + 4);
        }
        else
        {
            Vector128<float> vb = Vector128.Create(beta);
            (va * c0_0 + vb * Vector128.Load(c + 0 * ldc + 0)).Store(c + 0 * ldc + 0);
            (va * c0_1 + vb * Vector128.Load(c + 0 * ldc + 4)).Store(c + 0 * ldc + 4);
            (va * c1_0 + vb * Vector128.Load(c + 1 * ldc + 0)).Store(c + 1 * ldc + 0);
            (va * c1_1 + vb * Vector128.Load(c + 1 * ldc + 4)).Store(c + 1 * ldc + 4);
            (va * c2_0 + vb * Vector128.Load(c + 2 * ldc + 0)).Store(c + 2 * ldc + 0);
            (va * c2_1 + vb * Vector128.Load(c + 2 * ldc + 4)).Store(c + 2 * ldc + 4);
            (va * c3_0 + vb * Vector128.Load(c + 3 * ldc + 0)).Store(c + 3 * ldc + 0);
            (va * c3_1 + vb * Vector128.Load(c + 3 * ldc + 4)).Store(c + 3 * ldc + 4);
            (va * c4_0 + vb * Vector128.Load(c + 4 * ldc + 0)).Store(c + 4 * ldc + 0);
            (va * c4_1 + vb * Vector128.Load(c + 4 * ldc + 4)).Store(c + 4 * ldc + 4);
            (va * c5_0 + vb * Vector128.Load(c + 5 * ldc + 0)).Store(c + 5 * ldc + 0);
            (va * c5_1 + vb * Vector128.Load(c + 5 * ldc + 4)).Store(c + 5 * ldc + 4);
        }
    }
}
