using System.Diagnostics;

namespace MlNetSparse.Tests.TestData;

/// <summary>Runs a program to its end, as a user would from a shell, and gives back what it printed.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="folder"/>.</summary>
    /// <param name="environment">Variables set for the child on top of this process's own.</param>
    /// <returns>The exit code, and stdout followed by stderr.</returns>
    public static (int Code, string Output) Run(string program, string folder, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        (int code, string output, string error) = RunSeparately(program, folder, environment, arguments);
        return (code, output + error);
    }

    /// <summary>
    /// As <see cref="Run"/>, with stdout and stderr apart. No time limit: how long a program takes depends on the
    /// machine's load, and a test must not (a hung child shows as a hung test run, with the program named in its log).
    /// </summary>
    public static (int Code, string Output, string Error) RunSeparately(string program, string folder, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        // No MSBuild nodes left running after a `dotnet build` or `pack` the test started.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>Runs <c>dotnet arguments...</c> in <paramref name="folder"/> and asserts it succeeded.</summary>
    public static string Dotnet(string folder, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        (int code, string output) = Run("dotnet", folder, environment, arguments);
        Assert.True(code == 0, $"dotnet {string.Join(' ', arguments)} exited with {code}:\n{output}");
        return output;
    }
}
