namespace MlNetSparse.Core.Numerics.Blas.Managed;

/// <summary>
/// A register-blocked GEMM micro-kernel: one <see cref="Rows"/>×<see cref="Columns"/> tile of C
/// from a packed sliver of A and of B. A struct implements it so that
/// <see cref="BlockedGemm.Run{TKernel}"/> is compiled once per kernel with the tile size as a
/// constant and the call inlined, instead of going through a delegate in the hot loop.
/// </summary>
/// <remarks>
/// Every kernel does the same arithmetic per element of C, whatever its vector width: a fused
/// multiply-add chain over p in order, started from zero, then c ← α·s + β·c with the two products
/// rounded separately. That is what makes the result independent of the width, of the tile an
/// element falls in, and of how rows are split between threads.
/// </remarks>
internal unsafe interface IMicroKernel
{
    /// <summary>Rows of the tile (the A sliver's height).</summary>
    static abstract int Rows { get; }

    /// <summary>Columns of the tile (the B sliver's width).</summary>
    static abstract int Columns { get; }

    /// <summary>A short name for descriptions, e.g. "Vector512, 12×32 tiles".</summary>
    static abstract string Name { get; }

    /// <summary>
    /// C[0..Rows, 0..Columns] ← α·Σₚ a[p]·b[p] + β·C, where <paramref name="a"/> holds kc groups
    /// of Rows values and <paramref name="b"/> kc groups of Columns values. β = 0 does not read C.
    /// </summary>
    static abstract void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta);
}
