using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSparse.Cli.Models;

/// <summary>
/// A saved ML.NET model loaded from its zip, with what the zip says about its input. Dispose it when the command is
/// done: that releases the model (ONNX Runtime sessions) and deletes the copies of its ONNX graphs (<see cref="ScratchFolder"/>).
/// </summary>
internal sealed class ModelZip : IDisposable
{
    private readonly ScratchFolder _scratch;

    private ModelZip(string path, MLContext context, ScratchFolder scratch, ITransformer model, DataViewSchema inputSchema, long sizeBytes,
        IReadOnlyList<ZipPart> parts)
    {
        _scratch = scratch;
        Path = path;
        Context = context;
        Model = model;
        InputSchema = inputSchema;
        SizeBytes = sizeBytes;
        Parts = parts;
    }

    public string Path { get; }

    public MLContext Context { get; }

    public ITransformer Model { get; }

    /// <summary>The schema of the rows the model was saved with: the columns a caller must supply.</summary>
    public DataViewSchema InputSchema { get; }

    public long SizeBytes { get; }

    /// <summary>Every entry of the zip with its uncompressed and compressed size.</summary>
    public IReadOnlyList<ZipPart> Parts { get; }

    /// <summary>The schema after the whole model: the inputs plus every column it adds.</summary>
    public DataViewSchema OutputSchema => Model.GetOutputSchema(InputSchema);

    /// <summary>Loads <paramref name="path"/>; a missing file or one that is not a model is a <see cref="UserErrorException"/>.</summary>
    public static ModelZip Load(string path)
    {
        if (!File.Exists(path))
            throw new UserErrorException(Directory.Exists(path) ? $"{path} is a folder, expected a model zip." : $"model file {path} does not exist.");
        List<ZipPart> parts = ReadParts(path);
        // Seed fixed so that anything random at scoring time is the same on every run.
        var context = new MLContext(seed: 0);
        ScratchFolder scratch = ScratchFolder.For(context);
        ITransformer? model = null;
        try
        {
            model = context.Model.Load(path, out DataViewSchema? inputSchema);
            if (inputSchema is null)
                throw new UserErrorException($"{path} was saved without its input schema; save it with mlContext.Model.Save(model, data.Schema, path)");
            return new ModelZip(path, context, scratch, model, inputSchema, new FileInfo(path).Length, parts);
        }
        catch (Exception error)
        {
            (model as IDisposable)?.Dispose();
            scratch.Dispose();
            if (error is not UserErrorException && IsLoadFailure(error))
                throw new UserErrorException($"{path} is not an ML.NET model zip ({OneLine(error.Message)}).");
            throw;
        }
    }

    /// <summary>Releases the model and deletes the tool's temporary copies of its parts.</summary>
    public void Dispose()
    {
        (Model as IDisposable)?.Dispose();
        _scratch.Dispose();
    }

    private static List<ZipPart> ReadParts(string path)
    {
        try
        {
            using ZipArchive zip = ZipFile.OpenRead(path);
            return zip.Entries.Select(e => new ZipPart(e.FullName, e.Length, e.CompressedLength)).ToList();
        }
        catch (InvalidDataException)
        {
            throw new UserErrorException($"{path} is not an ML.NET model zip (not a zip file).");
        }
    }

    // ML.NET reports a zip it cannot read with a handful of exception types; none of them is a bug here.
    private static bool IsLoadFailure(Exception error)
        => error is InvalidOperationException or FormatException or InvalidDataException or ArgumentException
            or IOException or NotSupportedException or KeyNotFoundException or EndOfStreamException;

    private static string OneLine(string message)
    {
        string line = message.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}

/// <summary>One entry of a model zip.</summary>
internal sealed record ZipPart(string Name, long Bytes, long CompressedBytes);
