using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;
using MlNetSparse.Cli.Models;
using MlNetSparse.Core.Networks;
using Spectre.Console;

namespace MlNetSparse.Cli.Commands;

/// <summary><c>inspect MODEL.zip [--json]</c>: what a saved model holds — pipeline, input schema, sparse weights, size, and a binarized CNN's layer summary.</summary>
internal static class InspectCommand
{
    public static Command Create(CliOutput output)
    {
        var model = new Argument<string>("model") { Description = "The model zip (saved by `train` or mlContext.Model.Save)." };
        var json = new Option<bool>("--json") { Description = "Write one JSON object instead of tables." };
        var command = new Command("inspect", "Show a model zip's pipeline, input schema, sparse weights by feature name and size on disk; for a binarized CNN, its layer summary (parameters, nonzeros, binary activations, MACs, memory).");
        command.Arguments.Add(model);
        command.Options.Add(json);
        command.SetAction(parse => CommandErrors.Run(output, () =>
        {
            using ModelZip zip = ModelZip.Load(parse.GetValue(model)!);
            IReadOnlyList<PipelineStep> steps = ModelPipeline.Steps(zip);
            LinearWeights? weights = LinearWeights.Find(steps);
            NetworkSummary? summary = CnnZipNetwork.Read(zip, steps) is { } network ? NetworkSummary.Of(network) : null;
            if (parse.GetValue(json))
                WriteJson(output.Out, zip, steps, weights, summary);
            else
                WriteTables(output.Out, zip, steps, weights, summary);
            return 0;
        }));
        return command;
    }

    /// <summary>The ONNX graphs a zip carries (a binarized CNN's feature layers), by zip entry.</summary>
    private static IEnumerable<ZipPart> OnnxParts(ModelZip zip) => zip.Parts.Where(p => p.Name.EndsWith("OnnxModel", StringComparison.Ordinal));

    private static void WriteTables(TextWriter writer, ModelZip zip, IReadOnlyList<PipelineStep> steps, LinearWeights? weights,
        NetworkSummary? summary)
    {
        IAnsiConsole console = Tables.ConsoleFor(writer);
        console.MarkupLine($"[bold]{Markup.Escape(zip.Path)}[/]: {zip.SizeBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes on disk");

        HashSet<string> needed = ModelRows.NeededInputs(zip);
        var schema = new Table().Title("Input schema").AddColumn("Column").AddColumn("Type").AddColumn("Needed to predict");
        foreach (DataViewSchema.Column column in zip.InputSchema.Where(c => !c.IsHidden))
            schema.AddRow(Markup.Escape(column.Name), Markup.Escape(column.Type.ToString() ?? ""),
                needed.Contains(column.Name) ? "yes" : "[grey]no (training only)[/]");
        console.Write(schema);

        var pipeline = new Table().Title("Pipeline").AddColumn("#").AddColumn("Transformer").AddColumn("Writes");
        for (int i = 0; i < steps.Count; i++)
        {
            string writes = string.Join(", ", steps[i].AddedColumns.Select(c => $"{c.Name} ({c.Type})"));
            if (steps[i].FeatureColumnName is { } features)
                writes = $"reads {features} → {writes}";
            pipeline.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), $"[cyan]{Markup.Escape(steps[i].TypeName)}[/]", Markup.Escape(writes));
        }
        console.Write(pipeline);

        foreach (ZipPart onnx in OnnxParts(zip))
            console.MarkupLine($"ONNX graph: [cyan]{Markup.Escape(onnx.Name)}[/], {onnx.Bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes");
        if (steps.Any(s => s.Transformer is OnnxTransformer))
            console.MarkupLine("ONNX parts run with Microsoft.ML.OnnxTransformer and Microsoft.ML.OnnxRuntime.");
        if (summary is not null)
        {
            console.MarkupLine("[bold]Layers[/] of the binarized CNN (MACs per image; binary MACs read 0/1 activations; bitmap B: a bit per weight + nonzero floats; output B: one image's output as float32 / packed bits):");
            console.WriteLine(summary.ToString().TrimEnd());
        }

        if (weights is null)
        {
            console.MarkupLine("[yellow]No linear predictor found: no weights to show.[/]");
            return;
        }
        console.MarkupLine($"Weights of [cyan]{Markup.Escape(weights.ModelType)}[/] ({weights.Task}, features from column {Markup.Escape(weights.FeatureColumn)}): "
            + $"[bold]{weights.NonzeroCount}[/] nonzero of {weights.ParameterCount}");
        var table = new Table().AddColumn("Output").AddColumn("Feature").AddColumn(new TableColumn("Weight").RightAligned());
        foreach (WeightEntry entry in weights.Nonzero)
        {
            string colour = entry.Value > 0 ? "green" : "red";
            table.AddRow(Markup.Escape(entry.Output), Markup.Escape(entry.Feature), $"[{colour}]{CsvText.Number(entry.Value)}[/]");
        }
        console.Write(table);
    }

    private static void WriteJson(TextWriter writer, ModelZip zip, IReadOnlyList<PipelineStep> steps, LinearWeights? weights,
        NetworkSummary? summary)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("path", zip.Path);
            json.WriteNumber("sizeBytes", zip.SizeBytes);
            json.WriteStartArray("inputSchema");
            HashSet<string> needed = ModelRows.NeededInputs(zip);
            foreach (DataViewSchema.Column column in zip.InputSchema.Where(c => !c.IsHidden))
                WriteColumn(json, column, needed.Contains(column.Name));
            json.WriteEndArray();
            json.WriteStartArray("pipeline");
            foreach (PipelineStep step in steps)
            {
                json.WriteStartObject();
                json.WriteString("type", step.TypeName);
                if (step.FeatureColumnName is { } features)
                    json.WriteString("featureColumn", features);
                json.WriteStartArray("writes");
                foreach (DataViewSchema.Column column in step.AddedColumns)
                    WriteColumn(json, column);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("onnx");
            foreach (ZipPart onnx in OnnxParts(zip))
            {
                json.WriteStartObject();
                json.WriteString("entry", onnx.Name);
                json.WriteNumber("bytes", onnx.Bytes);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("parts");
            foreach (ZipPart part in zip.Parts)
            {
                json.WriteStartObject();
                json.WriteString("entry", part.Name);
                json.WriteNumber("bytes", part.Bytes);
                json.WriteNumber("compressedBytes", part.CompressedBytes);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (weights is null)
            {
                json.WriteNull("weights");
            }
            else
            {
                json.WriteStartObject("weights");
                json.WriteString("task", weights.Task);
                json.WriteString("modelType", weights.ModelType);
                json.WriteString("featureColumn", weights.FeatureColumn);
                json.WriteNumber("parameters", weights.ParameterCount);
                json.WriteNumber("nonzero", weights.NonzeroCount);
                json.WriteStartArray("support");
                foreach (WeightEntry entry in weights.Nonzero)
                {
                    json.WriteStartObject();
                    json.WriteString("output", entry.Output);
                    json.WriteString("feature", entry.Feature);
                    json.WriteNumber("value", entry.Value);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            // A binarized CNN's layers (NetworkSummary); null for other models.
            json.WritePropertyName("layers");
            JsonSerializer.Serialize(json, summary is null ? null : NetworkSummaryJson.Layers(summary), JsonReportOptions.Default);
            json.WritePropertyName("totals");
            JsonSerializer.Serialize(json, summary is null ? null : NetworkSummaryJson.Totals(summary), JsonReportOptions.Default);
            json.WriteEndObject();
        }
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteColumn(Utf8JsonWriter json, DataViewSchema.Column column, bool? neededToPredict = null)
    {
        json.WriteStartObject();
        json.WriteString("name", column.Name);
        json.WriteString("type", column.Type.ToString());
        if (column.Type is VectorDataViewType vector)
            json.WriteNumber("size", vector.Size);
        if (neededToPredict is bool needed)
            json.WriteBoolean("neededToPredict", needed);
        json.WriteEndObject();
    }
}
