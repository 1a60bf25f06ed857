using System.CommandLine;
using MlNetSparse.Cli.Data;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Cli.Commands;

/// <summary>
/// The options every trainer of `train` takes: the data, the label, the evaluation and the outputs.
/// Each trainer's command gets its own instances (System.CommandLine binds an option to one command).
/// </summary>
internal sealed class TrainInputOptions
{
    private readonly Option<string> _data = new("--data") { Description = "The CSV/TSV file to train on (separator, header and column types inferred).", Required = true };
    private readonly Option<string> _label = new("--label") { Description = "The column to predict.", Required = true };
    private readonly Option<PredictionTask?> _task = ChoiceOption.Create<PredictionTask?>("--task", "binary, multiclass or regression (default: inferred from the label).",
        [("binary", PredictionTask.Binary), ("multiclass", PredictionTask.Multiclass), ("regression", PredictionTask.Regression)]);
    private readonly Option<double?> _testFraction = new("--test-fraction") { Description = "The fraction of rows held out to evaluate (default 0.2)." };
    private readonly Option<int?> _folds = new("--folds") { Description = "Evaluate by k-fold cross-validation instead of a test split; the zip is then trained on all rows." };
    private readonly Option<int> _seed = new("--seed") { Description = "The seed of the split, the folds and the trainer.", DefaultValueFactory = _ => 1 };
    private readonly Option<string> _output = new("--output") { Description = "Where to write the model zip.", DefaultValueFactory = _ => "model.zip" };
    private readonly Option<bool> _force = new("--force") { Description = "Overwrite an existing zip (and plots)." };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object instead of tables." };
    private readonly Option<char?> _separator = DataFileOptions.Separator("The field separator: , ; | tab (default: inferred).");
    private readonly Option<bool?> _hasHeader = DataFileOptions.HasHeader();
    private readonly Option<IReadOnlyDictionary<string, ColumnKind>?> _columnTypes = DataFileOptions.ColumnTypes();
    private readonly Option<string?> _plot;

    /// <param name="plotDescription">What --plot writes for this trainer.</param>
    public TrainInputOptions(string plotDescription) => _plot = new Option<string?>("--plot") { Description = plotDescription };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _data, _label, _task, _testFraction, _folds, _seed, _output, _force, _json, _plot, _separator, _hasHeader, _columnTypes })
            command.Options.Add(option);
    }

    /// <summary>The run's settings from <paramref name="parse"/>.</summary>
    public TrainSettings Read(ParseResult parse)
    {
        if (parse.GetValue(_testFraction) is not null && parse.GetValue(_folds) is not null)
            throw new UserErrorException("--test-fraction and --folds exclude each other: evaluate on a test split or by cross-validation.");
        return new TrainSettings(
            parse.GetValue(_data)!,
            new DataFileOverrides(parse.GetValue(_separator), parse.GetValue(_hasHeader), parse.GetValue(_columnTypes)),
            parse.GetValue(_label)!,
            parse.GetValue(_task),
            parse.GetValue(_testFraction) ?? 0.2,
            parse.GetValue(_folds),
            parse.GetValue(_seed),
            parse.GetValue(_output)!,
            parse.GetValue(_force),
            parse.GetValue(_json),
            parse.GetValue(_plot));
    }
}
