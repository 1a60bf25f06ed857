using MlNetSparse.Cli;
using MlNetSparse.Cli.Commands;
using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Tests.Cli;

/// <summary>The library's messages in the tool's terms: its flags for the API options, and no advice to do what `train` already does.</summary>
public class ToolWordingTests
{
    [Theory]
    [InlineData("IHT did not converge within 1000 iterations (loss 0.05). Increase MaximumNumberOfIterations, standardize the features, or set a LossTolerance.",
        "IHT did not converge within 1000 iterations (loss 0.05). Increase --max-iterations, or set a --loss-tolerance.")]
    [InlineData("The trained point is not stationary (relative; tolerance 0.001). Standardize the features, increase MaximumNumberOfIterations, or lower LossTolerance.",
        "The trained point is not stationary (relative; tolerance 0.001). Increase --max-iterations, or lower --loss-tolerance.")]
    [InlineData("RVSCGD set every weight of conv1.weight to zero: lower Lambda (now 0.01) or raise Beta (now 1).",
        "RVSCGD set every weight of conv1.weight to zero: lower --lambda (now 0.01) or raise --beta (now 1).")]
    [InlineData("Sparsity must be in [1, 14]; got 99.", "--sparsity must be in [1, 14]; got 99.")]
    [InlineData("SparsityPath must be strictly increasing.", "SparsityPath must be strictly increasing.")]   // an option the tool does not name stays as it is
    public void Translate_NamesTheToolsOptions_AndDropsTheRemediesItApplies(string library, string tool)
        => Assert.Equal(tool, ToolWording.Translate(library));

    [Theory]
    [InlineData("MaximumNumberOfIterations must be in [1, 2147483647]; got 0.", "MaximumNumberOfIterations", "--max-iterations: must be in [1, 2147483647]; got 0.")]
    [InlineData("Epochs must be in [1, 1000000]; got 0.", "Epochs", "--epochs: must be in [1, 1000000]; got 0.")]
    [InlineData("ValidationFraction must be in (0, 0.5]; got 1.", "ValidationFraction", "ValidationFraction must be in (0, 0.5]; got 1.")]   // no flag sets it
    [InlineData("Sparsity must be in [1, 14]; got 99.", null, "--sparsity must be in [1, 14]; got 99.")]
    public void OptionError_LeadsWithTheFlagOfTheLibrarysParameter(string library, string? parameterName, string tool)
        => Assert.Equal(tool, ToolWording.OptionError(library, parameterName));

    [Fact]
    public void Flag_IsTheOneMapFromTheLibrarysOptionNames()
    {
        Assert.Equal("--max-iterations", ToolWording.Flag(nameof(MlNetSparse.Trainers.SparseIhtOptionsBase.MaximumNumberOfIterations)));
        Assert.Equal("--epochs", ToolWording.Flag(nameof(MlNetSparse.Networks.BinarizedCnnTrainer.Options.NumberOfEpochs)));
        Assert.Throws<KeyNotFoundException>(() => ToolWording.Flag("NoSuchOption"));
    }

    [Fact]
    public void TheLibrarysNonFiniteLossErrors_ReadInTheToolsTerms()
    {
        Assert.EndsWith(": the mean loss is NaN. Lower --learning-rate.",
            ToolWording.Translate(NonFiniteLossException.ForNetwork(3, 2, "the mean loss is NaN").Message));
        Assert.EndsWith(": detail. Check the features for extreme values, or lower the step size.",
            ToolWording.Translate(new NonFiniteLossException(4, "detail").Message));
    }

    [Fact]
    public void AnErrorFromTheLibrary_IsOneLineInTheToolsTerms_AndTheUsersOwnErrorsAreKeptAsWritten()
    {
        var stderr = new StringWriter();
        int code = CommandErrors.Run(new CliOutput(new StringWriter(), stderr),
            () => throw new InvalidOperationException(NonFiniteLossException.ForNetwork(3, 2, "the mean loss is NaN").Message));
        Assert.Equal(1, code);
        Assert.EndsWith("Lower --learning-rate.", stderr.ToString().TrimEnd());

        stderr = new StringWriter();
        CommandErrors.Run(new CliOutput(new StringWriter(), stderr), () => throw new UserErrorException("column 'LearningRate' is not a number"));
        Assert.Equal("error: column 'LearningRate' is not a number", stderr.ToString().TrimEnd());
    }
}
