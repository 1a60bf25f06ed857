using System.Text;

namespace GemmKernelGenerator;

/// <summary>
/// The C# source of one micro-kernel, written out in full: every accumulator a named local, so the
/// JIT keeps each in a register (an array or a loop over the tile would go through memory).
/// </summary>
/// <remarks>
/// Each kernel does IMicroKernel's arithmetic per element of C: a fused multiply-add chain over p
/// from zero, then c ← α·s + β·c with the two products rounded separately. Every width writes the
/// same expressions, which is why the kernels agree bit for bit.
/// </remarks>
internal static class KernelSource
{
    /// <summary>The namespace of the kernels (src/MlNetSparse.Core/Numerics/Blas/Managed).</summary>
    public const string Namespace = "MlNetSparse.Core.Numerics.Blas.Managed";

    /// <summary>The first line of every file written, naming the command that writes it.</summary>
    public const string Header = "// Written by `dotnet run --project eng/GemmKernelGenerator`: change the generator, not this file.";

    /// <summary>The whole file for <paramref name="kernel"/>, lines ending in '\n'.</summary>
    public static string Of(KernelSpec kernel)
    {
        var text = new Writer();
        text.Line(Header);
        text.Line("using System.Runtime.CompilerServices;");
        if (!kernel.IsScalar)
            text.Line("using System.Runtime.Intrinsics;");
        text.Line();
        text.Line($"namespace {Namespace};");
        text.Line();
        text.Line($"/// <summary>{Summary(kernel)}</summary>");
        text.Line("/// <remarks>Written out in full (generated) so every accumulator is a local the JIT keeps in a register.</remarks>");
        text.Line($"internal readonly unsafe struct {kernel.TypeName} : IMicroKernel");
        text.Line("{");
        text.Line("    /// <inheritdoc/>");
        text.Line($"    public static int Rows => {kernel.Rows};");
        text.Line("    /// <inheritdoc/>");
        text.Line($"    public static int Columns => {kernel.Columns};");
        text.Line();
        text.Line("    /// <inheritdoc/>");
        text.Line($"    public static string Name => \"{(kernel.IsScalar ? "scalar" : Vector(kernel))}, {kernel.Rows}×{kernel.Columns} tiles\";");
        text.Line();
        text.Line("    /// <inheritdoc/>");
        text.Line("    [MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        text.Line("    public static void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)");
        text.Line("    {");
        if (kernel.IsScalar)
            ScalarBody(kernel, text);
        else
            VectorBody(kernel, text);
        text.Line("    }");
        text.Line("}");
        return text.ToString();
    }

    private static string Summary(KernelSpec kernel) => kernel.IsScalar
        ? $"The scalar micro-kernel, {kernel.Rows}×{kernel.Columns} tiles in {kernel.Rows * kernel.Columns} accumulators: {kernel.Purpose}"
        : $"A {Vector(kernel)} micro-kernel, {kernel.Rows}×{kernel.Columns} tiles in {kernel.Rows * kernel.VectorsPerRow} accumulator registers of {kernel.Lanes} floats: {kernel.Purpose}";

    private static string Vector(KernelSpec kernel) => $"Vector{kernel.VectorBits}";

    // c[r, v] += a[r] · b[v] for each step p; then C ← α·c (+ β·C).
    private static void VectorBody(KernelSpec kernel, Writer text)
    {
        string vector = Vector(kernel), type = $"{vector}<float>";
        for (int r = 0; r < kernel.Rows; r++)
            text.Line($"        {type} {string.Join(", ", Columns(kernel).Select(v => $"{Accumulator(r, v)} = default"))};");
        text.Line("        for (int p = 0; p < kc; p++)");
        text.Line("        {");
        foreach (int v in Columns(kernel))
            text.Line($"            {type} b{v} = {vector}.Load(b + {v * kernel.Lanes});");
        for (int r = 0; r < kernel.Rows; r++)
        {
            text.Line($"            {type} a{r} = {vector}.Create(a[{r}]);");
            foreach (int v in Columns(kernel))
                text.Line($"            {Accumulator(r, v)} = {vector}.MultiplyAddEstimate(a{r}, b{v}, {Accumulator(r, v)});");
        }
        AdvancePointers(kernel, text);
        text.Line($"        {type} va = {vector}.Create(alpha);");
        text.Line("        if (beta == 0f)");
        text.Line("        {");
        foreach (var (r, v, element) in Elements(kernel))
            text.Line($"            (va * {Accumulator(r, v)}).Store({element});");
        text.Line("        }");
        text.Line("        else");
        text.Line("        {");
        text.Line($"            {type} vb = {vector}.Create(beta);");
        foreach (var (r, v, element) in Elements(kernel))
            text.Line($"            (va * {Accumulator(r, v)} + vb * {vector}.Load({element})).Store({element});");
        text.Line("        }");
    }

    // The same with one float per accumulator.
    private static void ScalarBody(KernelSpec kernel, Writer text)
    {
        for (int r = 0; r < kernel.Rows; r++)
            text.Line($"        float {string.Join(", ", Columns(kernel).Select(j => $"{Accumulator(r, j)} = 0f"))};");
        text.Line("        for (int p = 0; p < kc; p++)");
        text.Line("        {");
        foreach (int j in Columns(kernel))
            text.Line($"            float b{j} = b[{j}];");
        for (int r = 0; r < kernel.Rows; r++)
        {
            text.Line($"            float a{r} = a[{r}];");
            foreach (int j in Columns(kernel))
                text.Line($"            {Accumulator(r, j)} = float.MultiplyAddEstimate(a{r}, b{j}, {Accumulator(r, j)});");
        }
        AdvancePointers(kernel, text);
        text.Line("        if (beta == 0f)");
        text.Line("        {");
        foreach (var (r, j, element) in Elements(kernel))
            text.Line($"            c[{element}] = alpha * {Accumulator(r, j)};");
        text.Line("        }");
        text.Line("        else");
        text.Line("        {");
        foreach (var (r, j, element) in Elements(kernel))
            text.Line($"            c[{element}] = alpha * {Accumulator(r, j)} + beta * c[{element}];");
        text.Line("        }");
    }

    private static void AdvancePointers(KernelSpec kernel, Writer text)
    {
        text.Line($"            a += {kernel.Rows};");
        text.Line($"            b += {kernel.Columns};");
        text.Line("        }");
    }

    private static IEnumerable<int> Columns(KernelSpec kernel) => Enumerable.Range(0, kernel.VectorsPerRow);

    private static string Accumulator(int row, int column) => $"c{row}_{column}";

    // Each accumulator with the offset of its first element of C: "c + r * ldc + v·lanes" for a
    // vector kernel (a pointer), "r * ldc + j" for the scalar one (an index).
    private static IEnumerable<(int Row, int Column, string Element)> Elements(KernelSpec kernel) =>
        from r in Enumerable.Range(0, kernel.Rows)
        from v in Columns(kernel)
        select (r, v, kernel.IsScalar ? $"{r} * ldc + {v}" : $"c + {r} * ldc + {v * kernel.Lanes}");

    /// <summary>Lines ending in '\n' on every platform, as the repository stores them (.gitattributes).</summary>
    private sealed class Writer
    {
        private readonly StringBuilder _text = new();

        public void Line(string line = "") => _text.Append(line).Append('\n');

        public override string ToString() => _text.ToString();
    }
}
