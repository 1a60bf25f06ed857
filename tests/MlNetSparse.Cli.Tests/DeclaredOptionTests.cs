using System.Globalization;
using MlNetSparse.Cli.Commands;
using MlNetSparse.Core.Training;
using MlNetSparse.Networks;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Cli;

/// <summary>
/// The train flags read from the library's option declarations: the help states each declared range and
/// default, and every value just outside a range is the library's one error after the flag — cases generated
/// from the tables, so a changed range changes the tool with it.
/// </summary>
public sealed class DeclaredOptionTests
{
    private static readonly string Iris = BundledData.PathOf("iris.csv");
    private static readonly string Digits = BundledData.PathOf("digits.csv");

    // (subcommand, the table, the option) for each flag the tool builds from a declaration.
    private static readonly (string Trainer, OptionTable Table, string Name)[] Declared =
    [
        ("iht", SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.MaximumNumberOfIterations)),
        ("iht", SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.LossTolerance)),
        ("iht", SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.PathSelectionTolerance)),
        ("iht", SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.L2Regularization)),
        ("iht", SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.NumberOfFolds)),
        ("iht", SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.CrossValidationRepeats)),
        ("iht", SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.PathL2Regularization)),
        ("iht", SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.PolishSupport)),
        ("iht", SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.WorkingSet)),
        ("cnn", BinarizedCnnTrainer.Options.Table, nameof(BinarizedCnnTrainer.Options.NumberOfEpochs)),
        ("cnn", BinarizedCnnTrainer.Options.Table, nameof(BinarizedCnnTrainer.Options.BatchSize)),
        ("cnn", BinarizedCnnTrainer.Options.Table, nameof(BinarizedCnnTrainer.Options.LearningRate)),
        ("cnn", BinarizedCnnTrainer.Options.Table, nameof(BinarizedCnnTrainer.Options.Lambda)),
        ("cnn", BinarizedCnnTrainer.Options.Table, nameof(BinarizedCnnTrainer.Options.Beta)),
    ];

    public static TheoryData<string, string, string> OutOfRange()
    {
        var cases = new TheoryData<string, string, string>();
        foreach ((string trainer, OptionTable table, string name) in Declared)
            foreach (double value in table[name].Allowed.ValuesOutside())
                cases.Add(trainer, name, value.ToString("R", CultureInfo.InvariantCulture));
        return cases;
    }

    public static TheoryData<string, string> Flags()
    {
        var flags = new TheoryData<string, string>();
        foreach ((string trainer, _, string name) in Declared)
            flags.Add(trainer, name);
        return flags;
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void AValueOutsideTheDeclaredRange_IsTheLibrarysOneError_AfterTheFlag(string trainer, string name, string value)
    {
        OptionSpec declaration = Table(trainer)[name];
        string flag = ToolWording.Flag(name);
        string zip = Path.Combine(InspectTestModels.NewFolder(), "model.zip");
        string[] data = trainer == "iht" ? ["--data", Iris, "--label", "Species"] : ["--data", Digits, "--label", "Digit", "--sparsification", "l1"];
        string error = InspectTestModels.AssertUserError(InspectTestModels.Run(["train", trainer, .. data, "--output", zip, $"{flag}={value}"]));
        Assert.StartsWith($"error: {flag}: must be {declaration.Allowed.Describe()}", error);
        Assert.False(File.Exists(zip));
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public void Help_StatesTheDeclaredRangeAndDefault(string trainer, string name)
    {
        OptionSpec declaration = Table(trainer)[name];
        (int code, string help, _) = InspectTestModels.Run("train", trainer, "--help");
        Assert.Equal(0, code);
        string line = string.Join(' ', help.Split('\n').SkipWhile(l => !l.TrimStart().StartsWith(ToolWording.Flag(name) + " ", StringComparison.Ordinal))
            .Take(4).Select(l => l.Trim()));
        if (!declaration.Allowed.AcceptsAll)
            Assert.Contains($"Allowed: {declaration.Allowed.Describe()}.", line);
        if (declaration.Default is null)
        {
            // No declared default (Lambda: the penalty's own): the flag is optional and its help says what applies unset.
            Assert.Contains("Default: ", line);
            return;
        }
        string fallback = declaration.Default is bool on ? (on ? "true" : "false") : string.Format(CultureInfo.InvariantCulture, "{0}", declaration.Default);
        Assert.Contains($"[default: {fallback}]", line);
    }

    private static OptionTable Table(string trainer) => trainer == "iht" ? SparseIhtOptionsBase.Table : BinarizedCnnTrainer.Options.Table;
}
