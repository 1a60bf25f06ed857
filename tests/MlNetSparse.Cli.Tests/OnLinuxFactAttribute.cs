using System.Runtime.CompilerServices;

namespace MlNetSparse.Tests.Cli;

/// <summary>
/// A test that needs Linux: /proc, a folder that takes no new files even for root (which ignores
/// permission bits, so a read-only folder of its own cannot stand in), and symbolic links without privileges.
/// Elsewhere it is reported as skipped, not passed.
/// </summary>
public sealed class OnLinuxFactAttribute : FactAttribute
{
    /// <summary>A folder that exists and refuses new files.</summary>
    public const string UnwritableFolder = "/proc";

    public OnLinuxFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (!OperatingSystem.IsLinux())
            Skip = "needs Linux (/proc, symbolic links)";
    }
}
