using System.IO.Compression;
using System.Xml.Linq;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Packaging;

/// <summary>
/// What a developer gets from <c>dotnet pack -c Release</c>: the three library packages, which install
/// from the folder into a fresh app on Microsoft.ML 6.0.0 with warnings as errors and train (SparseIht
/// and the binarized CNN), save and reload there; and the <c>mlnet-sparse</c> tool package, under 100 MB, which installs and runs.
/// </summary>
public class PackageInstallTests(PackedRepository packed) : IClassFixture<PackedRepository>
{
    /// <summary>The platforms the tool claims (README, "Install"); SkiaSharp's single macOS build sits in "osx".</summary>
    private static readonly string[] ToolPlatforms = ["linux-x64", "linux-arm64", "osx-arm64", "win-x64", "win-arm64"];

    private const string ToolRuntimesFolder = "tools/net10.0/any/runtimes/";

    [Fact]
    public void Pack_WritesExactlyTheLibraryPackages_WithSymbols_AndTheTool()
    {
        string[] written = [.. Directory.GetFiles(packed.Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        string[] expected = [.. new[]
        {
            $"MlNetSparse.{packed.Version}.nupkg", $"MlNetSparse.{packed.Version}.snupkg",
            $"MlNetSparse.Core.{packed.Version}.nupkg", $"MlNetSparse.Core.{packed.Version}.snupkg",
            $"MlNetSparse.Onnx.{packed.Version}.nupkg", $"MlNetSparse.Onnx.{packed.Version}.snupkg",
            $"MlNetSparse.Cli.{packed.Version}.nupkg",
        }.Order(StringComparer.Ordinal)];
        Assert.Equal(expected, written);
        Assert.DoesNotContain(": warning ", packed.PackOutput);
    }

    [Theory]
    [InlineData("MlNetSparse")]
    [InlineData("MlNetSparse.Core")]
    [InlineData("MlNetSparse.Onnx")]
    [InlineData("MlNetSparse.Cli")]
    public void EveryPackage_CarriesTheMitLicence_AReadme_ADescription_TagsAndItsCommit(string id)
    {
        XElement metadata = packed.Metadata(id);
        string Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";

        XElement license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal(("expression", "MIT"), (license.Attribute("type")?.Value, license.Value));
        Assert.Equal("The MlNetSparse authors", Value("authors"));
        Assert.Equal("README.md", Value("readme"));
        using (ZipArchive package = ZipFile.OpenRead(packed.PackagePath(id)))
            Assert.Contains("## Install", new StreamReader(package.GetEntry("README.md")!.Open()).ReadToEnd());
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Contains("ML.NET", Value("tags").Split(' '));

        // Source Link reads the commit from git; a copy of the sources without git has none to give.
        (int code, string head) = ChildProcess.Run("git", RepositoryLayout.Root, null, "rev-parse", "HEAD");
        if (code == 0)
            Assert.Equal(head.Trim(), metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("commit")?.Value);
    }

    [Fact]
    public void TheLibrary_DependsOnRanges_MicrosoftMLUpToSeven_AndOnTheCoreAndOnnxPackedWithIt()
    {
        Dictionary<string, string> dependencies = Dependencies("MlNetSparse");

        Assert.Equal(packed.Version, dependencies["MlNetSparse.Core"]);
        Assert.Equal(packed.Version, dependencies["MlNetSparse.Onnx"]);
        // The internals MlNetInternals reaches are checked on 5.x and 6.x; a minimum alone elsewhere.
        Assert.Equal($"[{BuildVersions.MicrosoftML}, 7.0.0)", dependencies["Microsoft.ML"]);
        Assert.Equal(BuildVersions.MicrosoftML, dependencies["Microsoft.ML.OnnxTransformer"]);
        Assert.Equal(BuildVersions.OnnxRuntime, dependencies["Microsoft.ML.OnnxRuntime"]);
        Assert.All(dependencies.Values, range => Assert.DoesNotMatch(@"^\[[^,]*\]$", range));
    }

    [Fact]
    public void TheOnnxWriter_DependsOnTheCoreAndGoogleProtobuf_NotOnTheCodeGenerator()
    {
        Dictionary<string, string> dependencies = Dependencies("MlNetSparse.Onnx");

        // Grpc.Tools runs protoc at build time only (PrivateAssets): no app should restore it.
        Assert.Equal(["Google.Protobuf", "MlNetSparse.Core"], dependencies.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(packed.Version, dependencies["MlNetSparse.Core"]);
        using ZipArchive package = ZipFile.OpenRead(packed.PackagePath("MlNetSparse.Onnx"));
        Assert.Contains($"lib/net{Environment.Version.Major}.0/MlNetSparse.Onnx.dll", package.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void TheLibrary_InstallsIntoAFreshAppOnMicrosoftML6_WithWarningsAsErrors_AndTrainsSavesAndReloads()
    {
        string app = Directory.CreateDirectory(Path.Combine(packed.Folder, "FreshApp")).FullName;
        File.WriteAllText(Path.Combine(app, "FreshApp.csproj"), FreshAppProject(packed.Feed, PackedRepository.UserGlobalPackagesFolder(), packed.Version));
        File.WriteAllText(Path.Combine(app, "Program.cs"), FreshAppProgram);

        string build = ChildProcess.Dotnet(app, packed.IsolatedNuGet(), "build", "-nologo");
        Assert.DoesNotContain(": warning ", build);
        (int code, string output) = ChildProcess.Run("dotnet", app, null, Path.Combine(app, "bin", "Debug", $"net{Environment.Version.Major}.0", "FreshApp.dll"));
        Assert.True(code == 0, output);

        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("Microsoft.ML 6.0.0", lines);
        Assert.Contains("300 rows; the reloaded model gives the same score on 300", lines);
        int correct = int.Parse(lines.Single(l => l.StartsWith("correct ", StringComparison.Ordinal))["correct ".Length..]);
        Assert.InRange(correct, 285, 300);
        Assert.Contains("(0.9, -0.9) -> True", lines);
        Assert.Contains("(-0.9, 0.9) -> False", lines);
        Assert.Contains("cnn: 200 images; the reloaded model predicts the same label for 200", lines);
        // NuGet takes the package's minimum OnnxTransformer, even beside Microsoft.ML 6.0.0 (5.0.1 when packed for 5.x).
        Assert.Contains($"Microsoft.ML.OnnxTransformer {BuildVersions.MicrosoftML}", lines);
    }

    [Fact]
    public void TheToolPackage_IsUnder100MB_AndHoldsOnlyTheClaimedPlatformsNativeLibraries()
    {
        Assert.InRange(new FileInfo(packed.PackagePath("MlNetSparse.Cli")).Length, 1, 100_000_000);

        using ZipArchive tool = ZipFile.OpenRead(packed.PackagePath("MlNetSparse.Cli"));
        string[] native = [.. tool.Entries.Select(e => e.FullName).Where(n => n.StartsWith(ToolRuntimesFolder, StringComparison.Ordinal))];
        string[] platforms = [.. native.Select(n => n[ToolRuntimesFolder.Length..].Split('/')[0]).Distinct().Order(StringComparer.Ordinal)];
        Assert.Equal([.. ToolPlatforms.Append("osx").Order(StringComparer.Ordinal)], platforms);
        Assert.DoesNotContain(native, n => n.EndsWith(".pdb", StringComparison.Ordinal) || n.EndsWith(".dbg", StringComparison.Ordinal) || n.EndsWith(".dwarf", StringComparison.Ordinal));

        // ONNX Runtime (the cnn trainer) and SkiaSharp (the plots) for every platform claimed.
        foreach (string platform in ToolPlatforms)
        {
            string os = platform.Split('-')[0];
            string onnxRuntime = os switch { "win" => "onnxruntime.dll", "osx" => "libonnxruntime.dylib", _ => "libonnxruntime.so" };
            Assert.Contains($"{ToolRuntimesFolder}{platform}/native/{onnxRuntime}", native);
            string skia = os switch { "win" => $"{platform}/native/libSkiaSharp.dll", "osx" => "osx/native/libSkiaSharp.dylib", _ => $"{platform}/native/libSkiaSharp.so" };
            Assert.Contains(ToolRuntimesFolder + skia, native);
        }
    }

    [Fact]
    public void TheTool_InstallsFromTheFolder_AndTrainsWithPlots_AndTheCnn()
    {
        string tools = Path.Combine(packed.Folder, "tools");
        ChildProcess.Dotnet(packed.Folder, packed.IsolatedNuGet(),
            "tool", "install", "--tool-path", tools, "--add-source", packed.Feed, "MlNetSparse.Cli", "--version", packed.Version);
        string mlnetSparse = Path.Combine(tools, OperatingSystem.IsWindows() ? "mlnet-sparse.exe" : "mlnet-sparse");
        string output = Directory.CreateDirectory(Path.Combine(packed.Folder, "tool-output")).FullName;
        string plots = Directory.CreateDirectory(Path.Combine(output, "plots")).FullName;

        (int code, string printed) = ChildProcess.Run(mlnetSparse, output, null,
            "train", "--data", BundledData.PathOf("iris.csv"), "--label", "Species", "--output", Path.Combine(output, "iris.zip"), "--plot", plots);
        Assert.True(code == 0, printed);
        Assert.True(File.Exists(Path.Combine(output, "iris.zip")));
        PngFile.Size(Path.Combine(plots, "loss.png")); // SkiaSharp's native library drew it

        (code, printed) = ChildProcess.Run(mlnetSparse, output, null,
            "train", "--trainer", "cnn", "--data", BundledData.PathOf("digits.csv"), "--label", "Digit", "--epochs", "1", "--output", Path.Combine(output, "digits.zip"));
        Assert.True(code == 0, printed);
        // predict runs the zip's feature layers in ONNX Runtime, from the tool's own native library.
        (code, printed) = ChildProcess.Run(mlnetSparse, output, null, "predict", Path.Combine(output, "digits.zip"), "--data", BundledData.PathOf("digits.csv"));
        Assert.True(code == 0, printed);
        Assert.Equal(1 + 1797, printed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private Dictionary<string, string> Dependencies(string id) => packed.Metadata(id).Descendants()
        .Where(e => e.Name.LocalName == "dependency").ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value);

    // A new console project, as `dotnet new console` gives, with warnings as errors, on Microsoft.ML 6.0.0
    // and MlNetSparse from the folder.
    private static string FreshAppProject(string feed, string fallbackFolder, string version) => new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"),
        new XElement("PropertyGroup",
            new XElement("OutputType", "Exe"),
            new XElement("TargetFramework", $"net{Environment.Version.Major}.0"),
            new XElement("Nullable", "enable"),
            new XElement("ImplicitUsings", "enable"),
            new XElement("TreatWarningsAsErrors", "true"),
            new XElement("RestoreAdditionalProjectSources", feed),
            new XElement("RestoreAdditionalProjectFallbackFolders", fallbackFolder)),
        new XElement("ItemGroup",
            new XElement("PackageReference", new XAttribute("Include", "Microsoft.ML"), new XAttribute("Version", "6.0.0")),
            new XElement("PackageReference", new XAttribute("Include", "MlNetSparse"), new XAttribute("Version", version)))).ToString();

    // Only what ML.NET users write: the catalogs, Fit, Model.Save/Load, Transform and a PredictionEngine.
    private const string FreshAppProgram = """
        using System.Reflection;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using MlNetSparse.Core.Networks;

        // The label is x0 > x1; x2..x5 are noise that a model with 3 nonzero parameters has no room for.
        var random = new Random(7);
        Row[] rows = [.. Enumerable.Range(0, 300).Select(_ =>
        {
            float[] x = [.. Enumerable.Range(0, 6).Select(_ => (float)(2 * random.NextDouble() - 1))];
            return new Row { Features = x, Label = x[0] > x[1] };
        })];

        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromEnumerable(rows);
        ITransformer model = ml.BinaryClassification.Trainers.SparseIht(sparsity: 3).Fit(data);
        string path = Path.Combine(AppContext.BaseDirectory, "model.zip");
        ml.Model.Save(model, data.Schema, path);

        var fresh = new MLContext();
        ITransformer loaded = fresh.Model.Load(path, out _);
        var before = ml.Model.CreatePredictionEngine<Row, Prediction>(model);
        var after = fresh.Model.CreatePredictionEngine<Row, Prediction>(loaded);
        int correct = rows.Count(row => after.Predict(row).PredictedLabel == row.Label);
        int same = rows.Count(row => after.Predict(row).Score == before.Predict(row).Score);

        string version = typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Console.WriteLine($"Microsoft.ML {version}");
        Console.WriteLine($"{rows.Length} rows; the reloaded model gives the same score on {same}");
        Console.WriteLine($"correct {correct}");
        Console.WriteLine($"(0.9, -0.9) -> {after.Predict(new Row { Features = [0.9f, -0.9f, 0, 0, 0, 0] }).PredictedLabel}");
        Console.WriteLine($"(-0.9, 0.9) -> {after.Predict(new Row { Features = [-0.9f, 0.9f, 0, 0, 0, 0] }).PredictedLabel}");

        // The binarized CNN, whose feature layers run in ONNX Runtime through the OnnxTransformer NuGet chose.
        Image[] images = [.. Enumerable.Range(0, 200).Select(_ =>
        {
            float[] pixels = [.. Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble())];
            return new Image { Pixels = pixels, Digit = pixels[0] + pixels[5] > 1 ? 1u : 0u };
        })];
        IDataView imageData = ml.Data.LoadFromEnumerable(images);
        var cnn = ml.Transforms.Conversion.MapValueToKey("Label", "Digit")
            .Append(ml.MulticlassClassification.Trainers.BinarizedCnn(new MlNetSparse.Networks.BinarizedCnnTrainer.Options
            {
                FeatureColumnName = "Pixels", ImageHeight = 4, ImageWidth = 4, NumberOfEpochs = 2, BatchSize = 32, Seed = 5,
                Architecture = [LayerSpec.Flatten(), LayerSpec.Dense(8), LayerSpec.BatchNorm(), LayerSpec.Binarized(), LayerSpec.Dense(2)],
            }))
            .Fit(imageData);
        string cnnPath = Path.Combine(AppContext.BaseDirectory, "cnn.zip");
        ml.Model.Save(cnn, imageData.Schema, cnnPath);
        ITransformer cnnLoaded = fresh.Model.Load(cnnPath, out _);
        uint[] labelsBefore = [.. cnn.Transform(imageData).GetColumn<uint>("PredictedLabel")];
        uint[] labelsAfter = [.. cnnLoaded.Transform(fresh.Data.LoadFromEnumerable(images)).GetColumn<uint>("PredictedLabel")];
        string onnxTransformer = typeof(Microsoft.ML.Transforms.Onnx.OnnxTransformer).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Console.WriteLine($"cnn: {labelsAfter.Length} images; the reloaded model predicts the same label for {labelsBefore.Zip(labelsAfter).Count(p => p.First == p.Second)}");
        Console.WriteLine($"Microsoft.ML.OnnxTransformer {onnxTransformer}");

        public sealed class Row
        {
            [VectorType(6)] public float[] Features { get; set; } = [];
            public bool Label { get; set; }
        }

        public sealed class Prediction
        {
            public bool PredictedLabel { get; set; }
            public float Score { get; set; }
        }

        public sealed class Image
        {
            [VectorType(16)] public float[] Pixels { get; set; } = [];
            public uint Digit { get; set; }
        }
        """;
}
