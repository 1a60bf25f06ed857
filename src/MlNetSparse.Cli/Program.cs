using System.CommandLine;
using MlNetSparse.Cli.Commands;

// mlnet-sparse: the model-builder workflow for sparse models (train → zip → predict / inspect / codegen).
// Every subcommand reports a user error as one line on stderr and exit code 1, never a stack trace.
var root = new RootCommand("Train sparse ML.NET models from CSV/TSV files, and use, inspect and ship the zips.");
foreach (Command command in CommandCatalog.All())
    root.Subcommands.Add(command);
return root.Parse(args).Invoke();
