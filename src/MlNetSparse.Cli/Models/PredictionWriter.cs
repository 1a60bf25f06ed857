using System.Text.Json;

namespace MlNetSparse.Cli.Models;

/// <summary>Writes scored rows as CSV (a header, then one line per row) or as a JSON array of objects.</summary>
internal static class PredictionWriter
{
    public static void WriteCsv(TextWriter writer, PredictionColumns columns, IEnumerable<PredictionRow> rows)
    {
        var header = new List<string>();
        if (columns.HasLabel)
            header.Add("PredictedLabel");
        header.AddRange(columns.ValueNames);
        writer.WriteLine(string.Join(',', header.Select(h => CsvText.Field(h))));
        foreach (PredictionRow row in rows)
        {
            var fields = new List<string>();
            if (columns.HasLabel)
                fields.Add(CsvText.Field(row.PredictedLabel ?? ""));
            fields.AddRange(row.Values.Select(CsvText.Number));
            writer.WriteLine(string.Join(',', fields));
        }
    }

    public static void WriteJson(Stream stream, PredictionColumns columns, IEnumerable<PredictionRow> rows)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        foreach (PredictionRow row in rows)
        {
            json.WriteStartObject();
            if (columns.HasLabel)
                json.WriteString("PredictedLabel", row.PredictedLabel);
            for (int i = 0; i < row.Values.Count; i++)
            {
                float value = row.Values[i];
                // JSON has no NaN or infinity: write those as null rather than fail mid-file.
                if (float.IsFinite(value))
                    json.WriteNumber(columns.ValueNames[i], value);
                else
                    json.WriteNull(columns.ValueNames[i]);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
