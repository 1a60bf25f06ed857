using System.CommandLine;
using System.CommandLine.Invocation;
using MlNetSparse.Experiments.Study;

namespace MlNetSparse.Cli.Commands;

/// <summary>
/// `--help`: System.CommandLine's for every command but `experiment`, whose options StudyArguments
/// parses (the IrisStudy example's parser), so System.CommandLine knows only two of them. Its help is
/// the study's usage text plus those two, instead of a page that would call the rest "additional arguments".
/// </summary>
internal sealed class ExperimentHelpAction(SynchronousCommandLineAction defaultHelp, Command experiment) : SynchronousCommandLineAction
{
    /// <summary>Help ends the invocation and, like the default, ignores a missing required option (`train --help`).</summary>
    public override bool ClearsParseErrors => true;

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        if (parseResult.CommandResult.Command != experiment)
            return defaultHelp.Invoke(parseResult);
        TextWriter output = parseResult.InvocationConfiguration.Output;
        output.WriteLine(StudyArguments.Usage("mlnet-sparse experiment", ExperimentCommand.DefaultOutputFolder));
        foreach (Option option in experiment.Options.Where(o => o.Description is not null && o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name != "--help"))
            output.WriteLine($"  {option.Name,-24}{option.Description}");
        return 0;
    }
}
