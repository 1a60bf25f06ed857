using System.Globalization;

namespace MlNetSparse.Examples.SparsityComparison;

/// <summary>One row of a bundled CSV: every column but the last is a feature, the last is the class.</summary>
public sealed class LabeledRow
{
    public float[] Features { get; set; } = [];
    public string Class { get; set; } = "";
}

/// <summary>
/// A bundled dataset and the sparsity levels s compared on it. A non-null
/// <see cref="PositiveClass"/> makes it a binary task (that class is true); otherwise multiclass.
/// </summary>
public sealed record ComparisonDataset(string Name, string FileName, int[] SparsityLevels, string? PositiveClass = null)
{
    public static readonly ComparisonDataset[] All =
    [
        new("IRIS", "iris.csv", [3, 5, 7, 10]),
        new("wine", "wine.csv", [5, 10, 20]),
        new("breast_cancer", "breast_cancer.csv", [3, 5, 10], PositiveClass: "malignant"),
    ];

    public bool IsBinary => PositiveClass is not null;

    /// <summary>Reads the CSV shipped beside the program (header skipped).</summary>
    public LabeledRow[] ReadRows()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", FileName);
        return [.. File.ReadLines(path).Skip(1).Where(line => line.Length > 0).Select(ParseRow)];
    }

    /// <summary>All parameters of the dense linear model, biases included: what s is a budget out of.</summary>
    public int ParameterCount(LabeledRow[] rows)
    {
        int inputs = rows[0].Features.Length + 1;
        return IsBinary ? inputs : rows.Select(r => r.Class).Distinct().Count() * inputs;
    }

    private static LabeledRow ParseRow(string line)
    {
        string[] cells = line.Split(',');
        return new LabeledRow
        {
            Features = [.. cells[..^1].Select(c => float.Parse(c, CultureInfo.InvariantCulture))],
            Class = cells[^1],
        };
    }
}
