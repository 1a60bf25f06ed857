using System.CommandLine;
using System.CommandLine.Parsing;

namespace MlNetSparse.Cli.Commands;

/// <summary>
/// `mlnet-sparse train`: a CSV/TSV file and a label column → metrics, the model's report and a model zip,
/// one subcommand per trainer, each with only its own options: `train iht ...` and `train cnn ...`.
/// `train ...` alone is `train iht ...`, and `train --trainer iht|cnn ...` (the form before the
/// subcommands, which scripts use) is rewritten to the subcommand by <see cref="TrainerFlag"/>.
/// </summary>
internal static class TrainCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "train";

    /// <summary>The trainers, by their subcommand's (and --trainer's) word.</summary>
    public static readonly string[] Trainers = [IhtTrainCommand.Name, CnnTrainCommand.Name];

    /// <summary>The command, writing to <paramref name="output"/>.</summary>
    public static Command Create(CliOutput output)
    {
        Command train = IhtTrainCommand.Create(Name,
            "Train a sparse model on a CSV/TSV file; print metrics, the support and the certificate; write the model zip. " +
            "Alone it trains sparse IHT (train iht); train cnn trains a binarized CNN.", output);
        train.Subcommands.Add(IhtTrainCommand.Create(IhtTrainCommand.Name,
            "Train a sparse linear model by IHT; print metrics, the support and the certificate; write the model zip.", output));
        train.Subcommands.Add(CnnTrainCommand.Create(output));
        // Never bound: TrainerFlag turns a valid --trainer into its subcommand before parsing. Declared for
        // the help page, and so that a value that names no trainer is a parse error in the usual words.
        train.Options.Add(ChoiceOption.Create<string>(TrainerFlag.Name,
            "iht or cnn: the same as train iht or train cnn (the form before the subcommands; kept for scripts).",
            [.. Trainers.Select(t => (t, t))]));
        return train;
    }

    /// <summary>
    /// When <paramref name="parsed"/> failed on an option that another trainer takes (`train iht --epochs 3`),
    /// the one line that says so, in the form the user typed; otherwise null.
    /// </summary>
    public static string? OtherTrainersOption(ParseResult parsed, bool trainerFlagUsed)
    {
        Command command = parsed.CommandResult.Command;
        Command? train = command.Name == Name ? command : parsed.CommandResult.Parent is CommandResult { Command.Name: Name } parent ? parent.Command : null;
        if (train is null)
            return null;
        foreach (string token in parsed.UnmatchedTokens.Where(t => t.StartsWith("--", StringComparison.Ordinal)))
        {
            string flag = token.Split('=', ':')[0];
            if (command.Options.Any(o => o.Name == flag))
                continue;
            Command? owner = train.Subcommands.FirstOrDefault(c => c.Options.Any(o => o.Name == flag));
            if (owner is not null)
                return trainerFlagUsed || command == train
                    ? $"{flag} applies to {TrainerFlag.Name} {owner.Name} only."
                    : $"{flag} applies to mlnet-sparse {Name} {owner.Name} only.";
        }
        return null;
    }
}
