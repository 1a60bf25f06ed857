namespace MlNetSparse.Cli.Commands;

/// <summary>
/// The form of `train` before its subcommands: `train --trainer cnn --epochs 2 ...` is
/// `train cnn --epochs 2 ...`, and `--trainer iht` is `train iht`. Scripts use it, so the command line
/// is rewritten to the subcommand before parsing; each trainer's options then parse as its own.
/// </summary>
internal static class TrainerFlag
{
    /// <summary>The flag.</summary>
    public const string Name = "--trainer";

    /// <summary>
    /// <paramref name="args"/> with `--trainer T` (or `--trainer=T`) after `train` replaced by the
    /// subcommand T; unchanged when there is none, a subcommand is named already, or T names no trainer
    /// (the parser then reports it). <paramref name="used"/> says whether it was rewritten.
    /// </summary>
    public static string[] Rewrite(string[] args, out bool used)
    {
        used = false;
        if (args.Length < 2 || args[0] != TrainCommand.Name || TrainCommand.Trainers.Contains(args[1]))
            return args;
        for (int i = 1; i < args.Length; i++)
        {
            string? value = args[i] == Name && i + 1 < args.Length ? args[i + 1]
                : args[i].StartsWith(Name + "=", StringComparison.Ordinal) || args[i].StartsWith(Name + ":", StringComparison.Ordinal) ? args[i][(Name.Length + 1)..]
                : null;
            if (value is null)
                continue;
            string? trainer = TrainCommand.Trainers.FirstOrDefault(t => string.Equals(t, value, StringComparison.OrdinalIgnoreCase));
            if (trainer is null)
                return args;
            used = true;
            int taken = args[i] == Name ? 2 : 1;
            return [args[0], trainer, .. args[1..i], .. args[(i + taken)..]];
        }
        return args;
    }
}
