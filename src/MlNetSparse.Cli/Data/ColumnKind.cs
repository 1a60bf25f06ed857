namespace MlNetSparse.Cli.Data;

/// <summary>How a column of a data file is read.</summary>
public enum ColumnKind
{
    /// <summary>A number, read as Single; an empty field (or ?, NaN) is a missing value, read as NaN.</summary>
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
/// <param name="MissingCount">Rows whose field is missing (empty, ?, NaN).</param>
public sealed record DataColumn(string Name, int Index, ColumnKind Kind, IReadOnlyList<string> DistinctValues, bool AllIntegers, int MissingCount);
