using MlNetSparse.Core.Numerics.Blas;
using MlNetSparse.Core.Numerics.Blas.Native;

namespace MlNetSparse.Tests.Core.Blas;

/// <summary>Choosing a backend: the environment setting, forcing one, and what discovery finds.</summary>
public class BlasSelectionTests
{
    [Theory]
    [InlineData("auto", BlasBackendKind.Auto)]
    [InlineData("mkl", BlasBackendKind.MklImports)]
    [InlineData("onemkl", BlasBackendKind.OneMkl)]
    [InlineData("openblas", BlasBackendKind.OpenBlas)]
    [InlineData("onednn", BlasBackendKind.OneDnn)]
    [InlineData("cblas", BlasBackendKind.SystemCblas)]
    [InlineData("managed", BlasBackendKind.Managed)]
    [InlineData("OpenBLAS", BlasBackendKind.OpenBlas)]
    [InlineData(" Managed ", BlasBackendKind.Managed)]
    [InlineData(null, BlasBackendKind.Auto)]
    [InlineData("", BlasBackendKind.Auto)]
    [InlineData("  ", BlasBackendKind.Auto)]
    public void Setting_ParsesEveryValueCaseInsensitively(string? value, BlasBackendKind expected) =>
        Assert.Equal(expected, BlasSetting.Parse(value));

    [Fact]
    public void Setting_UnknownValue_NamesTheVariableAndTheAllowedValues()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BlasSetting.Parse("fastest"));
        Assert.Equal(
            "MLNETSPARSE_BLAS must be one of auto, mkl, onemkl, openblas, onednn, cblas, managed (case-insensitive); got 'fastest'.",
            error.Message);
    }

    [Fact]
    public void Setting_CoversEveryKind()
    {
        Assert.Equal(Enum.GetValues<BlasBackendKind>(), BlasSetting.Values.Select(v => v.Kind).Order());
    }

    [Fact]
    public void Use_OfABackendThatDoesNotLoad_SaysWhichLibrariesWereTried()
    {
        // Intel oneMKL is not installable on the build machines; where it is, check it loads instead
        // (without Use, which would change the backend under other tests).
        if (BlasBackend.Available().Contains(BlasBackendKind.OneMkl))
        {
            Assert.True(BlasBackend.TryLoad(BlasBackendKind.OneMkl, out IBlas? mkl));
            Assert.Equal(BlasBackendKind.OneMkl, mkl!.Kind);
            return;
        }
        IBlas before = BlasBackend.Current;
        var error = Assert.Throws<DllNotFoundException>(() => BlasBackend.Use(BlasBackendKind.OneMkl));
        Assert.Contains("The OneMkl BLAS backend did not load (Use(OneMkl) asked for it): tried mkl_rt (not found), libmkl_rt.so.2 (not found), libmkl_rt.so (not found).", error.Message);
        Assert.Contains("Available here: ", error.Message);
        Assert.Same(before, BlasBackend.Current);
    }

    [Fact]
    public void Available_IsInDiscoveryOrder_EndsWithManaged_AndEachLoads()
    {
        var available = BlasBackend.Available();
        Assert.Equal(BlasBackendKind.Managed, available[^1]);
        Assert.Equal(available.Order(), available);
        Assert.DoesNotContain(BlasBackendKind.Auto, available);
        foreach (BlasBackendKind kind in available)
        {
            Assert.True(BlasBackend.TryLoad(kind, out IBlas? blas), kind.ToString());
            Assert.Equal(kind, blas!.Kind);
        }
    }

    [Fact]
    public void Auto_IsTheManagedBackend_WhateverNativeLibrariesLoad()
    {
        Assert.True(BlasBackend.TryLoad(BlasBackendKind.Auto, out IBlas? blas));
        Assert.True(BlasBackend.TryLoad(BlasBackendKind.Managed, out IBlas? managed));
        Assert.Same(managed, blas);
    }

    [Fact]
    public void TryLoad_ReturnsTheSameInstanceEachTime()
    {
        Assert.True(BlasBackend.TryLoad(BlasBackendKind.Managed, out IBlas? first));
        Assert.True(BlasBackend.TryLoad(BlasBackendKind.Managed, out IBlas? second));
        Assert.Same(first, second);
    }

    [Fact]
    public void OpenBlas_LoadsWhereCiRequiresIt()
    {
        bool required = Environment.GetEnvironmentVariable(Backends.RequireOpenBlasVariable) == "1";
        bool loaded = BlasBackend.TryLoad(BlasBackendKind.OpenBlas, out _);
        Assert.Equal(loaded, BlasBackend.Available().Contains(BlasBackendKind.OpenBlas));
        if (required)
            Assert.True(loaded, $"{Backends.RequireOpenBlasVariable}=1 but OpenBLAS did not load: tried {string.Join(", ", NativeBlasLibrary.For(BlasBackendKind.OpenBlas).FileNames)}.");
    }

    [Fact]
    public void Describe_IsOneLineNamingTheCurrentBackend()
    {
        string line = BlasBackend.Describe();
        Assert.Equal($"BLAS backend: {BlasBackend.Current.Description}", line);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void NativeCatalog_FollowsTheKindOrder()
    {
        var kinds = NativeBlasLibrary.DiscoveryOrder.Select(library => library.Kind).ToArray();
        Assert.Equal(kinds.Order(), kinds);
        Assert.Equal(Enum.GetValues<BlasBackendKind>().Where(k => k is not BlasBackendKind.Auto and not BlasBackendKind.Managed), kinds);
    }
}
