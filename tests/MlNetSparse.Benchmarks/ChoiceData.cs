using System.Globalization;

namespace MlNetSparse.Benchmarks;

/// <summary>The task of a choice-benchmark dataset.</summary>
internal enum ChoiceTask { Binary, Multiclass, Regression }

/// <summary>
/// A small tabular dataset of the choice benchmark: numeric features, the label in the last column
/// (text classes, sorted, become 0 … C − 1; a number is a regression target).
/// </summary>
internal sealed record ChoiceData(string Name, ChoiceTask Task, float[][] Features, float[] Labels, int ClassCount)
{
    /// <summary>The bundled sets (examples/data) and the small ones (examples/data/small) the section runs on; digits (1,797 rows) is not small.</summary>
    public static readonly (string File, ChoiceTask Task)[] Files =
    [
        ("iris.csv", ChoiceTask.Multiclass), ("wine.csv", ChoiceTask.Multiclass), ("breast_cancer.csv", ChoiceTask.Binary), ("diabetes.csv", ChoiceTask.Regression),
        ("small/mtcars.csv", ChoiceTask.Regression), ("small/swiss.csv", ChoiceTask.Regression), ("small/attitude.csv", ChoiceTask.Regression),
        ("small/pima.csv", ChoiceTask.Binary), ("small/birthwt.csv", ChoiceTask.Binary), ("small/glass.csv", ChoiceTask.Multiclass), ("small/crabs.csv", ChoiceTask.Multiclass),
        ("small/uscrime.csv", ChoiceTask.Regression), ("small/lifecyclesavings.csv", ChoiceTask.Regression), ("small/biopsy.csv", ChoiceTask.Binary),
    ];

    /// <summary>
    /// The sets added after the automatic choice's defaults were settled, and never used to settle them:
    /// their rows check that the choice generalises, and the report marks them.
    /// </summary>
    public static readonly string[] NotTunedOn = ["uscrime", "lifecyclesavings", "biopsy"];

    public int Rows => Labels.Length;

    public int FeatureCount => Features[0].Length;

    /// <summary>examples/data, found upwards from the program's folder (the benchmark runs inside the repository).</summary>
    public static string DataFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "examples", "data");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("examples/data was not found above the benchmark's folder; run it from the repository.");
    }

    public static ChoiceData Load(string folder, string file, ChoiceTask task)
    {
        string[][] rows = [.. File.ReadAllLines(Path.Combine(folder, file)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))];
        float[][] features = [.. rows.Select(r => r[..^1].Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray())];
        string[] raw = [.. rows.Select(r => r[^1])];
        if (task == ChoiceTask.Regression)
            return new(Path.GetFileNameWithoutExtension(file), task, features, [.. raw.Select(v => float.Parse(v, CultureInfo.InvariantCulture))], 0);
        string[] classes = [.. raw.Distinct().Order(StringComparer.Ordinal)];
        return new(Path.GetFileNameWithoutExtension(file), task, features, [.. raw.Select(v => (float)Array.IndexOf(classes, v))], classes.Length);
    }
}
