using System.Diagnostics;
using System.Xml.Linq;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Cli;

/// <summary>`mlnet-sparse codegen`: a consumer project that references only Microsoft.ML, builds, and predicts as the library does.</summary>
public class CodegenCommandTests
{
    private static string[] PackageReferences(string folder)
    {
        XDocument project = XDocument.Load(Directory.GetFiles(folder, "*.csproj").Single());
        return project.Descendants("PackageReference").Select(p => $"{p.Attribute("Include")!.Value} {p.Attribute("Version")!.Value}").ToArray();
    }

    [Fact]
    public void GeneratedConsumer_Builds_AndPrintsExactlyWhatPredictPrints()
    {
        string folder = Path.Combine(InspectTestModels.NewFolder(), "IrisConsumer");
        var generated = InspectTestModels.Run("codegen", InspectTestModels.Iris, "--output", folder, "--namespace", "Acme.Flowers");
        Assert.True(generated.Code == 0, generated.Error);
        // The consumer pins the Microsoft.ML the tool runs with: the one this build compiled against.
        Assert.Equal([$"Microsoft.ML [{BuildVersions.MicrosoftML}]"], PackageReferences(folder));
        Assert.Contains("namespace Acme.Flowers;", File.ReadAllText(Path.Combine(folder, "ModelInput.cs")));

        (int buildCode, string buildOutput) = Dotnet(folder, "build", "-nologo", "-v", "q");
        Assert.True(buildCode == 0, buildOutput);
        Assert.DoesNotContain(": warning ", buildOutput);
        string data = BundledData.PathOf("iris.csv");
        (int runCode, string consumerOutput) = Dotnet(folder, Path.Combine(folder, "bin", "Debug", $"net{Environment.Version.Major}.0", "IrisConsumer.dll"), data);
        Assert.True(runCode == 0, consumerOutput);

        var predicted = InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", data);
        Assert.Equal(predicted.Out.ReplaceLineEndings(), consumerOutput.ReplaceLineEndings());
        Assert.Equal(151, consumerOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void BinarizedCnn_AddsTheOnnxPackages_AndAVectorInput()
    {
        string folder = Path.Combine(InspectTestModels.NewFolder(), "Digits");
        var generated = InspectTestModels.Run("codegen", InspectTestModels.DigitsCnn, "--output", folder);
        Assert.True(generated.Code == 0, generated.Error);
        Assert.Equal([$"Microsoft.ML [{BuildVersions.MicrosoftML}]", $"Microsoft.ML.OnnxTransformer [{BuildVersions.MicrosoftML}]",
            $"Microsoft.ML.OnnxRuntime [{BuildVersions.OnnxRuntime}]"], PackageReferences(folder));
        string input = File.ReadAllText(Path.Combine(folder, "ModelInput.cs"));
        Assert.Contains("[LoadColumn(0, 63)]", input);
        Assert.Contains("[VectorType(64)]", input);
        Assert.Contains("public float[] Pixels", input);
        Assert.Equal(File.ReadAllBytes(InspectTestModels.DigitsCnn), File.ReadAllBytes(Path.Combine(folder, "model.zip")));
    }

    [Fact]
    public void Binary_OutputHasABoolLabelAndProbability()
    {
        string folder = Path.Combine(InspectTestModels.NewFolder(), "Cancer");
        Assert.Equal(0, InspectTestModels.Run("codegen", InspectTestModels.BreastCancer, "--output", folder).Code);
        string output = File.ReadAllText(Path.Combine(folder, "ModelOutput.cs"));
        Assert.Contains("public bool PredictedLabel", output);
        Assert.Contains("public float Score", output);
        Assert.Contains("public float Probability", output);
    }

    [Fact]
    public void ExistingFolder_IsKeptWithoutForce_AndReplacedWithIt()
    {
        string folder = Path.Combine(InspectTestModels.NewFolder(), "Consumer");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "mine.txt"), "precious");
        string line = InspectTestModels.AssertUserError(InspectTestModels.Run("codegen", InspectTestModels.Diabetes, "--output", folder));
        Assert.Contains("--force", line);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(folder, "mine.txt")));

        Assert.Equal(0, InspectTestModels.Run("codegen", InspectTestModels.Diabetes, "--output", folder, "--force").Code);
        Assert.False(File.Exists(Path.Combine(folder, "mine.txt")));
        Assert.True(File.Exists(Path.Combine(folder, "Consumer.csproj")));
        Assert.Single(Directory.GetDirectories(Path.GetDirectoryName(folder)!)); // no temporary folder left behind
    }

    [Fact]
    public void BadInputs_AreOneLineErrors_AndWriteNothing()
    {
        string parent = InspectTestModels.NewFolder();
        Assert.Contains("does not exist", InspectTestModels.AssertUserError(
            InspectTestModels.Run("codegen", InspectTestModels.Iris, "--output", Path.Combine(parent, "missing", "Consumer"))));
        Assert.Contains("--namespace", InspectTestModels.AssertUserError(
            InspectTestModels.Run("codegen", InspectTestModels.Iris, "--output", Path.Combine(parent, "A"), "--namespace", "1bad")));
        string notAZip = Path.Combine(parent, "model.zip");
        File.WriteAllText(notAZip, "PK but not really");
        Assert.Contains("is not an ML.NET model zip", InspectTestModels.AssertUserError(
            InspectTestModels.Run("codegen", notAZip, "--output", Path.Combine(parent, "B"))));
        Assert.Empty(Directory.GetDirectories(parent));
    }

    private static (int Code, string Output) Dotnet(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
