using MlNetSparse.Cli.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Cli.Models;

/// <summary>
/// Reads a CSV/TSV file as rows of a model's input schema: each input column is found by name in the
/// file's header, so the file's column order does not matter and extra columns are ignored.
/// </summary>
internal static class ModelRows
{
    /// <summary>The rows of <paramref name="path"/> as the model's input, and where they lack a value the model needs.</summary>
    public static (IDataView Rows, FileRows File) Read(ModelZip zip, string path, char? separator)
    {
        if (!File.Exists(path))
            throw new UserErrorException($"--data: file {path} does not exist.");
        DelimitedFile.RequireText(path);
        if (File.ReadLines(path).All(string.IsNullOrWhiteSpace))
            throw new UserErrorException($"--data: {path} is empty (expected a header line naming the columns)");
        char sep = separator ?? DataFileInference.InferSeparator(path);
        string[] header = [.. DelimitedFile.Read(path, sep).First().Fields];
        HashSet<string> needed = NeededInputs(zip);

        DataViewSchema.Column[] inputs = zip.InputSchema.Where(c => !c.IsHidden).ToArray();
        var sources = inputs.Select(c => Locate(c, header)).ToArray();
        ClaimUnnamedVector(inputs, sources, header);

        var columns = new List<TextLoader.Column>();
        int beyondLastField = header.Length;
        for (int i = 0; i < inputs.Length; i++)
        {
            DataViewSchema.Column column = inputs[i];
            DataKind kind = KindOf(column);
            TextLoader.Range[]? source = sources[i];
            if (source is null)
            {
                if (needed.Contains(column.Name))
                {
                    // Suggest among the header names no input column took: a misspelt column is one of those.
                    string[] untaken = header.Where(h => inputs.All(c => !string.Equals(c.Name, h, StringComparison.OrdinalIgnoreCase))).ToArray();
                    throw new UserErrorException($"--data: {path} has no column '{column.Name}' that the model reads{ClosestHint(column.Name, untaken.Length > 0 ? untaken : header)}");
                }
                // Not used by the predictions (a label, say): point it past the last field so every
                // row reads it as missing, and the lazily-evaluated pipeline never looks at it.
                int size = column.Type is VectorDataViewType v ? v.Size : 1;
                source = [new TextLoader.Range(beyondLastField, beyondLastField + size - 1)];
                beyondLastField += size;
            }
            columns.Add(new TextLoader.Column(column.Name, kind, source));
        }
        var numeric = new HashSet<int>();
        var neededNumeric = new HashSet<int>();
        for (int i = 0; i < inputs.Length; i++)
        {
            if (sources[i] is not { } ranges || KindOf(inputs[i]) is DataKind.String or DataKind.Boolean)
                continue;
            int[] fields = [.. ranges.SelectMany(r => Enumerable.Range(r.Min, (r.Max ?? r.Min) - r.Min + 1))];
            numeric.UnionWith(fields);
            if (needed.Contains(inputs[i].Name))
                neededNumeric.UnionWith(fields);
        }
        FileRows rows = DataFileCheck.Validate(path, sep, header, numeric, neededNumeric);

        var options = new TextLoader.Options
        {
            Columns = columns.ToArray(), HasHeader = true, Separators = [sep], AllowQuoting = true,
            ReadMultilines = true,      // a quoted field may hold line breaks, as DelimitedFile reads it
            TrimWhitespace = true,
            MissingRealsAsNaNs = true,  // as train reads the file: a missing number is NaN, not 0
        };
        return (zip.Context.Data.CreateTextLoader(options).Load(path), rows);
    }

    /// <summary>The input columns the predictions depend on (a label, for one, is not among them); all of them when ML.NET cannot tell.</summary>
    internal static HashSet<string> NeededInputs(ModelZip zip)
    {
        var all = zip.InputSchema.Select(c => c.Name).ToHashSet();
        try
        {
            IRowToRowMapper mapper = zip.Model.GetRowToRowMapper(zip.InputSchema);
            DataViewSchema output = mapper.OutputSchema;
            var outputs = PredictionColumns.Names.Select(n => output.GetColumnOrNull(n)).OfType<DataViewSchema.Column>();
            return mapper.GetDependencies(outputs).Select(c => c.Name).ToHashSet();
        }
        catch (Exception error) when (error is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return all;
        }
    }

    /// <summary>
    /// A vector loaded from a range of a file's columns keeps no names (e.g. 64 pixels read as one
    /// column): when exactly one vector is still unplaced and the header's unclaimed columns are
    /// exactly as many as its size, those columns, in file order, are its slots.
    /// </summary>
    private static void ClaimUnnamedVector(DataViewSchema.Column[] inputs, TextLoader.Range[]?[] sources, string[] header)
    {
        int[] unplaced = Enumerable.Range(0, inputs.Length).Where(i => sources[i] is null && inputs[i].Type is VectorDataViewType).ToArray();
        if (unplaced.Length != 1)
            return;
        var claimed = sources.OfType<TextLoader.Range[]>().SelectMany(r => r).SelectMany(r => Enumerable.Range(r.Min, (r.Max ?? r.Min) - r.Min + 1)).ToHashSet();
        int[] free = Enumerable.Range(0, header.Length).Where(i => !claimed.Contains(i)).ToArray();
        if (free.Length == ((VectorDataViewType)inputs[unplaced[0]].Type).Size)
            sources[unplaced[0]] = free.Select(i => new TextLoader.Range(i)).ToArray();
    }

    private static TextLoader.Range[]? Locate(DataViewSchema.Column column, string[] header)
    {
        int named = IndexOf(header, column.Name);
        if (column.Type is not VectorDataViewType vector)
            return named < 0 ? null : [new TextLoader.Range(named)];
        // A vector read from a file with a header keeps the header's names as slot names: find each.
        if (column.HasSlotNames())
        {
            string[] slots = ModelPipeline.SlotNames(column);
            int[] indices = slots.Select(s => IndexOf(header, s)).ToArray();
            if (indices.All(i => i >= 0))
                return indices.Select(i => new TextLoader.Range(i)).ToArray();
        }
        if (named >= 0 && named + vector.Size <= header.Length)
            return [new TextLoader.Range(named, named + vector.Size - 1)];
        return null;
    }

    private static int IndexOf(string[] header, string name)
    {
        int exact = Array.IndexOf(header, name);
        return exact >= 0 ? exact : Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
    }

    private static DataKind KindOf(DataViewSchema.Column column)
    {
        DataViewType item = column.Type is VectorDataViewType v ? v.ItemType : column.Type;
        if (item is TextDataViewType)
            return DataKind.String;
        if (item is BooleanDataViewType)
            return DataKind.Boolean;
        return item.RawType switch
        {
            var t when t == typeof(float) => DataKind.Single,
            var t when t == typeof(double) => DataKind.Double,
            var t when t == typeof(int) => DataKind.Int32,
            var t when t == typeof(long) => DataKind.Int64,
            var t when t == typeof(uint) && item is not KeyDataViewType => DataKind.UInt32,
            _ => throw new UserErrorException($"the model's input column '{column.Name}' has type {column.Type}, which predict cannot read from text"),
        };
    }

    /// <summary>" (did you mean 'X'?)" for the header name closest to <paramref name="name"/> by edit distance.</summary>
    public static string ClosestHint(string name, IEnumerable<string> candidates)
    {
        string? best = candidates.MinBy(c => EditDistance(name.ToLowerInvariant(), c.ToLowerInvariant()));
        return best is null ? "" : $" (did you mean '{best}'?)";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
