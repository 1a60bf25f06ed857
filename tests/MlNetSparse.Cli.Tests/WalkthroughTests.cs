using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Cli;

/// <summary>
/// examples/ModelBuilderApp: its README lists the commands walkthrough.sh runs, and the tool's steps
/// of it (train, inspect, codegen) work with the script's own arguments. CI runs the whole script,
/// consumer included, on a fresh clone (.ci/run).
/// </summary>
public class WalkthroughTests
{
    private const string DefaultOutput = "artifacts/model-builder";
    private const string Tool = "dotnet run --project src/MlNetSparse.Cli --";

    [Fact]
    public void TheReadme_ListsExactlyTheCommandsTheScriptRuns()
    {
        string[] readme = ReadmeCommands();

        Assert.Equal(ScriptCommands(DefaultOutput), readme);
        Assert.Equal(4, readme.Length);
    }

    [Fact]
    public void TheScriptsToolSteps_TrainInspectAndGenerateTheConsumer()
    {
        string folder = InspectTestModels.NewFolder();
        string[][] steps = [.. ScriptCommands(folder).Where(c => c.StartsWith(Tool, StringComparison.Ordinal))
            .Select(c => c[Tool.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(FromRoot).ToArray())];
        Assert.Equal(["train", "inspect", "codegen"], steps.Select(s => s[0]));

        string[] outputs = [.. steps.Select(step =>
        {
            (int code, string stdout, string stderr) = InspectTestModels.Run(step);
            Assert.True(code == 0, $"{string.Join(' ', step)}: {stderr}");
            return stdout;
        })];

        Assert.Contains("label Diagnosis → binary (inferred", outputs[0]);
        Assert.Contains("chosen by the sparsity path", outputs[0]);
        Assert.Contains("LogLoss (bits)", outputs[0]);
        // The README's output is the script's: its warnings, and no advice to standardize what train standardizes.
        string readme = File.ReadAllText(RepositoryLayout.File("examples/ModelBuilderApp/README.md"));
        // Numbers masked: a BLAS that sums in another order may change their last digits.
        string[] warnings = [.. outputs[0].Split('\n').Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).Select(l => Masked(l.TrimEnd('\r')))];
        string[] readmeWarnings = [.. readme.Split('\n').Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).Select(l => Masked(l.TrimEnd('\r')))];
        Assert.Equal(readmeWarnings, warnings);
        Assert.DoesNotContain("tandardize the features", readme);
        Assert.Contains("MeanRadius", outputs[1]);
        Assert.True(File.Exists(Path.Combine(folder, "BreastCancerConsumer", "BreastCancerConsumer.csproj")));
        Assert.True(File.Exists(Path.Combine(folder, "BreastCancerConsumer", "model.zip")));
        Assert.True(File.Exists(RepositoryLayout.File("examples/ModelBuilderApp/new-patients.csv")));
    }

    // The script's commands with its variables expanded: the tool's array, and the output folder.
    private static string[] ScriptCommands(string output) =>
    [
        .. File.ReadAllLines(RepositoryLayout.File("examples/ModelBuilderApp/walkthrough.sh"))
            .Where(line => line.StartsWith("\"${cli[@]}\"", StringComparison.Ordinal) || line.StartsWith("dotnet ", StringComparison.Ordinal))
            .Select(line => line.Replace("\"${cli[@]}\"", Tool, StringComparison.Ordinal).Replace("$out", output, StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal)),
    ];

    // The code block after "It runs these commands:".
    private static string[] ReadmeCommands()
    {
        string[] lines = File.ReadAllLines(RepositoryLayout.File("examples/ModelBuilderApp/README.md"));
        int start = Array.FindIndex(lines, l => l.StartsWith("It runs these commands", StringComparison.Ordinal));
        Assert.True(start >= 0, "README: 'It runs these commands' not found");
        int open = Array.FindIndex(lines, start, l => l.StartsWith("```", StringComparison.Ordinal));
        int close = Array.FindIndex(lines, open + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        return lines[(open + 1)..close];
    }

    private static string Masked(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\d+(\.\d+)?(E[+-]?\d+)?", "#");

    // The script runs from the repository root; the tests run elsewhere.
    private static string FromRoot(string argument) =>
        argument.StartsWith("examples/", StringComparison.Ordinal) ? RepositoryLayout.File(argument) : argument;
}
