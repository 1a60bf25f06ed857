using MlNetSparse.Core.Text;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Cli.Data;

/// <summary>The prediction task of a train run.</summary>
public enum PredictionTask
{
    /// <summary>Two label values: logistic regression, the second value in sorted order is true.</summary>
    Binary,

    /// <summary>Text labels or a few integer labels: softmax over the classes.</summary>
    Multiclass,

    /// <summary>A real-valued label: least squares.</summary>
    Regression,
}

/// <summary>Finds the label column and the task it implies.</summary>
public static class TaskInference
{
    /// <summary>At most this many distinct integer labels count as classes; more are a regression target.</summary>
    public const int MaximumIntegerClasses = DataFileSchema.DistinctValueCap;

    /// <summary>The column named <paramref name="label"/>, or a user error that suggests the closest name.</summary>
    public static DataColumn FindLabel(DataFileSchema schema, string label)
    {
        if (schema.Find(label) is { } column)
            return column;
        string? closest = ClosestName.Find(label, schema.Columns.Select(c => c.Name));
        string hint = closest is null ? $"the columns are {string.Join(", ", schema.Columns.Select(c => c.Name))}" : $"did you mean '{closest}'?";
        throw new UserErrorException($"--label: {schema.Path} has no column '{label}'; {hint}");
    }

    /// <summary>
    /// Exactly two values → binary; text, or at most <see cref="MaximumIntegerClasses"/> distinct
    /// integers → multiclass; other numbers → regression.
    /// </summary>
    public static PredictionTask Infer(DataColumn label)
    {
        int distinct = label.DistinctValues.Count;
        if (distinct == 2)
            return PredictionTask.Binary;
        if (label.Kind == ColumnKind.Text || (label.AllIntegers && distinct <= MaximumIntegerClasses))
            return PredictionTask.Multiclass;
        return PredictionTask.Regression;
    }

    /// <summary>Checks that <paramref name="task"/> (given or inferred) can be trained on <paramref name="label"/>.</summary>
    public static void Check(PredictionTask task, DataColumn label)
    {
        int distinct = label.DistinctValues.Count;
        if (distinct < 2)
            throw new UserErrorException($"--label: column '{label.Name}' has {(distinct == 0 ? "no values" : "a single value")}; there is nothing to learn.");
        if (task == PredictionTask.Binary && distinct != 2)
            throw new UserErrorException($"--task binary: column '{label.Name}' has {(distinct > DataFileSchema.DistinctValueCap ? "more than " + DataFileSchema.DistinctValueCap : distinct)} distinct values, binary needs exactly 2.");
        if (task == PredictionTask.Regression && label.Kind == ColumnKind.Text)
            throw new UserErrorException($"--task regression: column '{label.Name}' holds text; regression needs numbers (or pass --column-type {label.Name}=number).");
    }
}
