using GemmKernelGenerator;
using MlNetSparse.Core.Numerics.Blas.Managed;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core.Blas;

/// <summary>
/// The micro-kernels in the repository are exactly what eng/GemmKernelGenerator writes (its sources are
/// compiled into this assembly), so a kernel edited by hand, or a generator changed without
/// regenerating, fails here.
/// </summary>
public class GemmKernelGeneratorTests
{
    private static readonly string KernelFolder = KernelFiles.Folder(RepositoryLayout.Root);

    public static TheoryData<string> Kernels => new(KernelSpec.All.Select(kernel => kernel.TypeName));

    [Theory]
    [MemberData(nameof(Kernels))]
    public void CommittedKernel_IsWhatTheGeneratorWrites(string typeName)
    {
        KernelSpec kernel = KernelSpec.All.Single(k => k.TypeName == typeName);
        string committed = File.ReadAllText(KernelFiles.PathOf(KernelFolder, kernel));
        Assert.True(committed == KernelSource.Of(kernel),
            $"{typeName}.cs differs from the generator's output: run `dotnet run --project eng/GemmKernelGenerator` and commit the result.");
    }

    [Fact]
    public void EveryKernelFile_AndEveryKernelTheCodeChooses_IsGenerated()
    {
        string[] files = Directory.GetFiles(KernelFolder, "MicroKernel*.cs").Select(Path.GetFileNameWithoutExtension).Order().ToArray()!;
        Assert.Equal(KernelSpec.All.Select(k => k.TypeName).Order(), files);
        // GemmKernel.Vector256x6x16 runs MicroKernel256x6x16, GemmKernel.Scalar4x4 MicroKernelScalar4x4.
        Assert.Equal(KernelSpec.All.Select(k => k.TypeName).Order(),
            Enum.GetValues<GemmKernel>().Select(k => "MicroKernel" + k.ToString().Replace("Vector", "")).Order());
    }

    [Fact]
    public void EveryGeneratedFile_NamesTheCommandThatWritesIt()
    {
        Assert.All(KernelSpec.All, kernel => Assert.StartsWith(KernelSource.Header + "\n", KernelSource.Of(kernel)));
        Assert.Contains("dotnet run --project eng/GemmKernelGenerator", KernelSource.Header);
    }
}
