using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSparse.Cli.Models;

/// <summary>One transformer of a saved model, with the schema it reads and the columns it adds.</summary>
internal sealed record PipelineStep(ITransformer Transformer, DataViewSchema InputSchema, DataViewSchema OutputSchema)
{
    /// <summary>The transformer's type as C# writes it, e.g. <c>MulticlassPredictionTransformer&lt;MaximumEntropyModelParameters&gt;</c>.</summary>
    public string TypeName => ModelPipeline.FriendlyName(Transformer.GetType());

    /// <summary>
    /// The columns this step writes. ML.NET appends a new column even when it reuses a name (the old
    /// one is hidden), so the added columns are exactly those past the input's count.
    /// </summary>
    public IEnumerable<DataViewSchema.Column> AddedColumns => OutputSchema.Skip(InputSchema.Count);

    /// <summary>The feature column a predictor reads, or null for other transformers.</summary>
    public string? FeatureColumnName => (Transformer as ISingleFeaturePredictionTransformer<object>)?.FeatureColumnName;
}

/// <summary>A saved model's transformer chain, flattened, with the schema between steps.</summary>
internal static class ModelPipeline
{
    public static IReadOnlyList<PipelineStep> Steps(ModelZip zip)
    {
        var steps = new List<PipelineStep>();
        DataViewSchema schema = zip.InputSchema;
        foreach (ITransformer transformer in Flatten(zip.Model))
        {
            DataViewSchema output = transformer.GetOutputSchema(schema);
            steps.Add(new PipelineStep(transformer, schema, output));
            schema = output;
        }
        return steps;
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer)
    {
        // A chain is itself a transformer that enumerates its parts; chains may nest (Append of Append).
        if (transformer is IEnumerable<ITransformer> chain)
            return chain.SelectMany(Flatten);
        return [transformer];
    }

    public static string FriendlyName(Type type)
    {
        if (!type.IsGenericType)
            return type.Name;
        var name = new StringBuilder(type.Name[..type.Name.IndexOf('`')]);
        name.Append('<').AppendJoin(", ", type.GetGenericArguments().Select(FriendlyName)).Append('>');
        return name.ToString();
    }

    /// <summary>The slot names of a vector column (Concatenate keeps its sources' names), or f0, f1, ... when it has none.</summary>
    public static string[] SlotNames(DataViewSchema.Column column)
    {
        int size = column.Type is VectorDataViewType vector ? vector.Size : 1;
        var names = Enumerable.Range(0, size).Select(i => $"f{i}").ToArray();
        if (column.Type is VectorDataViewType && column.HasSlotNames())
        {
            var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
            column.GetSlotNames(ref slotNames);
            foreach ((int index, ReadOnlyMemory<char> value) in slotNames.Items())
                if (index < size && !value.IsEmpty)
                    names[index] = value.ToString();
        }
        else if (column.Type is not VectorDataViewType)
        {
            names[0] = column.Name;
        }
        return names;
    }

    /// <summary>The text of each key value of a key-typed column (class names), or null when it has none.</summary>
    public static string[]? KeyValueNames(DataViewSchema.Column column)
    {
        if (column.Type is not KeyDataViewType key || column.Annotations.Schema.GetColumnOrNull("KeyValues") is not { } annotation)
            return null;
        return annotation.Type is VectorDataViewType { ItemType: var item } ? ReadKeyValues(column, item, (int)key.Count) : null;
    }

    private static string[]? ReadKeyValues(DataViewSchema.Column column, DataViewType item, int count)
    {
        if (item is TextDataViewType)
            return Read<ReadOnlyMemory<char>>(column, count, v => v.ToString());
        if (item == NumberDataViewType.Single)
            return Read<float>(column, count, v => CsvText.Number(v));
        if (item == NumberDataViewType.Double)
            return Read<double>(column, count, v => CsvText.Number(v));
        if (item == NumberDataViewType.Int32)
            return Read<int>(column, count, v => v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (item == NumberDataViewType.Int64)
            return Read<long>(column, count, v => v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (item == NumberDataViewType.UInt32)
            return Read<uint>(column, count, v => v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (item is BooleanDataViewType)
            return Read<bool>(column, count, v => v ? "true" : "false");
        return null;
    }

    private static string[] Read<T>(DataViewSchema.Column column, int count, Func<T, string> text)
    {
        var values = default(VBuffer<T>);
        column.GetKeyValues(ref values);
        T[] dense = values.DenseValues().ToArray();
        return Enumerable.Range(0, count).Select(i => i < dense.Length ? text(dense[i]) : $"{i}").ToArray();
    }
}
