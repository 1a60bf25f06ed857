using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Examples.QuickStart;
using MlNetSparse.Trainers;
using Spectre.Console;

// README command 1: train the paper's sparse one-layer network on IRIS, show what it learned,
// save the zip, reload it in a fresh MLContext and predict one flower.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
// Redirected output (logs, CI) gets a wide console rather than Spectre's 80-column default.
if (Console.IsOutputRedirected)
    AnsiConsole.Profile.Width = 140;
string zipPath = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("artifacts", "quickstart", "iris-sparse-iht.zip"));

var mlContext = new MLContext(seed: IrisSparseModel.DataSeed);
TrainedIris trained = IrisSparseModel.Train(mlContext, IrisSparseModel.DataPath);
SparseIhtTrainingReport report = trained.Report;

AnsiConsole.MarkupLine($"[bold]Sparse IHT on IRIS[/]: {report.NonzeroCount} nonzero of {report.ParameterCount} parameters (s = {report.Sparsity}), trained on {report.RowsUsed} flowers");
var support = new Table().AddColumn("Species").AddColumn("Input").AddColumn(new TableColumn("Weight").RightAligned());
foreach (SparseParameter p in report.Support)
    support.AddRow(p.OutputName ?? "", p.IsBias ? "[grey](bias)[/]" : p.FeatureName, p.Value.ToString("F4", CultureInfo.InvariantCulture));
AnsiConsole.Write(support);

var facts = new Table().HideHeaders().AddColumn("").AddColumn("");
facts.AddRow("Test accuracy (30 held-out flowers)", $"{trained.TestMetrics.MicroAccuracy:P1}");
facts.AddRow("Test log-loss", $"{trained.TestMetrics.LogLoss:F4}");
facts.AddRow("L̂₂ₛ (Monte-Carlo)", $"{report.EstimatedSmoothness:G5}");
facts.AddRow("Step γ = 1/L̂₂ₛ", $"{report.StepSize:G5}" + (report.Backtracks > 0 ? $" (halved {report.Backtracks}× to {report.FinalStepSize:G4})" : ""));
facts.AddRow("Iterations", $"{report.Iterations} ({report.StopReason})");
facts.AddRow("Training loss", $"{report.InitialLoss:F4} → {report.FinalLoss:F4}");
facts.AddRow("Dense optimum gap", report.OptimalityGap is double gap ? $"{gap:G4} (dense loss {report.DenseLoss:F4})" : "not computed");
var certificate = report.Certificate;
facts.AddRow("HT-stability certificate", $"[bold]{certificate.Verdict}[/]");
facts.AddRow("  min |θᵢ| on support", $"{certificate.SmallestSupportMagnitude:G4}");
facts.AddRow("  γ · max |∇ⱼf| off support", $"{certificate.OffSupportThreshold:G4}");
facts.AddRow("  ‖∇_S f‖∞", $"{certificate.SupportGradientNorm:G3}");
AnsiConsole.Write(facts);

// Write beside, then move: a failed save never clobbers a model saved before.
Directory.CreateDirectory(Path.GetDirectoryName(zipPath)!);
string partial = zipPath + ".partial";
mlContext.Model.Save(trained.Model, trained.InputSchema, partial);
File.Move(partial, zipPath, overwrite: true);
AnsiConsole.MarkupLine($"Saved the whole pipeline (normalisation included) to [link]{Markup.Escape(zipPath)}[/]");

var fresh = new MLContext();
ITransformer loaded = fresh.Model.Load(zipPath, out _);
var engine = fresh.Model.CreatePredictionEngine<IrisFlower, IrisPrediction>(loaded);
var flower = new IrisFlower { SepalLength = 6.3f, SepalWidth = 2.9f, PetalLength = 5.6f, PetalWidth = 1.8f };
IrisPrediction prediction = engine.Predict(flower);
string[] species = report.Support.Count > 0 ? SpeciesNames(engine.OutputSchema) : [];
string probabilities = string.Join(", ", prediction.Score.Select((p, c) => $"{(c < species.Length ? species[c] : c.ToString())} {p:P1}"));
AnsiConsole.MarkupLine($"Reloaded in a fresh MLContext. Flower (6.3, 2.9, 5.6, 1.8) → [bold]{prediction.PredictedSpecies}[/] ({probabilities})");

// The Score column's slot names are the class names, in score order.
static string[] SpeciesNames(DataViewSchema schema)
{
    VBuffer<ReadOnlyMemory<char>> names = default;
    schema["Score"].GetSlotNames(ref names);
    return [.. names.DenseValues().Select(n => n.ToString())];
}
