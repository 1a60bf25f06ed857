using MlNetSparse.Cli;
using MlNetSparse.Cli.Commands;

namespace MlNetSparse.Tests.Cli;

/// <summary>The one-line error rule itself, and System.CommandLine's parse errors brought under it.</summary>
public class CommandErrorsTests
{
    private static (int Code, string Error) Fail(Exception error)
    {
        var stderr = new StringWriter();
        int code = CommandErrors.Run(new CliOutput(new StringWriter(), stderr), () => throw error);
        return (code, stderr.ToString().TrimEnd());
    }

    [Fact]
    public void ArgumentException_WithParamName_PrintsItsMessageWithoutDotNetsParameterTail()
    {
        // An option no flag sets (train cnn has --momentum now), so its message stays in the library's words.
        Assert.Equal((1, "error: ValidationFraction must be in (0, 0.5]; got 2."),
            Fail(new ArgumentException("ValidationFraction must be in (0, 0.5]; got 2.", "ValidationFraction")));
        // ArgumentOutOfRangeException puts "Actual value was ..." on a second line, after the tail.
        Assert.Equal((1, "error: ValidationFraction must be in (0, 0.5]; got -1."),
            Fail(new ArgumentOutOfRangeException("ValidationFraction", -1.0, "ValidationFraction must be in (0, 0.5]; got -1.")));
    }

    [Fact]
    public void Only_the_tail_of_its_own_ParamName_is_stripped()
    {
        // An inner message quoted in the text keeps its own tail; only the outer one is .NET's addition.
        Assert.Equal((1, "error: Layer 2 does not fit: too small (Parameter 'size')."),
            Fail(new ArgumentException("Layer 2 does not fit: too small (Parameter 'size').", "architecture")));
        Assert.Equal((1, "error: No parameter here."), Fail(new ArgumentException("No parameter here.")));
        Assert.Equal((2, "error: unexpected NullReferenceException: boom"), Fail(new NullReferenceException("boom")));
    }

    [Theory]
    [InlineData("fit --data x", "error: 'fit' is not a command; the commands are train, predict, inspect, codegen, experiment (see mlnet-sparse --help).")]
    [InlineData("train --data d.csv --label y --bogus", "error: Unrecognized command or argument '--bogus'. (see mlnet-sparse train --help)")]
    [InlineData("train --data d.csv --label y --folds abc", "error: Cannot parse argument 'abc' for option '--folds' as an integer. (see mlnet-sparse train --help)")]
    [InlineData("train --data d.csv --label y --test-fraction half", "error: Cannot parse argument 'half' for option '--test-fraction' as a number. (see mlnet-sparse train --help)")]
    [InlineData("train --label y", "error: Option '--data' is required. (see mlnet-sparse train --help)")]
    public void CommandLineMistakes_AreOneLine_NamingTheWordAndTheHelp(string args, string expected)
    {
        string line = InspectTestModels.AssertUserError(InspectTestModels.Run(args.Split(' ')));
        Assert.Equal(expected, line.TrimEnd());
    }
}
