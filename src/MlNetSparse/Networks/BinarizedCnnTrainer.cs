using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Training;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers.Rvscgd;
using MlNetSparse.Core.Sparsity.Penalties;
using MlNetSparse.Data;
using MlNetSparse.Internals;
using MlNetSparse.Trainers;
using static System.FormattableString;

namespace MlNetSparse.Networks;

/// <summary>
/// Trains a binarized-activation CNN (σ(z) = 1{z &gt; 0}) for multiclass image classification with
/// coarse gradients, optionally sparsified by RVSCGD (rvscgd-binarized-cnn; docs/algorithms.md#binarized-networks, #rvscgd).
/// The fitted model is plain ML.NET: the layers before the last run as an ONNX graph through
/// Microsoft.ML.OnnxTransformer, the last (dense) layer is ML.NET's
/// <see cref="Microsoft.ML.Trainers.MaximumEntropyModelParameters"/>, so Score, PredictedLabel,
/// Evaluate and Save/Load behave as for any ML.NET multiclass trainer.
/// </summary>
public sealed partial class BinarizedCnnTrainer : IEstimator<BinarizedCnnTransformer>
{
    private readonly IHost _host;
    private readonly Options _options;
    private readonly TrainingColumns _columns;
    private readonly LabelReader _labelReader = new LabelReader.Key();

    internal BinarizedCnnTrainer(IHostEnvironment env, Options options)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _host = env.Register(nameof(BinarizedCnnTrainer));
        _options = options;
        _columns = new TrainingColumns(options.FeatureColumnName, options.LabelColumnName, null);
    }

    /// <summary>Trains the network and returns the ML.NET model built from it.</summary>
    public BinarizedCnnTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ColumnRequirements.Check(input.Schema, _columns, _labelReader);
        var clock = Stopwatch.StartNew();
        using IChannel channel = _host.Start("BinarizedCnn");
        BlasBackendLog.Once(channel);

        int featureCount = ((VectorDataViewType)input.Schema[_columns.Feature].Type).Size;
        int classCount = (int)((KeyDataViewType)input.Schema[_columns.Label].Type).Count;
        TensorShape shape = ImageShape(featureCount);
        IReadOnlyList<LayerSpec> architecture = _options.Architecture ?? NetworkArchitecture.BinarizedLeNet5(shape, classCount, _options.Width, _options.Surrogate);
        CheckOutputLayer(architecture, classCount);
        // Drawn in a fixed order from the host, so MLContext(seed) reproduces the model.
        int initSeed = _host.Rand.Next(), shuffleSeed = _host.Rand.Next();
        Network network = BuildNetwork(shape, architecture, _options.Seed ?? initSeed);

        var rows = ImageRowsReader.Read(input, _columns, featureCount, () => MlNetInternals.CheckAlive(null, _host));
        ReportSkippedRows(channel, rows);
        channel.Info(MessageSensitivity.None, Invariant($"Training a binarized CNN on {rows.Count} images of {shape}, {classCount} classes, ") +
            Invariant($"{network.Parameters.Sum(p => (long)p.Values.Length)} parameters, sparsification {_options.Sparsification}:\n{network.Describe()}"));

        var progress = new NetworkTrainingProgress(_host, channel, _options.Progress, _options.NumberOfEpochs);
        NetworkTrainingResult result = new NetworkTrainer(network, new SoftmaxCrossEntropyLoss(network.OutputSize), _options.ToCore(_options.Seed ?? shuffleSeed))
            .Train(rows.Inputs, rows.Labels, rows.Count, progress);
        if (LossDivergence.Warning(result.Epochs, classCount, _options.LearningRate) is { } diverged)
            channel.Warning(MessageSensitivity.None, diverged);
        if (result.Sparsified)
        {
            channel.Info(MessageSensitivity.None, Invariant($"RVSCGD kept {result.Nonzeros} of {result.WeightCount} weights ({result.Sparsity:P2} zero)."));
            string remedy = _options.SparsityTarget is { } target
                ? Invariant($"lower TargetSparsity (now {target.Fraction:G3}) or set TargetSparsityPerLayer.")
                : Invariant($"lower Lambda (now {_options.Lambda:G3}) or raise Beta (now {_options.Beta:G3}).");
            foreach (TensorSparsity emptied in result.FinalTensors.Where(t => t.Nonzeros == 0))
                channel.Warning(MessageSensitivity.None, Invariant($"RVSCGD set every weight of {emptied.Name} to zero, so that layer passes no signal: ") + remedy);
        }

        string[]? classNames = KeyNames.Of(input.Schema[_columns.Label], classCount);
        var model = BinarizedCnnModel.Build(_host, network, input, _columns, classNames);
        var report = new BinarizedCnnTrainingReport(network, result, rows.Count, rows.Read - rows.Count, clock.Elapsed);
        return new BinarizedCnnTransformer(model, network, _columns.Feature, report);
    }

    /// <summary>The input schema plus Score, PredictedLabel and the hidden-feature column.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ColumnRequirements.Check(inputSchema, _columns, _labelReader);
        ColumnRequirements.TryFind(inputSchema, _columns.Label, out var label);
        var result = inputSchema.ToDictionary(c => c.Name);
        var scoreAnnotations = new SchemaShape(MlNetInternals.AnnotationsForMulticlassScoreColumn(null, label));
        var predictedLabelAnnotations = new SchemaShape(label.Annotations.Where(a => a.Name == "KeyValues")
            .Concat(MlNetInternals.GetTrainerOutputAnnotation(null, false)));
        // A one-layer architecture is the softmax model alone: no ONNX part, no hidden column.
        if (_options.Architecture is not { Length: 1 })
            result[BinarizedCnnModel.HiddenColumnName] = MlNetInternals.CreateSchemaColumn(BinarizedCnnModel.HiddenColumnName,
                SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, new SchemaShape([]));
        result["Score"] = MlNetInternals.CreateSchemaColumn("Score", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, scoreAnnotations);
        result["PredictedLabel"] = MlNetInternals.CreateSchemaColumn("PredictedLabel", SchemaShape.Column.VectorKind.Scalar,
            NumberDataViewType.UInt32, true, predictedLabelAnnotations);
        return new SchemaShape(result.Values);
    }

    internal static RvscgdSettings? RvscgdSettingsFor(Options options) => options.Sparsification == BinarizedCnnSparsification.None
        ? null
        : new(options.Lambda, options.Beta, PenaltyOf(options.Sparsification), options.TransformedL1Shape);

    // The public enum is the core's penalties plus None, member by member under the same names
    // (BinarizedCnnSparsificationTests checks that they agree), so the mapping is by name, not a second table.
    internal static SparsityPenaltyKind PenaltyOf(BinarizedCnnSparsification sparsification)
        => Enum.Parse<SparsityPenaltyKind>(sparsification.ToString());

    private TensorShape ImageShape(int featureCount)
    {
        int channels = _options.ImageChannels;
        if (_options.ImageHeight > 0)
        {
            long size = (long)channels * _options.ImageHeight * _options.ImageWidth;
            if (size != featureCount)
                throw new ArgumentOutOfRangeException(nameof(Options.ImageHeight),
                    Invariant($"The image shape {channels}×{_options.ImageHeight}×{_options.ImageWidth} (ImageChannels × ImageHeight × ImageWidth) ") +
                    Invariant($"holds {size} values, but feature column '{_columns.Feature}' has {featureCount}."));
            return new TensorShape(channels, _options.ImageHeight, _options.ImageWidth);
        }
        int side = (int)Math.Round(Math.Sqrt(featureCount / (double)channels));
        if ((long)channels * side * side != featureCount)
            throw new ArgumentOutOfRangeException(nameof(Options.ImageHeight),
                Invariant($"Feature column '{_columns.Feature}' has {featureCount} values, which is not {channels} square image(s): ") +
                "set ImageChannels, ImageHeight and ImageWidth.");
        return new TensorShape(channels, side, side);
    }

    private static void CheckOutputLayer(IReadOnlyList<LayerSpec> architecture, int classCount)
    {
        if (architecture.Count == 0 || architecture[^1] is not DenseSpec dense || dense.Units != classCount)
            throw new ArgumentOutOfRangeException(nameof(Options.Architecture),
                Invariant($"Architecture must end with LayerSpec.Dense({classCount}), one output per class of the label; ") +
                (architecture.Count == 0 ? "it is empty." : Invariant($"its last layer is {architecture[^1]}.")));
    }

    private static Network BuildNetwork(TensorShape shape, IReadOnlyList<LayerSpec> architecture, int seed)
    {
        try
        {
            return new Network(shape, architecture, seed);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentOutOfRangeException(nameof(Options.Architecture), $"{e.Message} (option Architecture, image {shape}).");
        }
    }

    private void ReportSkippedRows(IChannel channel, ImageRowsReader.Rows rows)
    {
        long skipped = rows.Read - rows.Count;
        if (skipped > 0)
            channel.Warning(MessageSensitivity.None, Invariant($"Skipped {skipped} of {rows.Read} rows: {rows.MissingLabel} with a missing label in ") +
                Invariant($"'{_columns.Label}', {rows.NonFiniteFeatures} with a missing or non-finite value in '{_columns.Feature}'."));
    }

}
