using System.Reflection;
using Microsoft.ML;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Packaging;

/// <summary>
/// The tests run on the ML.NET release the build asked for, so CI's second pass
/// (<c>-p:MicrosoftMLVersion=6.0.0</c>, .ci/run) really exercises 6.0.0 and not a 5.x left in place.
/// </summary>
public class RunningVersionTests
{
    [Fact]
    public void MicrosoftML_AndOnnxTransformer_AreTheVersionTheBuildAskedFor()
    {
        Assert.Equal(BuildVersions.MicrosoftML, PackageVersionOf(typeof(MLContext).Assembly));
        Assert.Equal(BuildVersions.MicrosoftML, PackageVersionOf(typeof(Microsoft.ML.Transforms.Onnx.OnnxTransformer).Assembly));
    }

    [Fact]
    public void OnnxRuntime_IsTheVersionTheBuildAskedFor()
        => Assert.Equal(BuildVersions.OnnxRuntime, PackageVersionOf(typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly));

    // ML.NET keeps every assembly at 1.0.0.0; the package version is the informational one, before its "+commit".
    private static string PackageVersionOf(Assembly assembly)
        => assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
}
