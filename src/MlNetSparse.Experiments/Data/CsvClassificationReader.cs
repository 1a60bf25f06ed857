using MlNetSparse.Core.Text;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Experiments.Data;

/// <summary>
/// Reads a labelled CSV/TSV file into a <see cref="ClassificationData"/> with the reader the tool's
/// commands use (<see cref="DataFileInference"/>, <see cref="DelimitedFile"/>): the same separators,
/// quoting and missing values. The file has a header row; the label column may hold text or numbers,
/// every other column must be numeric. Rows with a missing value are skipped and counted, as ML.NET does.
/// </summary>
public static class CsvClassificationReader
{
    /// <summary>Reads <paramref name="path"/> with <paramref name="labelColumn"/> as the class.</summary>
    /// <exception cref="DataFileException">The file is missing, empty or binary, a row is ragged, a feature value is not a number (line and column given), or there is one class only.</exception>
    /// <exception cref="ArgumentException">The label column does not exist (the closest name is suggested).</exception>
    public static ClassificationData Read(string path, string labelColumn, out int skippedRows)
    {
        DataFileSchema header = DataFileInference.Infer(path, new DataFileOverrides(HasHeader: true));
        string[] names = [.. header.Columns.Select(c => c.Name)];
        int labelIndex = Array.IndexOf(names, labelColumn);
        if (labelIndex < 0)
            throw new ArgumentException(LabelNotFound(labelColumn, names, path), nameof(labelColumn));
        // Every feature read as a number, so that a word among them is an error naming its line and column.
        var kinds = names.Where((_, i) => i != labelIndex).ToDictionary(n => n, _ => ColumnKind.Number, StringComparer.Ordinal);
        DataFileSchema schema = DataFileInference.Infer(path, new DataFileOverrides(header.Separator, HasHeader: true, kinds));

        var rows = new List<(float[] Features, string Label)>();
        skippedRows = 0;
        foreach (DelimitedRecord record in DelimitedFile.Read(path, schema.Separator).Skip(1))
        {
            if (TryParseRow(record.Fields, labelIndex, out float[] features))
                rows.Add((features, record.Fields[labelIndex]));
            else
                skippedRows++;
        }
        if (rows.Count == 0)
            throw new DataFileException($"'{path}' has no complete data rows ({skippedRows} skipped for missing values).");

        string[] classNames = [.. rows.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal)];
        float[] labels = [.. rows.Select(r => (float)Array.BinarySearch(classNames, r.Label, StringComparer.Ordinal))];
        float[] flat = [.. rows.SelectMany(r => r.Features)];
        string[] featureNames = [.. names.Where((_, i) => i != labelIndex)];
        if (classNames.Length < 2)
            throw new DataFileException($"'{path}': label column '{labelColumn}' has only one class ({classNames[0]}); at least 2 are needed.");
        return new ClassificationData(flat, labels, featureNames, classNames);
    }

    // The features of a row whose label and features are all present; false for a row with a missing value.
    private static bool TryParseRow(IReadOnlyList<string> fields, int labelIndex, out float[] features)
    {
        features = new float[fields.Count - 1];
        bool complete = !NumberField.IsMissing(fields[labelIndex]);
        for (int i = 0, j = 0; i < fields.Count; i++)
        {
            if (i == labelIndex)
                continue;
            if (NumberField.Finite(fields[i]) is float value)
                features[j] = value;
            else
                complete = false;   // missing: the inference has rejected any other text already
            j++;
        }
        return complete;
    }

    private static string LabelNotFound(string labelColumn, string[] names, string path)
    {
        string? closest = ClosestName.Find(labelColumn, names);
        string hint = closest is null ? "" : $" Did you mean '{closest}'?";
        return $"Label column '{labelColumn}' is not in '{path}'.{hint} Columns: {string.Join(", ", names)}.";
    }
}
