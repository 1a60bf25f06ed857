using System.CommandLine;
using System.Text;
using Microsoft.ML;
using MlNetSparse.Cli.Models;

namespace MlNetSparse.Cli.Commands;

/// <summary><c>predict MODEL.zip --data FILE [--output FILE.csv|.json] [--force] [--separator C] [--json]</c>.</summary>
internal static class PredictCommand
{
    public static Command Create(CliOutput output)
    {
        var model = new Argument<string>("model") { Description = "The model zip." };
        var data = new Option<string>("--data") { Description = "CSV/TSV file of rows with a header; columns are matched to the model's input by name.", Required = true };
        var target = new Option<string?>("--output") { Description = "Write predictions to this file (.json → JSON, otherwise CSV) instead of stdout." };
        var force = new Option<bool>("--force") { Description = "Overwrite --output if it exists." };
        var separator = DataFileOptions.Separator("Field separator of --data: ',', ';', 'tab' or one character (inferred when omitted).");
        var json = new Option<bool>("--json") { Description = "Write JSON instead of CSV (implied by an --output ending in .json)." };
        var command = new Command("predict", "Score the rows of a CSV/TSV file with a model zip; print or write the predictions.");
        command.Arguments.Add(model);
        foreach (Option option in new Option[] { data, target, force, separator, json })
            command.Options.Add(option);
        command.SetAction(parse => CommandErrors.Run(output, () =>
        {
            string? outputPath = parse.GetValue(target);
            string modelPath = parse.GetValue(model)!, dataPath = parse.GetValue(data)!;
            OutputFile? outputFile = outputPath is null ? null : OutputFile.Check(outputPath, parse.GetValue(force), "--output", "write the predictions to another file",
                [new ProtectedFile("--data file", dataPath), new ProtectedFile("model zip", modelPath)]);
            using ModelZip zip = ModelZip.Load(modelPath);
            (IDataView rows, FileRows file) = ModelRows.Read(zip, dataPath, parse.GetValue(separator));
            IDataView scored = zip.Model.Transform(rows);
            var columns = new PredictionColumns(scored.Schema);
            var unscored = new UnscoredRows(file);
            bool asJson = parse.GetValue(json) || (outputPath?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ?? false);
            if (outputFile is null)
            {
                Write(output.Out, columns, unscored.Mark(columns.Read(scored)), asJson);
            }
            else
            {
                outputFile.Write(stream =>
                {
                    using var writer = new StreamWriter(stream, new UTF8Encoding(false));
                    Write(writer, columns, unscored.Mark(columns.Read(scored)), asJson);
                });
            }
            // On stderr: stdout may be the predictions themselves.
            if (unscored.Warning() is { } warning)
                output.Error.WriteLine($"warning: {warning}");
            return 0;
        }));
        return command;
    }

    private static void Write(TextWriter writer, PredictionColumns columns, IEnumerable<PredictionRow> rows, bool asJson)
    {
        if (!asJson)
        {
            PredictionWriter.WriteCsv(writer, columns, rows);
            return;
        }
        using var buffer = new MemoryStream();
        PredictionWriter.WriteJson(buffer, columns, rows);
        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
