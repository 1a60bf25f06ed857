namespace MlNetSparse.Tests.Core.Blas;

/// <summary>The shapes every backend is checked on, each in all four transpose combinations.</summary>
public static class GemmCases
{
    /// <summary>Shapes as (m, n, k, α, β, padding of A/B/C, NaN in C).</summary>
    private static readonly GemmCase[] Shapes =
    [
        new(false, false, 1, 1, 1),
        new(false, false, 7, 13, 17),                                   // primes: every tile is an edge tile
        new(false, false, 64, 64, 64),
        new(false, false, 1000, 3, 50),                                 // tall and skinny
        new(false, false, 3, 1000, 50),                                 // short and wide
        new(false, false, 13, 33, 9, Alpha: -1.5f, Beta: 0.25f),
        new(false, false, 29, 31, 37, PadA: 3, PadB: 5, PadC: 7),       // leading dimensions larger than the rows
        new(false, false, 12, 32, 40, Alpha: 2f, Beta: 1f, PadC: 1),    // one full 512-bit tile, β = 1
        new(false, false, 9, 11, 5, Beta: 0f, NanInC: true),            // β = 0 must not read C
        new(false, false, 33, 45, 600, Beta: 0.5f),                     // k spans three depth blocks
        new(false, false, 300, 40, 30),                                 // m spans three row blocks
        new(false, false, 5, 2100, 8, Beta: -1f),                       // n spans two column blocks
        new(false, false, 5, 4, 0, Beta: 0.5f),                         // k = 0: C ← β·C
        new(false, false, 5, 4, 0, Beta: 0f, NanInC: true),             // k = 0, β = 0: C ← 0
        new(false, false, 6, 7, 8, Alpha: 0f, Beta: 2f),                // α = 0: C ← β·C
        new(false, false, 0, 4, 3),
        new(false, false, 4, 0, 3),
    ];

    /// <summary>Every shape in every transpose combination.</summary>
    public static IEnumerable<GemmCase> All =>
        from shape in Shapes
        from transposeA in new[] { false, true }
        from transposeB in new[] { false, true }
        select shape with { TransposeA = transposeA, TransposeB = transposeB };

    /// <summary>Products large enough that <c>BlasParallel</c> splits them (m·n·k ≥ 2²²), with edge tiles.</summary>
    public static IEnumerable<GemmCase> Large =>
        from shape in new GemmCase[]
        {
            new(false, false, 301, 203, 100, Alpha: 0.5f, Beta: 0.75f, PadA: 1, PadB: 2, PadC: 3),
            new(false, false, 1000, 64, 70, NanInC: true),
        }
        from transposeA in new[] { false, true }
        from transposeB in new[] { false, true }
        select shape with { TransposeA = transposeA, TransposeB = transposeB };
}
