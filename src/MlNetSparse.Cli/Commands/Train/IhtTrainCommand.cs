using System.CommandLine;
using System.Globalization;
using MlNetSparse.Cli.Models;
using MlNetSparse.Core.Training;
using MlNetSparse.Trainers;

namespace MlNetSparse.Cli.Commands;

/// <summary>`mlnet-sparse train iht` (and `train` alone): a sparse linear model by IHT, with only its own options.</summary>
internal static class IhtTrainCommand
{
    /// <summary>The subcommand's name, also the --trainer word of the form without subcommands.</summary>
    public const string Name = "iht";

    /// <summary>The command <paramref name="name"/>, writing to <paramref name="output"/>.</summary>
    public static Command Create(string name, string description, CliOutput output)
    {
        var inputs = new TrainInputOptions("A folder to write PNGs into: loss.png, weights.png (the nonzero weights by feature) and, with auto, sparsity-path.png.");
        // A wrapper rather than int?: System.CommandLine reads a null from a custom parser as no value parsed.
        var sparsity = new Option<SparsityValue>(ToolWording.Flag(nameof(SparseIhtOptionsBase.Sparsity)))
        {
            Description = "s, the nonzero parameters to keep (biases included), or auto for the sparsity path chosen on held-out rows.",
            DefaultValueFactory = _ => SparsityValue.Auto,
            HelpName = "s|auto",
            CustomParser = result =>
            {
                string text = result.Tokens[^1].Value;
                if (text.Equals("auto", StringComparison.OrdinalIgnoreCase))
                    return SparsityValue.Auto;
                if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int s))
                    return new SparsityValue(s);   // the library checks the range
                result.AddError($"--sparsity must be an integer ≥ 1 or auto; got '{text}'.");
                return SparsityValue.Auto;
            },
        };
        // The trainer's default. 10,000 was tried: 5-fold accuracy on the four bundled sets was the same, but the
        // log loss worse (iris 0.121 → 0.184, wine 0.125 → 0.212): on separable data the cap is what keeps the weights finite.
        var maxIterations = DeclaredOption.Create<int>(SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.MaximumNumberOfIterations),
            "The IHT iteration cap of each run (each s of the path, the refit, the dense reference).");
        var lossTolerance = DeclaredOption.Create<double>(SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.LossTolerance),
            "Stop IHT once the training loss is at most this (the paper uses 0.05; 0: only convergence or the cap stop it).");
        var pathTolerance = DeclaredOption.Create<double>(SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.PathSelectionTolerance),
            "With auto: choose the smallest s whose validation loss is within this relative tolerance of the best (0: the best).");
        var l2 = DeclaredOption.Create<double>(SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.L2Regularization),
            "λ₂ of a ridge term (λ₂/2)·‖w‖² on the weights (L0L2): finite weights and log loss on nearly separable data (0: none).");
        var pathFolds = DeclaredOption.Create<int>(SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.NumberOfFolds),
            "With auto: k of the k-fold cross-validation that chooses s (1: one held-out split of 20 % of the rows).");
        var pathRepeats = DeclaredOption.Create<int>(SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.CrossValidationRepeats),
            "With auto: how many times the k-fold cross-validation runs on new seeded folds, its curves averaged (0: for classification ⌈2000 / rows⌉ up to 5, for regression once; 1: once).");
        var pathL2 = DeclaredOption.Create<double>(SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.PathL2Regularization),
            "With auto, for classification: c of the ridge c/rows that every fit of the path carries (a N(0, 1/c) prior per standardized weight), so separable folds keep a finite log loss (0: none).");
        var pathSelection = DeclaredOption.Create<SparsitySelectionRule>(SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.PathSelectionRule),
            "With auto: how s is read off the cross-validation curve: Minimum (cv.glmnet's lambda.min), OneStandardError (lambda.1se), or ExtendedBic (no folds; small data).");
        var polish = DeclaredOption.Create<bool>(SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.PolishSupport),
            "After IHT, Newton steps on the support to its optimum, the support re-checked (--polish false: the paper's IHT alone).");
        var workingSet = DeclaredOption.Create<WorkingSetMode>(SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.WorkingSet),
            "IHT on a working set of columns, checked on all columns at the end: Auto (wide sparse rows), Off, or On. " +
            "It runs on sparse rows only; this tool centres every feature, which makes its rows dense, so here it does not run.");
        var polishAfter = DeclaredOption.Create<int>(SparseIhtOptionsBase.Table, nameof(SparseIhtOptionsBase.PolishAfterStableSteps),
            "With the polish: hand IHT over to it once the support has been unchanged over this many steps (0: polish only after IHT has stopped).");

        var command = new Command(name, description);
        inputs.AddTo(command);
        foreach (Option option in new Option[] { sparsity, maxIterations, lossTolerance, pathTolerance, l2, pathFolds, pathRepeats, pathL2, pathSelection, polish, polishAfter, workingSet })
            command.Options.Add(option);
        command.SetAction(parse => CommandErrors.Run(output, () =>
        {
            TrainSettings settings = inputs.Read(parse);
            var iht = new IhtSettings(parse.GetValue(sparsity)!.Fixed, parse.GetValue(maxIterations), parse.GetValue(pathTolerance), parse.GetValue(lossTolerance),
                parse.GetValue(l2), parse.GetValue(pathFolds), parse.GetValue(pathSelection), parse.GetValue(polish),
                parse.GetValue(workingSet), parse.GetValue(pathRepeats), parse.GetValue(pathL2), parse.GetValue(polishAfter));
            TrainOutcome outcome = TerminalProgress.Run(output, "training",
                bar => TrainRun.Execute(settings, iht, bar is null ? null : new FitsProgress(bar, settings.Folds)));
            IReadOnlyList<string> plots = settings.PlotFolder is not null ? TrainPlots.Write(outcome.Report, settings) : [];
            if (settings.Json)
                TrainJsonReport.Write(outcome, output.Out);
            else
            {
                TrainTextReport.Write(outcome, output.Out);
                foreach (string file in plots)
                    output.Out.WriteLine($"plot written to {DisplayPath.Of(file)}");
            }
        }));
        return command;
    }
}

/// <summary>--sparsity's value: s, or null for auto (the sparsity path).</summary>
/// <param name="Fixed">s, or null.</param>
internal sealed record SparsityValue(int? Fixed)
{
    /// <summary>auto.</summary>
    public static readonly SparsityValue Auto = new((int?)null);

    /// <summary>s, or "auto": as --help shows the default.</summary>
    public override string ToString() => Fixed?.ToString(CultureInfo.InvariantCulture) ?? "auto";
}
