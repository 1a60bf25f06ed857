using Microsoft.ML;

namespace MlNetSparse.Cli.Models;

/// <summary>
/// A temporary folder of the tool's own for one command, given to an <see cref="MLContext"/> as its
/// <see cref="MLContext.TempFilePath"/> and deleted with everything in it when the command is done.
/// </summary>
/// <remarks>
/// ML.NET's OnnxTransformer writes a copy of each ONNX graph it loads or fits (a binarized CNN's feature layers)
/// there and deletes it only when the model is disposed; a command that loads a CNN zip, or trains one (k models
/// under --folds), would otherwise leave one file per model in the user's temporary directory. Disposing the models
/// first releases ONNX Runtime's hold on the files; deleting the folder removes whatever is left. Only a folder the
/// tool created itself is ever deleted.
/// </remarks>
internal sealed class ScratchFolder : IDisposable
{
    private ScratchFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>Creates the folder and makes it <paramref name="context"/>'s temporary directory.</summary>
    public static ScratchFolder For(MLContext context)
    {
        var folder = new ScratchFolder(Directory.CreateTempSubdirectory("mlnet-sparse-").FullName);
        context.TempFilePath = folder.Path;
        return folder;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }                  // a file still open elsewhere (Windows): left for the OS's clean-up
        catch (UnauthorizedAccessException) { }
    }
}
