namespace GemmKernelGenerator;

/// <summary>One micro-kernel to write: its vector width, its tile and what the tile shape is for.</summary>
/// <param name="VectorBits">128, 256 or 512 for Vector128/256/512 of float; 0 for the scalar kernel.</param>
/// <param name="Rows">Rows of the tile: one broadcast of A per row and step p.</param>
/// <param name="Columns">Columns of the tile: a whole number of vectors.</param>
/// <param name="Purpose">The end of the summary: which products the shape serves.</param>
internal sealed record KernelSpec(int VectorBits, int Rows, int Columns, string Purpose)
{
    /// <summary>
    /// Every kernel GemmKernels chooses from. A tile keeps Rows × Columns / Lanes accumulators in
    /// registers (12 of AVX2's 16, 24 or 16 of AVX-512's 32), the shapes picked per width in
    /// GemmKernels.Choose: a general tile, one for C few columns wide, one for C few rows tall.
    /// </summary>
    public static IReadOnlyList<KernelSpec> All { get; } =
    [
        new(512, 12, 32, "the general case."),
        new(512, 12, 16, "for C at most 16 columns wide."),
        new(512, 4, 64, "for C at most 8 rows tall."),
        new(256, 6, 16, "the general case (12 of AVX2's 16 registers)."),
        new(256, 12, 8, "for C at most 8 columns wide."),
        new(256, 4, 24, "for C at most 8 rows tall."),
        new(128, 6, 8, "the general case."),
        new(128, 12, 4, "for C at most 4 columns wide."),
        new(128, 4, 12, "for C at most 8 rows tall."),
        new(0, 4, 4, "for hardware without SIMD acceleration."),
    ];

    /// <summary>Whether this is the scalar kernel (one float per accumulator).</summary>
    public bool IsScalar => VectorBits == 0;

    /// <summary>Floats per accumulator.</summary>
    public int Lanes => IsScalar ? 1 : VectorBits / 32;

    /// <summary>Accumulators per tile row.</summary>
    public int VectorsPerRow => Columns / Lanes;

    /// <summary>The struct's name, which is also its file's name: MicroKernel256x6x16, MicroKernelScalar4x4.</summary>
    public string TypeName => IsScalar ? $"MicroKernelScalar{Rows}x{Columns}" : $"MicroKernel{VectorBits}x{Rows}x{Columns}";
}
