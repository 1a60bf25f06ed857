namespace MlNetSparse.Tests.TestData;

/// <summary>
/// Gives the test process a temporary directory of its own for the whole run (TMPDIR, and TEMP/TMP for Windows,
/// which <see cref="Path.GetTempPath"/> reads on every call) and deletes it after the last test. Each test assembly
/// declares it with <c>[assembly: AssemblyFixture(typeof(TestTempFolder))]</c>.
/// </summary>
/// <remarks>
/// Why: ML.NET's OnnxTransformer writes a copy of every ONNX graph it loads or fits (a binarized CNN's feature
/// layers) into the temporary directory and deletes it only when the model is disposed; tests that fit and drop
/// models, the tests' own folders, and the SDK's folders of the `dotnet` children the tests start (they inherit the
/// variable) all land here, so a test run leaves nothing in the machine's temporary directory. The tool's own
/// clean-up is tested apart (it must not rely on this).
/// </remarks>
public sealed class TestTempFolder : IDisposable
{
    private static readonly string[] Variables = OperatingSystem.IsWindows() ? ["TEMP", "TMP"] : ["TMPDIR"];
    private readonly Dictionary<string, string?> _previous = [];

    public TestTempFolder()
    {
        Path = Directory.CreateTempSubdirectory("mlnetsparse-tests-").FullName;
        foreach (string variable in Variables)
        {
            _previous[variable] = Environment.GetEnvironmentVariable(variable);
            Environment.SetEnvironmentVariable(variable, Path);
        }
    }

    /// <summary>The folder that is the temporary directory while the tests run.</summary>
    public string Path { get; }

    public void Dispose()
    {
        foreach ((string variable, string? value) in _previous)
            Environment.SetEnvironmentVariable(variable, value);
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }   // a file a child process still holds open (Windows); the folder is the test run's own
    }
}
