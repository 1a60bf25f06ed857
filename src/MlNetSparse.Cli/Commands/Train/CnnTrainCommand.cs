using System.CommandLine;
using System.Globalization;
using MlNetSparse.Cli.Models;
using MlNetSparse.Core.Networks.Training;
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
        var learningRate = DeclaredOption.Create<double>(declared, nameof(BinarizedCnnTrainer.Options.LearningRate),
            "The learning rate η (of the first epoch, when a schedule changes it).");
        var optimizer = ChoiceOption.Create(Flag(nameof(BinarizedCnnTrainer.Options.Optimizer)),
            "The update rule: sgd (with momentum) or adam.", [("sgd", NetworkOptimizer.Sgd), ("adam", NetworkOptimizer.Adam)]);
        optimizer.DefaultValueFactory = _ => NetworkTrainingOptions.Defaults.Optimizer;
        var momentum = DeclaredOption.Create<double>(declared, nameof(BinarizedCnnTrainer.Options.Momentum), "With --optimizer sgd: the momentum μ.");
        var weightDecay = DeclaredOption.Create<double>(declared, nameof(BinarizedCnnTrainer.Options.WeightDecay),
            "L2 weight decay added to every parameter's gradient.");
        var schedule = ChoiceOption.Create(Flag(nameof(BinarizedCnnTrainer.Options.LearningRateSchedule)),
            "How η changes from epoch to epoch: step (η × --drop-factor after each of --drop-epochs; constant without them) " +
            "or cosine (η·(1 + cos(π·e/E))/2 in epoch e of E).",
            [("step", LearningRateScheduleKind.Step), ("cosine", LearningRateScheduleKind.Cosine)]);
        schedule.DefaultValueFactory = _ => NetworkTrainingOptions.Defaults.LearningRateSchedule;
        var dropEpochs = DropEpochsOption();
        var dropFactor = DeclaredOption.Create<double>(declared, nameof(BinarizedCnnTrainer.Options.LearningRateDropFactor),
            "With --drop-epochs: the factor of each learning-rate drop.");
        var threads = DeclaredOption.CreateOptional<int>(declared, nameof(BinarizedCnnTrainer.Options.NumberOfThreads),
            "Threads training uses; the model is the same bits on any number.", "every core");
        var width = DeclaredOption.Create<double>(declared, nameof(BinarizedCnnTrainer.Options.Width),
            "The binarized LeNet-5's filters and units times this (1: LeNet-5's 6 and 16 filters, 120 and 84 units; parameters grow about as its square).");
        var lambda = DeclaredOption.CreateOptional<double>(declared, nameof(BinarizedCnnTrainer.Options.Lambda),
            "With l0/l1/tl1: RVSCGD's λ, the penalty's weight (larger: sparser layers).",
            FormattableString.Invariant($"the penalty's own, l0 {BinarizedCnnTrainer.Options.Defaults.L0Lambda:G3}, l1 {BinarizedCnnTrainer.Options.Defaults.L1Lambda:G3}, tl1 {BinarizedCnnTrainer.Options.Defaults.TransformedL1Lambda:G3}"));
        var beta = DeclaredOption.Create<double>(declared, nameof(BinarizedCnnTrainer.Options.Beta),
            "With l0/l1/tl1: RVSCGD's β, the coupling of the weights to their thresholded copy.");
        var targetSparsity = DeclaredOption.CreateOptional<double>(declared, nameof(BinarizedCnnTrainer.Options.TargetSparsity),
            "With l0/l1/tl1: the fraction of weights zero (e.g. 0.9); λ is then found at every step so that exactly this fraction is zero, instead of --lambda.",
            "off (--lambda decides)");
        var targetPerLayer = new Option<bool>(Flag(nameof(BinarizedCnnTrainer.Options.TargetSparsityPerLayer)))
        {
            Description = "With --target-sparsity: that fraction zero in every layer (one λ per layer), not over all weights together.",
        };
        var targetRamp = DeclaredOption.Create<int>(declared, nameof(BinarizedCnnTrainer.Options.TargetSparsityRampEpochs),
            "With --target-sparsity: epochs over which the zero fraction grows from 0 to the target (gradual pruning's cubic); at most --epochs.");
        var tl1Shape = DeclaredOption.Create<double>(declared, nameof(BinarizedCnnTrainer.Options.TransformedL1Shape),
            "With tl1: a of the transformed ℓ1 penalty (a+1)|x|/(a+|x|): small a acts like ℓ0, large a like ℓ1.");

        var command = new Command(Name, "Train a binarized CNN on the numeric columns read as one image (multiclass); print metrics and its layers; write the model zip.");
        inputs.AddTo(command);
        foreach (Option option in new Option[] { image, epochs, sparsification, batchSize, learningRate, lambda, beta, optimizer, momentum, weightDecay,
                     schedule, dropEpochs, dropFactor, threads, targetSparsity, targetPerLayer, targetRamp, tl1Shape, width })
            command.Options.Add(option);
        command.SetAction(parse => CommandErrors.Run(output, () =>
        {
            TrainSettings settings = inputs.Read(parse);
            var cnn = new CnnSettings(parse.GetValue(image), parse.GetValue(epochs), parse.GetValue(sparsification),
                parse.GetValue(batchSize), parse.GetValue(learningRate), parse.GetValue(lambda), parse.GetValue(beta),
                parse.GetValue(optimizer), parse.GetValue(momentum), parse.GetValue(weightDecay), parse.GetValue(schedule),
                parse.GetValue(dropEpochs), parse.GetValue(dropFactor), parse.GetValue(threads),
                parse.GetValue(targetSparsity), parse.GetValue(targetPerLayer), parse.GetValue(targetRamp), parse.GetValue(tl1Shape), parse.GetValue(width));
            bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
            // Each of these would silently do nothing where it does not apply.
            if (cnn.Sparsification == BinarizedCnnSparsification.None)
            {
                foreach (Option penaltyOnly in new Option[] { lambda, beta })
                    if (Given(penaltyOnly))
                        throw new UserErrorException($"{penaltyOnly.Name} weighs RVSCGD's penalty: it applies with --sparsification l0, l1 or tl1 only.");
                if (Given(targetSparsity))
                    throw new UserErrorException($"{targetSparsity.Name} sets how sparse RVSCGD makes the layers: it applies with --sparsification l0, l1 or tl1 only.");
            }
            if (Given(targetSparsity) && Given(lambda))
                throw new UserErrorException($"{targetSparsity.Name} finds λ at every step: give it or {lambda.Name}, not both.");
            if (!Given(targetSparsity))
                foreach (Option targetOnly in new Option[] { targetPerLayer, targetRamp })
                    if (Given(targetOnly))
                        throw new UserErrorException($"{targetOnly.Name} shapes {targetSparsity.Name}: it applies with that option only.");
            if (cnn.Sparsification != BinarizedCnnSparsification.TransformedL1 && Given(tl1Shape))
                throw new UserErrorException($"{tl1Shape.Name} is the transformed ℓ1 penalty's: it applies with {sparsification.Name} tl1 only.");
            if (cnn.Optimizer != NetworkOptimizer.Sgd && Given(momentum))
                throw new UserErrorException($"{momentum.Name} is SGD's: it applies with {optimizer.Name} sgd only.");
            if (cnn.Schedule != LearningRateScheduleKind.Step)
                foreach (Option stepOnly in new Option[] { dropEpochs, dropFactor })
                    if (Given(stepOnly))
                        throw new UserErrorException($"{stepOnly.Name} belongs to the step schedule: it applies with {schedule.Name} step only.");
            if (Given(dropFactor) && !Given(dropEpochs))
                throw new UserErrorException($"{dropFactor.Name} multiplies the learning rate at each of {dropEpochs.Name}: give those epochs too.");
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

    // "6,8": the epochs (1-based) after which the step schedule multiplies η by --drop-factor; the library checks each is ≥ 1.
    private static Option<int[]?> DropEpochsOption()
    {
        string name = Flag(nameof(BinarizedCnnTrainer.Options.LearningRateDropEpochs));
        return new Option<int[]?>(name)
        {
            Description = "The step schedule's drops: epochs, comma-separated (e.g. 6,8), after which η is multiplied by --drop-factor. Default: none.",
            HelpName = "e1,e2,...",
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
                var epochs = new int[parts.Length];
                for (int i = 0; i < parts.Length; i++)
                    if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out epochs[i]))
                    {
                        result.AddError($"{name} must be epochs separated by commas (e.g. 6,8); got '{text}'.");
                        return null;
                    }
                return epochs;
            },
        };
    }
}
