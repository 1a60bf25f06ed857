using System.Diagnostics;
using System.Globalization;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// The README's quick start and the Microsoft.ML-only consumer, run as separate processes exactly
/// as a user runs them, so the README stays true.
/// </summary>
public class ExampleProgramTests
{
    [Fact]
    public void QuickStart_SavesAZip_ThatAProgramWithOnlyMicrosoftMLScoresAtLeast90Percent_WithAtMost7Nonzeros()
    {
        string folder = Directory.CreateTempSubdirectory("mlnetsparse-quickstart-").FullName;
        try
        {
            string zip = Path.Combine(folder, "iris.zip");
            string quickStart = Run(ExampleDll("QuickStart"), zip);
            Assert.Contains("Sparse IHT on IRIS: 7 nonzero of 15 parameters (s = 7)", quickStart);
            Assert.Contains("HT-stability certificate", quickStart);
            Assert.Contains("Reloaded in a fresh MLContext", quickStart);
            Assert.True(File.Exists(zip));

            Dictionary<string, string> consumer = Run(ExampleDll("ZipConsumer"), zip)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
            Assert.Equal("150", consumer["rows"]);
            Assert.True(double.Parse(consumer["accuracy"], CultureInfo.InvariantCulture) >= 0.9, $"accuracy {consumer["accuracy"]}");
            Assert.InRange(int.Parse(consumer["nonzero"], CultureInfo.InvariantCulture), 1, 7);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The example's dll, built beside the tests by their project references, in the same configuration.</summary>
    private static string ExampleDll(string project)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = output.Name, configuration = output.Parent!.Name;
        DirectoryInfo root = output;
        while (!File.Exists(Path.Combine(root.FullName, "MlNetSparse.sln")))
            root = root.Parent ?? throw new InvalidOperationException("MlNetSparse.sln not found above " + AppContext.BaseDirectory);
        string dll = Path.Combine(root.FullName, "examples", project, "bin", configuration, framework, project + ".dll");
        Assert.True(File.Exists(dll), $"{dll} was not built");
        return dll;
    }

    private static string Run(string dll, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(dll)} did not finish within 3 minutes.");
        }
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(dll)} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
