using System.CommandLine;
using MlNetSparse.Cli.Models;
using MlNetSparse.Core.Training;
using MlNetSparse.Networks;

namespace MlNetSparse.Cli.Commands;

/// <summary>`mlnet-sparse train cnn`: a binarized CNN on the numeric columns read as one image, with only its own options.</summary>
internal static class CnnTrainCommand
{
    /// <summary>The subcommand's name, also the --trainer word of the form without subcommands.</summary>
    public const string Name = "cnn";

    /// <summary>The command, writing to <paramref name="output"/>.</summary>
    public static Command Create(CliOutput output)
    {
        var inputs = new TrainInputOptions("A folder to write PNGs into: loss.png (per epoch) and weights.png (the nonzero weights per layer).");
        var image = new Option<string?>("--image") { Description = "The image shape CxHxW or HxW of the numeric columns in file order (default: one channel, square)." };
        OptionTable declared = BinarizedCnnTrainer.Options.Table;
        var epochs = DeclaredOption.Create<int>(declared, nameof(BinarizedCnnTrainer.Options.NumberOfEpochs), "Passes over the training rows.");
        var sparsification = ChoiceOption.Create(Flag(nameof(BinarizedCnnTrainer.Options.Sparsification)),
            "none (dense), or RVSCGD with l0, l1 or tl1 (transformed ℓ1).",
            [("none", BinarizedCnnSparsification.None), ("l0", BinarizedCnnSparsification.L0), ("l1", BinarizedCnnSparsification.L1),
             ("tl1", BinarizedCnnSparsification.TransformedL1)]);
        sparsification.DefaultValueFactory = _ => BinarizedCnnSparsification.None;
        var batchSize = DeclaredOption.Create<int>(declared, nameof(BinarizedCnnTrainer.Options.BatchSize), "Images per mini-batch step.");
        var learningRate = DeclaredOption.Create<double>(declared, nameof(BinarizedCnnTrainer.Options.LearningRate), "The SGD (momentum) learning rate.");
        var lambda = DeclaredOption.Create<double>(declared, nameof(BinarizedCnnTrainer.Options.Lambda),
            "With l0/l1/tl1: RVSCGD's λ, the penalty's weight (larger: sparser layers).");
        var beta = DeclaredOption.Create<double>(declared, nameof(BinarizedCnnTrainer.Options.Beta),
            "With l0/l1/tl1: RVSCGD's β, the coupling of the weights to their thresholded copy.");

        var command = new Command(Name, "Train a binarized CNN on the numeric columns read as one image (multiclass); print metrics and its layers; write the model zip.");
        inputs.AddTo(command);
        foreach (Option option in new Option[] { image, epochs, sparsification, batchSize, learningRate, lambda, beta })
            command.Options.Add(option);
        command.SetAction(parse => CommandErrors.Run(output, () =>
        {
            TrainSettings settings = inputs.Read(parse);
            var cnn = new CnnSettings(parse.GetValue(image), parse.GetValue(epochs), parse.GetValue(sparsification),
                parse.GetValue(batchSize), parse.GetValue(learningRate), parse.GetValue(lambda), parse.GetValue(beta));
            // λ and β weigh RVSCGD's penalty: on a dense network they would silently do nothing.
            if (cnn.Sparsification == BinarizedCnnSparsification.None)
                foreach (Option penaltyOnly in new Option[] { lambda, beta })
                    if (parse.GetResult(penaltyOnly) is { Implicit: false })
                        throw new UserErrorException($"{penaltyOnly.Name} weighs RVSCGD's penalty: it applies with --sparsification l0, l1 or tl1 only.");
            CnnTrainOutcome trained = TerminalProgress.Run(output, "training",
                bar => TrainCnnRun.Execute(settings, cnn, bar is null ? null : new FitsProgress(bar, settings.Folds)));
            IReadOnlyList<string> plots = settings.PlotFolder is not null ? TrainPlots.WriteEpochs(trained.Report, settings) : [];
            if (settings.Json)
                TrainCnnReport.WriteJson(trained, output.Out);
            else
            {
                TrainCnnReport.WriteText(trained, output.Out);
                foreach (string file in plots)
                    output.Out.WriteLine($"plot written to {DisplayPath.Of(file)}");
            }
        }));
        return command;
    }

    private static string Flag(string parameterName) => ToolWording.Flag(parameterName);
}
