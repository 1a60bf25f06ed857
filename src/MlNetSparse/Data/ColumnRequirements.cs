using Microsoft.ML;
using Microsoft.ML.Data;

using MlNetSparse.Core.Text;
using MlNetSparse.Internals;

namespace MlNetSparse.Data;

/// <summary>
/// Checks that the feature, label and weight columns exist with usable types, in the estimator's
/// schema (<see cref="SchemaShape"/>) and in the data given to Fit; every message names the
/// column, the option that named it and what is allowed.
/// </summary>
internal static class ColumnRequirements
{
    /// <summary>Checks the columns of an estimator-time schema.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type; ParamName is the option.</exception>
    public static void Check(SchemaShape schema, TrainingColumns columns, LabelReader labelReader)
    {
        var feature = Find(schema, columns.Feature, "Feature", "FeatureColumnName");
        if (!(feature.Kind == SchemaShape.Column.VectorKind.Vector && !feature.IsKey && feature.ItemType == NumberDataViewType.Single))
            throw WrongType("Feature", columns.Feature, "FeatureColumnName", "a known-size vector of Single", Describe(feature));

        var label = Find(schema, columns.Label, "Label", "LabelColumnName");
        if (!labelReader.Accepts(label))
            throw WrongType("Label", columns.Label, "LabelColumnName", labelReader.ExpectedType, Describe(label));

        if (columns.Weight is not null)
        {
            var weight = Find(schema, columns.Weight, "Example weight", "ExampleWeightColumnName");
            if (!(weight.Kind == SchemaShape.Column.VectorKind.Scalar && !weight.IsKey && weight.ItemType == NumberDataViewType.Single))
                throw WrongType("Example weight", columns.Weight, "ExampleWeightColumnName", "Single", Describe(weight));
        }
    }

    /// <summary>Checks the columns of the data given to Fit, including what only the full type tells (a key's count).</summary>
    public static void Check(DataViewSchema schema, TrainingColumns columns, LabelReader labelReader)
    {
        Check(SchemaShapes.Create(schema), columns, labelReader);
        var label = schema[columns.Label];
        if (!labelReader.Accepts(label.Type))
            throw WrongType("Label", columns.Label, "LabelColumnName", labelReader.ExpectedType, label.Type.ToString() ?? label.Type.GetType().Name);
        if (((VectorDataViewType)schema[columns.Feature].Type).Size == 0)
            throw WrongType("Feature", columns.Feature, "FeatureColumnName", "a vector with at least one slot", "an empty vector");
    }

    private static SchemaShape.Column Find(SchemaShape schema, string name, string role, string option)
    {
        if (TryFind(schema, name, out var column))
            return column;
        var names = schema.Select(c => c.Name).ToArray();
        string? closest = ClosestName.Find(name, names);
        string hint = closest is null ? "" : $" Did you mean '{closest}'?";
        throw new ArgumentOutOfRangeException(option,
            $"{role} column '{name}' (option {option}) was not found in the data.{hint} Columns present: {string.Join(", ", names)}.");
    }

    /// <summary>The column named <paramref name="name"/>, if the schema has one.</summary>
    public static bool TryFind(SchemaShape schema, string name, out SchemaShape.Column column)
    {
        foreach (var candidate in schema)
        {
            if (candidate.Name == name)
            {
                column = candidate;
                return true;
            }
        }
        column = default;
        return false;
    }

    private static ArgumentOutOfRangeException WrongType(string role, string name, string option, string expected, string actual)
        => new(option, $"{role} column '{name}' (option {option}) must be {expected}; got {actual}.");

    private static string Describe(SchemaShape.Column column)
    {
        string item = column.IsKey ? $"Key<{column.ItemType}>" : $"{column.ItemType}";
        return column.Kind switch
        {
            SchemaShape.Column.VectorKind.Vector => $"a known-size vector of {item}",
            SchemaShape.Column.VectorKind.VariableVector => $"a variable-size vector of {item}",
            _ => item,
        };
    }
}
