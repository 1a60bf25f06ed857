// Written by `dotnet run --project eng/GemmKernelGenerator`: change the generator, not this file.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetSparse.Core.Numerics.Blas.Managed;

/// <summary>A Vector512 micro-kernel, 4×64 tiles in 16 accumulator registers of 16 floats: for C at most 8 rows tall.</summary>
/// <remarks>Written out in full (generated) so every accumulator is a local the JIT keeps in a register.</remarks>
internal readonly unsafe struct MicroKernel512x4x64 : IMicroKernel
{
    /// <inheritdoc/>
    public static int Rows => 4;
    /// <inheritdoc/>
    public static int Columns => 64;

    /// <inheritdoc/>
    public static string Name => "Vector512, 4×64 tiles";

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        Vector512<float> c0_0 = default, c0_1 = default, c0_2 = default, c0_3 = default;
        Vector512<float> c1_0 = default, c1_1 = default, c1_2 = default, c1_3 = default;
        Vector512<float> c2_0 = default, c2_1 = default, c2_2 = default, c2_3 = default;
        Vector512<float> c3_0 = default, c3_1 = default, c3_2 = default, c3_3 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b + 0);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> b2 = Vector512.Load(b + 32);
            Vector512<float> b3 = Vector512.Load(b + 48);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c0_0 = Vector512.MultiplyAddEstimate(a0, b0, c0_0);
            c0_1 = Vector512.MultiplyAddEstimate(a0, b1, c0_1);
            c0_2 = Vector512.MultiplyAddEstimate(a0, b2, c0_2);
            c0_3 = Vector512.MultiplyAddEstimate(a0, b3, c0_3);
            Vector512<float> a1 = Vector512.Create(a[1]);
            c1_0 = Vector512.MultiplyAddEstimate(a1, b0, c1_0);
            c1_1 = Vector512.MultiplyAddEstimate(a1, b1, c1_1);
            c1_2 = Vector512.MultiplyAddEstimate(a1, b2, c1_2);
            c1_3 = Vector512.MultiplyAddEstimate(a1, b3, c1_3);
            Vector512<float> a2 = Vector512.Create(a[2]);
            c2_0 = Vector512.MultiplyAddEstimate(a2, b0, c2_0);
            c2_1 = Vector512.MultiplyAddEstimate(a2, b1, c2_1);
            c2_2 = Vector512.MultiplyAddEstimate(a2, b2, c2_2);
            c2_3 = Vector512.MultiplyAddEstimate(a2, b3, c2_3);
            Vector512<float> a3 = Vector512.Create(a[3]);
            c3_0 = Vector512.MultiplyAddEstimate(a3, b0, c3_0);
            c3_1 = Vector512.MultiplyAddEstimate(a3, b1, c3_1);
            c3_2 = Vector512.MultiplyAddEstimate(a3, b2, c3_2);
            c3_3 = Vector512.MultiplyAddEstimate(a3, b3, c3_3);
            a += 4;
            b += 64;
        }
        Vector512<float> va = Vector512.Create(alpha);
        if (beta == 0f)
        {
            (va * c0_0).Store(c + 0 * ldc + 0);
            (va * c0_1).Store(c + 0 * ldc + 16);
            (va * c0_2).Store(c + 0 * ldc + 32);
            (va * c0_3).Store(c + 0 * ldc + 48);
            (va * c1_0).Store(c + 1 * ldc + 0);
            (va * c1_1).Store(c + 1 * ldc + 16);
            (va * c1_2).Store(c + 1 * ldc + 32);
            (va * c1_3).Store(c + 1 * ldc + 48);
            (va * c2_0).Store(c + 2 * ldc + 0);
            (va * c2_1).Store(c + 2 * ldc + 16);
            (va * c2_2).Store(c + 2 * ldc + 32);
            (va * c2_3).Store(c + 2 * ldc + 48);
            (va * c3_0).Store(c + 3 * ldc + 0);
            (va * c3_1).Store(c + 3 * ldc + 16);
            (va * c3_2).Store(c + 3 * ldc + 32);
            (va * c3_3).Store(c + 3 * ldc + 48);
        }
        else
        {
            Vector512<float> vb = Vector512.Create(beta);
            (va * c0_0 + vb * Vector512.Load(c + 0 * ldc + 0)).Store(c + 0 * ldc + 0);
            (va * c0_1 + vb * Vector512.Load(c + 0 * ldc + 16)).Store(c + 0 * ldc + 16);
            (va * c0_2 + vb * Vector512.Load(c + 0 * ldc + 32)).Store(c + 0 * ldc + 32);
            (va * c0_3 + vb * Vector512.Load(c + 0 * ldc + 48)).Store(c + 0 * ldc + 48);
            (va * c1_0 + vb * Vector512.Load(c + 1 * ldc + 0)).Store(c + 1 * ldc + 0);
            (va * c1_1 + vb * Vector512.Load(c + 1 * ldc + 16)).Store(c + 1 * ldc + 16);
            (va * c1_2 + vb * Vector512.Load(c + 1 * ldc + 32)).Store(c + 1 * ldc + 32);
            (va * c1_3 + vb * Vector512.Load(c + 1 * ldc + 48)).Store(c + 1 * ldc + 48);
            (va * c2_0 + vb * Vector512.Load(c + 2 * ldc + 0)).Store(c + 2 * ldc + 0);
            (va * c2_1 + vb * Vector512.Load(c + 2 * ldc + 16)).Store(c + 2 * ldc + 16);
            (va * c2_2 + vb * Vector512.Load(c + 2 * ldc + 32)).Store(c + 2 * ldc + 32);
            (va * c2_3 + vb * Vector512.Load(c + 2 * ldc + 48)).Store(c + 2 * ldc + 48);
            (va * c3_0 + vb * Vector512.Load(c + 3 * ldc + 0)).Store(c + 3 * ldc + 0);
            (va * c3_1 + vb * Vector512.Load(c + 3 * ldc + 16)).Store(c + 3 * ldc + 16);
            (va * c3_2 + vb * Vector512.Load(c + 3 * ldc + 32)).Store(c + 3 * ldc + 32);
            (va * c3_3 + vb * Vector512.Load(c + 3 * ldc + 48)).Store(c + 3 * ldc + 48);
        }
    }
}
