using MlNetSparse.Cli;

// mlnet-sparse: the model-builder workflow for sparse models (train → zip → predict / inspect / codegen).
// Every subcommand reports a user error as one line on stderr and exit code 1, never a stack trace.
return CliApp.Run(args, Console.Out, Console.Error);
