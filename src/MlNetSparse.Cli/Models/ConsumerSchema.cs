using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSparse.Cli.Models;

/// <summary>One property of a generated ModelInput / ModelOutput class.</summary>
/// <param name="Column">The IDataView column it binds to.</param>
/// <param name="Property">A valid, unique C# identifier.</param>
/// <param name="ClrType">The C# type, e.g. <c>float</c> or <c>float[]</c>.</param>
/// <param name="VectorSize">The vector length, or 0 for a scalar.</param>
/// <param name="FirstFileColumn">For inputs, the first column of the CSV it is loaded from.</param>
internal sealed record ConsumerProperty(string Column, string Property, string ClrType, int VectorSize, int FirstFileColumn);

/// <summary>The classes a consumer of a zip needs: its input columns and the model's prediction columns, as C# properties.</summary>
internal sealed record ConsumerSchema(IReadOnlyList<ConsumerProperty> Inputs, IReadOnlyList<ConsumerProperty> Outputs,
    bool LabelIsKey, IReadOnlyList<string> ValueNames, bool UsesOnnx)
{
    public static ConsumerSchema From(ModelZip zip, IReadOnlyList<PipelineStep> steps)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var inputs = new List<ConsumerProperty>();
        int fileColumn = 0;
        foreach (DataViewSchema.Column column in zip.InputSchema.Where(c => !c.IsHidden))
        {
            int size = column.Type is VectorDataViewType v ? v.Size : 0;
            if (column.Type is VectorDataViewType { Size: 0 })
                throw new UserErrorException($"the model's input column '{column.Name}' is a vector of unknown size, which a generated class cannot declare");
            inputs.Add(new ConsumerProperty(column.Name, Identifier(column.Name, names), ClrTypeOf(column), size, fileColumn));
            fileColumn += Math.Max(size, 1);
        }

        DataViewSchema scored = zip.OutputSchema;
        var columns = new PredictionColumns(scored);
        var outputs = new List<ConsumerProperty>();
        bool labelIsKey = false;
        if (scored.GetColumnOrNull("PredictedLabel") is { } label)
        {
            labelIsKey = label.Type is KeyDataViewType;
            // A key label is mapped back to its value (the class name) before it reaches ModelOutput.
            string type = labelIsKey ? KeyValueClrType(label) : ClrTypeOf(label);
            outputs.Add(new ConsumerProperty("PredictedLabel", "PredictedLabel", type, 0, -1));
        }
        if (scored.GetColumnOrNull("Score") is { } score)
            outputs.Add(new ConsumerProperty("Score", "Score", score.Type is VectorDataViewType ? "float[]" : "float",
                score.Type is VectorDataViewType sv ? sv.Size : 0, -1));
        if (scored.GetColumnOrNull("Probability") is not null)
            outputs.Add(new ConsumerProperty("Probability", "Probability", "float", 0, -1));
        bool onnx = steps.Any(s => s.Transformer.GetType().Name == "OnnxTransformer");
        return new ConsumerSchema(inputs, outputs, labelIsKey, columns.ValueNames, onnx);
    }

    private static string KeyValueClrType(DataViewSchema.Column label)
    {
        DataViewSchema.Column? values = label.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (values?.Type is not VectorDataViewType { ItemType: var item })
            throw new UserErrorException("the model's PredictedLabel is a key without values: no class names to generate");
        return ScalarClrType(item, "PredictedLabel");
    }

    private static string ClrTypeOf(DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType vector)
            return ScalarClrType(vector.ItemType, column.Name) + "[]";
        return ScalarClrType(column.Type, column.Name);
    }

    private static string ScalarClrType(DataViewType type, string column) => type switch
    {
        TextDataViewType => "string",
        BooleanDataViewType => "bool",
        KeyDataViewType => throw new UserErrorException($"the model's column '{column}' is a key; a generated class cannot load it from a CSV"),
        _ when type.RawType == typeof(float) => "float",
        _ when type.RawType == typeof(double) => "double",
        _ when type.RawType == typeof(int) => "int",
        _ when type.RawType == typeof(long) => "long",
        _ when type.RawType == typeof(uint) => "uint",
        _ => throw new UserErrorException($"the model's column '{column}' has type {type}, which codegen does not support"),
    };

    /// <summary>A C# identifier from a column name: letters, digits and '_' kept, PascalCase first letter, made unique.</summary>
    private static string Identifier(string name, HashSet<string> taken)
    {
        var chars = name.Where(c => char.IsLetterOrDigit(c) || c == '_').ToArray();
        string id = chars.Length == 0 ? "Column" : new string(chars);
        if (char.IsDigit(id[0]))
            id = "Column" + id;
        id = char.ToUpperInvariant(id[0]) + id[1..];
        string unique = id;
        for (int n = 2; !taken.Add(unique) || unique is "ModelInput" or "ModelOutput"; n++)
            unique = id + n;
        return unique;
    }
}
