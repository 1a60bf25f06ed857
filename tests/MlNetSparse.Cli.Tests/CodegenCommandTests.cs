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
    public void ItsOwnProject_IsReplacedOnlyWithForce_BuildOutputIncluded()
    {
        string folder = Path.Combine(InspectTestModels.NewFolder(), "Consumer");
        Assert.Equal(0, InspectTestModels.Run("codegen", InspectTestModels.Diabetes, "--output", folder).Code);
        string line = InspectTestModels.AssertUserError(InspectTestModels.Run("codegen", InspectTestModels.Diabetes, "--output", folder));
        Assert.Equal($"error: --output: {folder} already exists; pass --force to replace it.", line);

        // What `dotnet run --project Consumer` leaves: the walkthrough generates the project again over it.
        Directory.CreateDirectory(Path.Combine(folder, "obj"));
        File.WriteAllText(Path.Combine(folder, "obj", "project.assets.json"), "{}");
        Assert.Equal(0, InspectTestModels.Run("codegen", InspectTestModels.Iris, "--output", folder, "--force").Code);
        Assert.Contains("SepalLength", File.ReadAllText(Path.Combine(folder, "ModelInput.cs")));
        Assert.False(Directory.Exists(Path.Combine(folder, "obj")));
        Assert.Single(Directory.GetDirectories(Path.GetDirectoryName(folder)!)); // no temporary folder left behind
    }

    [Fact]
    public void AUsersFiles_AreNeverDeleted_EvenWithForce()
    {
        string folder = Path.Combine(InspectTestModels.NewFolder(), "Consumer");
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, "mine.txt"), "precious");
        File.WriteAllText(Path.Combine(folder, "data", "rows.csv"), "precious");

        foreach (string[] force in new[] { Array.Empty<string>(), ["--force"] })
        {
            string line = InspectTestModels.AssertUserError(InspectTestModels.Run(["codegen", InspectTestModels.Diabetes, "--output", folder, .. force]));
            Assert.Equal($"error: --output: {folder} holds files mlnet-sparse did not write (data/, mine.txt); choose an empty or new folder.", line);
        }

        Assert.Equal("precious", File.ReadAllText(Path.Combine(folder, "mine.txt")));
        Assert.Equal("precious", File.ReadAllText(Path.Combine(folder, "data", "rows.csv")));
        Assert.Equal(2, Directory.GetFileSystemEntries(folder).Length);
    }

    [Fact]
    public void AFileAddedToItsProject_KeepsTheProjectFromBeingReplaced()
    {
        string folder = Path.Combine(InspectTestModels.NewFolder(), "Consumer");
        Assert.Equal(0, InspectTestModels.Run("codegen", InspectTestModels.Diabetes, "--output", folder).Code);
        File.WriteAllText(Path.Combine(folder, "README.md"), "my notes on the model");

        string line = InspectTestModels.AssertUserError(InspectTestModels.Run("codegen", InspectTestModels.Iris, "--output", folder, "--force"));

        Assert.Equal($"error: --output: {folder} holds files mlnet-sparse did not write (README.md); choose an empty or new folder.", line);
        Assert.Equal("my notes on the model", File.ReadAllText(Path.Combine(folder, "README.md")));
        Assert.DoesNotContain("SepalLength", File.ReadAllText(Path.Combine(folder, "ModelInput.cs")));   // still the diabetes project, not iris
    }

    [Fact]
    public void AFolderThatHoldsTheModel_IsRefused_AndKept()
    {
        string folder = InspectTestModels.NewFolder();
        string model = Path.Combine(folder, "model.zip");
        File.Copy(InspectTestModels.Iris, model);

        string line = InspectTestModels.AssertUserError(InspectTestModels.Run("codegen", model, "--output", folder, "--force"));

        Assert.Equal($"error: --output: {folder} holds the model zip {model}; write the project to a new folder.", line);
        Assert.Equal(File.ReadAllBytes(InspectTestModels.Iris), File.ReadAllBytes(model));
    }

    [OnLinuxFact]
    public void AnUnwritableLocation_IsNamed_BeforeTheModelIsRead()
    {
        string missingModel = Path.Combine(InspectTestModels.NewFolder(), "none.zip");

        string line = InspectTestModels.AssertUserError(InspectTestModels.Run("codegen", missingModel, "--output", "/proc/Consumer"));

        Assert.Equal("error: --output: cannot write /proc/Consumer (the folder does not accept new files).", line);
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
        => ChildProcess.Run("dotnet", folder, null, args);
}
