using System.Reflection;
using Microsoft.ML;

namespace MlNetSparse.Cli.Models;

/// <summary>
/// The exact package versions this tool runs with, read from the loaded assemblies, so a generated
/// consumer pins the same Microsoft.ML (and ONNX packages) that produced and read the zip.
/// </summary>
internal static class PackageVersions
{
    public static string MicrosoftMl => Of(typeof(MLContext).Assembly);

    public static string OnnxTransformer => Of(typeof(Microsoft.ML.Transforms.Onnx.OnnxTransformer).Assembly);

    public static string OnnxRuntime => Of(typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly);

    private static string Of(Assembly assembly)
    {
        string? version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(version))
            return assembly.GetName().Version?.ToString(3) ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no version");
        int build = version.IndexOf('+');
        return build < 0 ? version : version[..build];
    }
}
