using System.Diagnostics;

namespace MlNetSparse.Benchmarks;

/// <summary>
/// Runs a peer's program (gcc, a compiled C peer, python3, Rscript) and collects what it prints. Peers are measured
/// beside the library, never depended on: a program that is not installed throws
/// <see cref="System.ComponentModel.Win32Exception"/>, which each section turns into a "not run" line.
/// </summary>
internal static class PeerProcess
{
    /// <summary>A file shipped beside the benchmark in its Peers folder (a C or Python source).</summary>
    public static string File(string name) => Path.Combine(AppContext.BaseDirectory, "Peers", name);

    /// <summary>The exit code, standard output and standard error of <paramref name="program"/> run with <paramref name="arguments"/>.</summary>
    public static (int Code, string Output, string Error) Run(string program, params IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
