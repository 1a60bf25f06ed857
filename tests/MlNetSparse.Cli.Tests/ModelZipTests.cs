using MlNetSparse.Cli.Models;

namespace MlNetSparse.Tests.Cli;

/// <summary>A model the tool loads leaves nothing behind in the temporary directory once the command is done.</summary>
public class ModelZipTests
{
    [Fact]
    public void Dispose_DeletesTheCopyOfTheCnnsOnnxGraph()
    {
        ModelZip zip = ModelZip.Load(InspectTestModels.DigitsCnn);
        string scratch = zip.Context.TempFilePath;
        // OnnxTransformer wrote its copy of the feature layers into the tool's own folder, not the temporary directory.
        Assert.NotEqual(Path.GetFullPath(Path.GetTempPath()).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(scratch).TrimEnd(Path.DirectorySeparatorChar));
        Assert.NotEmpty(Directory.GetFiles(scratch));

        zip.Dispose();

        Assert.False(Directory.Exists(scratch));
    }

    [Fact]
    public void Dispose_OfALinearModel_DeletesItsEmptyFolder()
    {
        ModelZip zip = ModelZip.Load(InspectTestModels.Iris);
        string scratch = zip.Context.TempFilePath;
        Assert.True(Directory.Exists(scratch));

        zip.Dispose();

        Assert.False(Directory.Exists(scratch));
    }
}
