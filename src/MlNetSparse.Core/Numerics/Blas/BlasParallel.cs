using System.Runtime.ExceptionServices;

namespace MlNetSparse.Core.Numerics.Blas;

/// <summary>
/// A large SGEMM spread over cores: C is cut into row panels, each panel is one ordinary
/// <see cref="IBlas.Sgemm"/> call on a pool thread. The cut depends on the shape only, never on the
/// number of cores, so a backend gives the same bits on 1 or N threads; for
/// <see cref="ManagedBlas"/> they are also the bits of a single call.
/// </summary>
public static class BlasParallel
{
    /// <summary>Panels are multiples of this many rows: a multiple of every managed kernel's tile height.</summary>
    internal const int PanelQuantum = 48;

    /// <summary>At most this many panels, so per-panel overhead (each packs B again) stays small.</summary>
    internal const int MaximumPanels = 64;

    /// <summary>Below this many multiply-adds (m·n·k), one call: scheduling would cost more than it saves.</summary>
    internal const long MinimumParallelWork = 1L << 22;

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C as <see cref="IBlas.Sgemm"/> defines it, computed by
    /// <paramref name="blas"/> in row panels run in parallel when the product is large.
    /// </summary>
    /// <param name="blas">The backend each panel calls.</param>
    /// <param name="transposeA">Use Aᵀ: A is then stored k×m.</param>
    /// <param name="transposeB">Use Bᵀ: B is then stored n×k.</param>
    /// <param name="m">Rows of op(A) and of C.</param>
    /// <param name="n">Columns of op(B) and of C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">α.</param>
    /// <param name="a">A, row-major with leading dimension <paramref name="lda"/>.</param>
    /// <param name="lda">Distance between rows of A as stored.</param>
    /// <param name="b">B, row-major with leading dimension <paramref name="ldb"/>.</param>
    /// <param name="ldb">Distance between rows of B as stored.</param>
    /// <param name="beta">β.</param>
    /// <param name="c">C, m×n row-major with leading dimension <paramref name="ldc"/>.</param>
    /// <param name="ldc">Distance between rows of C.</param>
    public static void Sgemm(IBlas blas, bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        Sgemm(blas, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, maximumThreads: -1);

    /// <summary>As the public overload, on at most <paramref name="maximumThreads"/> threads (-1: no limit); for tests.</summary>
    internal static unsafe void Sgemm(IBlas blas, bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        int maximumThreads)
    {
        ArgumentNullException.ThrowIfNull(blas);
        SgemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        int panelRows = PanelRows(m, n, k);
        if (panelRows >= m)
        {
            blas.Sgemm(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }

        int panels = (m + panelRows - 1) / panelRows;
        fixed (float* pa = a, pb = b, pc = c)
        {
            // Spans cannot cross into a lambda; addresses can, and the arrays stay pinned until
            // Parallel.For returns.
            nint aAddress = (nint)pa, bAddress = (nint)pb, cAddress = (nint)pc;
            int bLength = b.Length;
            var options = new ParallelOptions { MaxDegreeOfParallelism = maximumThreads };
            try
            {
                Parallel.For(0, panels, options, panel =>
                {
                    int row0 = panel * panelRows;
                    int rows = Math.Min(panelRows, m - row0);
                    // The panel's rows of op(A): rows of A as stored, or columns when transposed.
                    long aOffset = transposeA ? row0 : (long)row0 * lda;
                    int aLength = transposeA ? (k - 1) * lda + rows : (rows - 1) * lda + k;
                    var panelA = new ReadOnlySpan<float>((float*)aAddress + aOffset, aLength);
                    var panelB = new ReadOnlySpan<float>((float*)bAddress, bLength);
                    var panelC = new Span<float>((float*)cAddress + (long)row0 * ldc, (rows - 1) * ldc + n);
                    blas.Sgemm(transposeA, transposeB, rows, n, k, alpha, panelA, lda, panelB, ldb, beta, panelC, ldc);
                });
            }
            catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count == 1)
            {
                ExceptionDispatchInfo.Capture(aggregate.InnerExceptions[0]).Throw();
            }
        }
    }

    /// <summary>
    /// The rows per panel for an m×n×k product: all of m when the product is small, else a multiple
    /// of <see cref="PanelQuantum"/> giving at most <see cref="MaximumPanels"/> panels. A function
    /// of the shape alone.
    /// </summary>
    internal static int PanelRows(int m, int n, int k)
    {
        if ((long)m * n * k < MinimumParallelWork || m <= PanelQuantum)
            return Math.Max(m, 1);
        int quanta = (m + PanelQuantum - 1) / PanelQuantum;
        int quantaPerPanel = (quanta + MaximumPanels - 1) / MaximumPanels;
        return quantaPerPanel * PanelQuantum;
    }
}
