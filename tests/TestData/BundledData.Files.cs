namespace MlNetSparse.Tests.TestData;

/// <summary>The CSV files of examples/data, copied beside every test project's output (tests/Directory.Build.props).</summary>
public static partial class BundledData
{
    /// <summary>The copy of examples/data/<paramref name="file"/> beside the tests.</summary>
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "data", file);
}
