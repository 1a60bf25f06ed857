using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Cli.Data;

/// <summary>The ML.NET side of a data file the shared reader inferred.</summary>
internal static class DataFileLoader
{
    /// <summary>ML.NET's TextLoader for <paramref name="schema"/>'s file: it does the reading; the inference only chose its columns and options.</summary>
    public static TextLoader CreateLoader(this DataFileSchema schema, MLContext mlContext) => mlContext.Data.CreateTextLoader(new TextLoader.Options
    {
        Separators = [schema.Separator],
        HasHeader = schema.HasHeader,
        AllowQuoting = true,
        ReadMultilines = true,   // a quoted field may hold line breaks (RFC 4180), as DelimitedFile reads it
        TrimWhitespace = true,
        MissingRealsAsNaNs = true,   // ML.NET's convention: a missing number is NaN, and the trainers skip and count such rows
        Columns = [.. schema.Columns.Select(c => new TextLoader.Column(c.Name, c.Kind == ColumnKind.Number ? DataKind.Single : DataKind.String, c.Index))],
    });
}
