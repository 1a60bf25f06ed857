// Written by `dotnet run --project eng/GemmKernelGenerator`: change the generator, not this file.
using System.Runtime.CompilerServices;

namespace MlNetSparse.Core.Numerics.Blas.Managed;

/// <summary>The scalar micro-kernel, 4×4 tiles in 16 accumulators: for hardware without SIMD acceleration.</summary>
/// <remarks>Written out in full (generated) so every accumulator is a local the JIT keeps in a register.</remarks>
internal readonly unsafe struct MicroKernelScalar4x4 : IMicroKernel
{
    /// <inheritdoc/>
    public static int Rows => 4;
    /// <inheritdoc/>
    public static int Columns => 4;

    /// <inheritdoc/>
    public static string Name => "scalar, 4×4 tiles";

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        float c0_0 = 0f, c0_1 = 0f, c0_2 = 0f, c0_3 = 0f;
        float c1_0 = 0f, c1_1 = 0f, c1_2 = 0f, c1_3 = 0f;
        float c2_0 = 0f, c2_1 = 0f, c2_2 = 0f, c2_3 = 0f;
        float c3_0 = 0f, c3_1 = 0f, c3_2 = 0f, c3_3 = 0f;
        for (int p = 0; p < kc; p++)
        {
            float b0 = b[0];
            float b1 = b[1];
            float b2 = b[2];
            float b3 = b[3];
            float a0 = a[0];
            c0_0 = float.MultiplyAddEstimate(a0, b0, c0_0);
            c0_1 = float.MultiplyAddEstimate(a0, b1, c0_1);
            c0_2 = float.MultiplyAddEstimate(a0, b2, c0_2);
            c0_3 = float.MultiplyAddEstimate(a0, b3, c0_3);
            float a1 = a[1];
            c1_0 = float.MultiplyAddEstimate(a1, b0, c1_0);
            c1_1 = float.MultiplyAddEstimate(a1, b1, c1_1);
            c1_2 = float.MultiplyAddEstimate(a1, b2, c1_2);
            c1_3 = float.MultiplyAddEstimate(a1, b3, c1_3);
            float a2 = a[2];
            c2_0 = float.MultiplyAddEstimate(a2, b0, c2_0);
            c2_1 = float.MultiplyAddEstimate(a2, b1, c2_1);
            c2_2 = float.MultiplyAddEstimate(a2, b2, c2_2);
            c2_3 = float.MultiplyAddEstimate(a2, b3, c2_3);
            float a3 = a[3];
            c3_0 = float.MultiplyAddEstimate(a3, b0, c3_0);
            c3_1 = float.MultiplyAddEstimate(a3, b1, c3_1);
            c3_2 = float.MultiplyAddEstimate(a3, b2, c3_2);
            c3_3 = float.MultiplyAddEstimate(a3, b3, c3_3);
            a += 4;
            b += 4;
        }
        if (beta == 0f)
        {
            c[0 * ldc + 0] = alpha * c0_0;
            c[0 * ldc + 1] = alpha * c0_1;
            c[0 * ldc + 2] = alpha * c0_2;
            c[0 * ldc + 3] = alpha * c0_3;
            c[1 * ldc + 0] = alpha * c1_0;
            c[1 * ldc + 1] = alpha * c1_1;
            c[1 * ldc + 2] = alpha * c1_2;
            c[1 * ldc + 3] = alpha * c1_3;
            c[2 * ldc + 0] = alpha * c2_0;
            c[2 * ldc + 1] = alpha * c2_1;
            c[2 * ldc + 2] = alpha * c2_2;
            c[2 * ldc + 3] = alpha * c2_3;
            c[3 * ldc + 0] = alpha * c3_0;
            c[3 * ldc + 1] = alpha * c3_1;
            c[3 * ldc + 2] = alpha * c3_2;
            c[3 * ldc + 3] = alpha * c3_3;
        }
        else
        {
            c[0 * ldc + 0] = alpha * c0_0 + beta * c[0 * ldc + 0];
            c[0 * ldc + 1] = alpha * c0_1 + beta * c[0 * ldc + 1];
            c[0 * ldc + 2] = alpha * c0_2 + beta * c[0 * ldc + 2];
            c[0 * ldc + 3] = alpha * c0_3 + beta * c[0 * ldc + 3];
            c[1 * ldc + 0] = alpha * c1_0 + beta * c[1 * ldc + 0];
            c[1 * ldc + 1] = alpha * c1_1 + beta * c[1 * ldc + 1];
            c[1 * ldc + 2] = alpha * c1_2 + beta * c[1 * ldc + 2];
            c[1 * ldc + 3] = alpha * c1_3 + beta * c[1 * ldc + 3];
            c[2 * ldc + 0] = alpha * c2_0 + beta * c[2 * ldc + 0];
            c[2 * ldc + 1] = alpha * c2_1 + beta * c[2 * ldc + 1];
            c[2 * ldc + 2] = alpha * c2_2 + beta * c[2 * ldc + 2];
            c[2 * ldc + 3] = alpha * c2_3 + beta * c[2 * ldc + 3];
            c[3 * ldc + 0] = alpha * c3_0 + beta * c[3 * ldc + 0];
            c[3 * ldc + 1] = alpha * c3_1 + beta * c[3 * ldc + 1];
            c[3 * ldc + 2] = alpha * c3_2 + beta * c[3 * ldc + 2];
            c[3 * ldc + 3] = alpha * c3_3 + beta * c[3 * ldc + 3];
        }
    }
}
