using System.Reflection;

namespace MlNetSparse.Tests.TestData;

/// <summary>
/// The package versions this build was asked for (Directory.Build.props, or CI's
/// <c>-p:MicrosoftMLVersion=6.0.0</c>), written into the test assembly by its project file. Tests
/// compare what the code reads at run time against these, which come from the build, not the code.
/// </summary>
public static class BuildVersions
{
    /// <summary>Microsoft.ML and Microsoft.ML.OnnxTransformer (one release train).</summary>
    public static string MicrosoftML => Metadata("MicrosoftMLVersion");

    /// <summary>Microsoft.ML.OnnxRuntime.</summary>
    public static string OnnxRuntime => Metadata("OnnxRuntimeVersion");

    private static string Metadata(string key)
        => typeof(BuildVersions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
           ?? throw new InvalidOperationException($"The test assembly has no {key} metadata (tests/Directory.Build.props writes it).");
}
