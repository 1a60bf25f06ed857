using System.CommandLine;

namespace MlNetSparse.Cli.Commands;

/// <summary>The subcommands, in the order `--help` lists them. Each lives in its own file.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All(CliOutput output)
    {
        yield return TrainCommand.Create(output);
        yield return PredictCommand.Create(output);
        yield return InspectCommand.Create(output);
        yield return CodegenCommand.Create(output);
        yield return ExperimentCommand.Create(output);
    }
}
