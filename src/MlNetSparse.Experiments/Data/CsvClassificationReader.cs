using System.Globalization;
using MlNetSparse.Core.Text;

namespace MlNetSparse.Experiments.Data;

/// <summary>
/// Reads a CSV (header row; separator ',', ';' or tab, detected from the header) into a
/// <see cref="ClassificationData"/>: the label column may hold text or numbers, every other column
/// must be numeric. Rows with an empty or non-finite value are skipped and counted, as ML.NET does.
/// </summary>
public static class CsvClassificationReader
{
    /// <summary>Reads <paramref name="path"/> with <paramref name="labelColumn"/> as the class.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="FormatException">The file is empty, a row is ragged, or a feature value is not a number (line and column given).</exception>
    /// <exception cref="ArgumentException">The label column does not exist (the closest name is suggested).</exception>
    public static ClassificationData Read(string path, string labelColumn, out int skippedRows)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No dataset file at '{path}'.", path);
        using var reader = new StreamReader(path);
        string header = reader.ReadLine() ?? throw new FormatException($"'{path}' is empty: a header row is needed.");
        char separator = DetectSeparator(header);
        string[] names = [.. header.Split(separator).Select(n => n.Trim())];
        int labelIndex = Array.IndexOf(names, labelColumn);
        if (labelIndex < 0)
            throw new ArgumentException(LabelNotFound(labelColumn, names, path), nameof(labelColumn));

        var rows = new List<(float[] Features, string Label)>();
        skippedRows = 0;
        int line = 1;
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (text.Length == 0)
                continue;
            string[] fields = text.Split(separator);
            if (fields.Length != names.Length)
                throw new FormatException($"'{path}' line {line}: {fields.Length} fields, but the header has {names.Length}.");
            if (TryParseRow(fields, names, labelIndex, path, line, out float[] features))
                rows.Add((features, fields[labelIndex].Trim()));
            else
                skippedRows++;
        }
        if (rows.Count == 0)
            throw new FormatException($"'{path}' has no complete data rows ({skippedRows} skipped for missing values).");

        string[] classNames = [.. rows.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal)];
        float[] labels = [.. rows.Select(r => (float)Array.BinarySearch(classNames, r.Label, StringComparer.Ordinal))];
        float[] flat = [.. rows.SelectMany(r => r.Features)];
        string[] featureNames = [.. names.Where((_, i) => i != labelIndex)];
        if (classNames.Length < 2)
            throw new FormatException($"'{path}': label column '{labelColumn}' has only one class ({classNames[0]}); at least 2 are needed.");
        return new ClassificationData(flat, labels, featureNames, classNames);
    }

    private static bool TryParseRow(string[] fields, string[] names, int labelIndex, string path, int line, out float[] features)
    {
        features = new float[fields.Length - 1];
        bool complete = fields[labelIndex].Trim().Length > 0;
        for (int i = 0, j = 0; i < fields.Length; i++)
        {
            if (i == labelIndex)
                continue;
            string field = fields[i].Trim();
            if (field.Length == 0 || field.Equals("NaN", StringComparison.OrdinalIgnoreCase) || field == "?")
            {
                complete = false;
                j++;
                continue;
            }
            if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
                throw new FormatException($"'{path}' line {line}, column '{names[i]}': '{field}' is not a number.");
            complete &= float.IsFinite(value);
            features[j++] = value;
        }
        return complete;
    }

    private static char DetectSeparator(string header)
    {
        char[] candidates = [',', ';', '\t'];
        return candidates.MaxBy(c => header.Count(ch => ch == c));
    }

    private static string LabelNotFound(string labelColumn, string[] names, string path)
    {
        string? closest = ClosestName.Find(labelColumn, names);
        string hint = closest is null ? "" : $" Did you mean '{closest}'?";
        return $"Label column '{labelColumn}' is not in '{path}'.{hint} Columns: {string.Join(", ", names)}.";
    }
}
