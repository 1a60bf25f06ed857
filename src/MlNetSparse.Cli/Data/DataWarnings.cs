using System.Globalization;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Cli.Data;

/// <summary>
/// What `train` warns of in the data itself, as soon as it has read the file: the tool knows the
/// columns by name, which the trainers do not.
/// </summary>
internal static class DataWarnings
{
    /// <summary>
    /// The fewest labelled rows per class, on average, that a class needs to be learned at all: the
    /// rule of thumb of ten events per parameter for logistic regression, applied to the one parameter
    /// every class has, its bias.
    /// </summary>
    public const int MinimumRowsPerClass = 10;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>
    /// A warning for the number columns among <paramref name="features"/> that hold one value (a
    /// standardized constant is 0, so it can carry no weight), or, when all of them do, that the model
    /// will predict a constant; null when none is constant.
    /// </summary>
    public static string? ConstantFeatures(IReadOnlyList<DataColumn> features)
    {
        DataColumn[] constant = [.. features.Where(c => c.IsConstant)];
        if (constant.Length == 0)
            return null;
        static string Value(DataColumn c) => c.DistinctValues.Count == 0 ? "every row missing" : $"every row {c.DistinctValues[0]}";
        if (constant.Length == features.Count)
            return $"every feature column is constant ({string.Join(", ", constant.Select(c => $"'{c.Name}': {Value(c)}"))}): they cannot tell the rows apart, " +
                "so the model will predict a constant, the same for every row whatever its input.";
        return constant.Length == 1
            ? $"column '{constant[0].Name}' is constant ({Value(constant[0])}): it cannot inform the model."
            : $"columns {string.Join(", ", constant.Select(c => $"'{c.Name}' ({Value(c)})"))} are constant: they cannot inform the model.";
    }

    /// <summary>
    /// A warning when <paramref name="classes"/> (class → labelled rows) has fewer than
    /// <see cref="MinimumRowsPerClass"/> rows per class on average; null otherwise.
    /// </summary>
    public static string? TooManyClasses(DataColumn label, IReadOnlyDictionary<string, int> classes)
    {
        int rows = classes.Values.Sum();
        double perClass = (double)rows / classes.Count;
        if (perClass >= MinimumRowsPerClass)
            return null;
        return string.Create(C, $"label '{label.Name}' has {classes.Count:N0} classes in {rows:N0} rows, {perClass:0.#} rows per class on average: ") +
            $"a class needs about {MinimumRowsPerClass} rows to be learned at all, and fewer remain to train on once rows are held out to test, so expect accuracy near chance. " +
            $"Merge rare classes, add rows, or check that '{label.Name}' is the column to predict.";
    }
}
