namespace MlNetSparse.DataFiles;

/// <summary>How a column of a data file is read.</summary>
public enum ColumnKind
{
    /// <summary>A number, read as Single; a missing value (empty, ?, NaN, NA, inf: <see cref="NumberField"/>) is read as NaN or ±∞, which the trainers skip.</summary>
    Number,

    /// <summary>Text, read as a string.</summary>
    Text,
}

/// <summary>One column of a data file.</summary>
/// <param name="Name">Its name: the header's, or Column1, Column2, … without a header.</param>
/// <param name="Index">Its 0-based position in a row.</param>
/// <param name="Kind">How it is read.</param>
/// <param name="DistinctValues">Its distinct non-missing values in file order, at most <see cref="DataFileSchema.DistinctValueCap"/> + 1 of them.</param>
/// <param name="AllIntegers">For a number column: every non-missing value is a whole number.</param>
/// <param name="MissingCount">Rows whose field is missing (<see cref="NumberField.IsMissing"/>).</param>
public sealed record DataColumn(string Name, int Index, ColumnKind Kind, IReadOnlyList<string> DistinctValues, bool AllIntegers, int MissingCount)
{
    /// <summary>A number column whose non-missing values are all one number (or that has none): as a feature it cannot tell rows apart.</summary>
    public bool IsConstant => Kind == ColumnKind.Number && DistinctValues.Count <= 1;
}
