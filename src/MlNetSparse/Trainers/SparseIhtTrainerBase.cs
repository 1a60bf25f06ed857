using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Training;
using MlNetSparse.Data;
using MlNetSparse.Internals;
using static System.FormattableString;

namespace MlNetSparse.Trainers;

/// <summary>
/// What the three sparse IHT trainers share: read the columns, build the loss, run IHT with
/// γ = 1/L̂₂ₛ, certify the result, and hand back ML.NET's own prediction transformer and model
/// type. A task supplies only its label reader, its loss and its model type.
/// </summary>
/// <remarks>
/// Fit returns the very prediction transformer an ML.NET trainer returns, so the trainers go wherever
/// ML.NET expects an <see cref="ITrainerEstimator{TTransformer, TModel}"/> (OneVersusAll,
/// PermutationFeatureImportance, ChangeModelThreshold). The training report rides beside the model:
/// <see cref="SparseIhtReports.GetSparseIhtReport(ITransformer)"/>.
/// </remarks>
/// <typeparam name="TOptions">The trainer's options.</typeparam>
/// <typeparam name="TTransformer">ML.NET's prediction transformer Fit returns.</typeparam>
/// <typeparam name="TModel">The ML.NET model parameters it produces.</typeparam>
public abstract class SparseIhtTrainerBase<TOptions, TTransformer, TModel> : ITrainerEstimator<TTransformer, TModel>
    where TOptions : SparseIhtOptionsBase
    where TTransformer : class, ISingleFeaturePredictionTransformer<TModel>
    where TModel : class
{
    private protected SparseIhtTrainerBase(IHostEnvironment env, TOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Plan = TrainingPlan.Choose(options);
        Host = env.Register(name);
        TrainerOptions = options;
        Columns = new TrainingColumns(options.FeatureColumnName, options.LabelColumnName, options.ExampleWeightColumnName);
    }

    private protected IHost Host { get; }

    /// <summary>
    /// What ML.NET's pipelines need to know: the features should be normalized (IHT compares weight
    /// magnitudes), the trainer caches rows itself (<see cref="SparseIhtOptionsBase.DataCaching"/>), and
    /// the binary model is calibrated already (Probability = σ(Score)), so nothing is added.
    /// </summary>
    public TrainerInfo Info { get; } = MlNetInternals.CreateTrainerInfo(normalization: true, calibration: false, caching: false,
        supportValid: false, supportIncrementalTrain: false, supportTest: false);

    private protected TOptions TrainerOptions { get; }

    /// <summary>What Fit runs, chosen once from the options (docs/architecture.md#training-plan).</summary>
    private protected TrainingPlan Plan { get; }

    private protected TrainingColumns Columns { get; }

    private protected abstract SparseIhtTask Task { get; }

    private protected abstract LabelReader LabelReader { get; }

    /// <summary>The loss for these labels; checks that the labels are trainable (e.g. two classes present).</summary>
    private protected abstract IMarginLoss CreateLoss(DataViewSchema schema, IEnumerable<float> weightedLabels);

    /// <summary>Names of the outputs (classes) for the report; null for a single output.</summary>
    private protected abstract IReadOnlyList<string>? OutputNames(DataViewSchema schema, int outputCount);

    /// <summary>ML.NET's prediction transformer around the trained parameters.</summary>
    private protected abstract TTransformer CreatePredictionTransformer(
        float[] parameters, LinearModelLayout layout, DataViewSchema trainSchema, IReadOnlyList<string>? outputNames);

    /// <summary>The columns the prediction transformer adds.</summary>
    private protected abstract IEnumerable<SchemaShape.Column> OutputColumns(SchemaShape inputSchema);

    /// <summary>
    /// Trains a model with at most <see cref="SparseIhtOptionsBase.Sparsity"/> nonzero parameters, or the s a
    /// <see cref="SparseIhtOptionsBase.SparsityPath"/> chooses. Its report: <c>transformer.GetSparseIhtReport()</c>.
    /// </summary>
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ColumnRequirements.Check(input.Schema, Columns, LabelReader);
        var clock = Stopwatch.StartNew();
        using IChannel channel = Host.Start("SparseIht");
        BlasBackendLog.Once(channel);

        using TrainingData data = Plan.ReadRows(input, Columns, LabelReader, Host, channel);
        TimeSpan readTime = clock.Elapsed;
        ReportSkippedRows(channel, data.Rows);
        IMarginLoss loss = CreateLoss(input.Schema, data.WeightedLabels);
        var layout = new LinearModelLayout(loss.OutputCount, data.FeatureCount);
        if (Plan.Target == TrainingTarget.SingleSparsity)
            CheckSparsity(layout);
        string[] featureNames = FeatureNames(input.Schema[Columns.Feature], layout.FeatureCount);
        foreach (string warning in FeatureScaleCheck.Warnings(data.Moments, featureNames, Columns.Feature))
            channel.Warning(MessageSensitivity.None, warning);

        IhtSolverOptions options = CoreOptions();
        int shuffleSeed = Host.Rand.Next(); // drawn after the other seeds, so adding it changed none of them
        channel.Info(MessageSensitivity.None, Invariant($"Training sparse IHT ({Task}): {data.Rows.RowsUsed} rows, {layout.FeatureCount} features, ") +
            Invariant($"{layout.OutputCount} output(s), {layout.ParameterCount} parameters, ") +
            (Plan.Target == TrainingTarget.SingleSparsity ? Invariant($"s = {options.Sparsity}.") : "s chosen on a sparsity path."));
        var initializer = UniformInitializer.ForLinearLayer(layout.FeatureCount);
        var reporter = new SparseIhtProgressReporter(TrainerOptions.Progress, layout.ParameterCount, options.MaximumIterations, options.CompareWithDenseOptimum);
        PlannedOutcome planned = Plan.Run(data, new(Task, TrainerOptions, loss, initializer, options, shuffleSeed, Columns.Feature, reporter), Host, channel);
        TrainingOutcome result = planned.Result;
        ReportOutcome(channel, result);

        IReadOnlyList<string>? outputNames = OutputNames(input.Schema, layout.OutputCount);
        var predictionTransformer = CreatePredictionTransformer(result.Solution.Parameters, layout, input.Schema, outputNames);
        var report = new SparseIhtTrainingReport(Task, result, layout, featureNames, outputNames, planned.Options, clock.Elapsed)
        {
            SparsityPath = planned.Path,
            ReadTime = readTime,
        };
        SparseIhtReports.Attach(predictionTransformer.Model, report);
        return predictionTransformer;
    }

    /// <summary>The input schema plus the columns the fitted model adds.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ColumnRequirements.Check(inputSchema, Columns, LabelReader);
        var columns = inputSchema.ToDictionary(c => c.Name);
        foreach (var column in OutputColumns(inputSchema))
            columns[column.Name] = column;
        return new SchemaShape(columns.Values);
    }

    // All three seeds are drawn from the host (reproducible under MLContext(seed)) in a fixed
    // order, then overridden: fixing one seed leaves the others as they were.
    private IhtSolverOptions CoreOptions()
    {
        int initializationSeed = Host.Rand.Next(), supportSeed = Host.Rand.Next(), monteCarloSeed = Host.Rand.Next();
        return new()
        {
            Sparsity = TrainerOptions.Sparsity,
            MaximumIterations = TrainerOptions.MaximumNumberOfIterations,
            LossTolerance = TrainerOptions.LossTolerance,
            OptimizationTolerance = TrainerOptions.OptimizationTolerance,
            RelativeLossTolerance = TrainerOptions.RelativeLossTolerance,
            Start = TrainerOptions.Initialization,
            InitializationSeed = TrainerOptions.InitializationSeed ?? initializationSeed,
            SupportSeed = TrainerOptions.SupportSeed ?? supportSeed,
            MonteCarloSeed = TrainerOptions.MonteCarloSeed ?? monteCarloSeed,
            MonteCarloSampleCount = TrainerOptions.MonteCarloSampleCount,
            TieBreaking = TrainerOptions.TieBreaking,
            CompareWithDenseOptimum = TrainerOptions.CompareWithDenseOptimum,
            L2Regularization = TrainerOptions.L2Regularization,
            PolishSupport = TrainerOptions.PolishSupport,
            MaximumPolishRounds = TrainerOptions.MaximumPolishRounds,
            WorkingSet = TrainerOptions.WorkingSet,
            PolishAfterStableSteps = TrainerOptions.PolishAfterStableSteps,
        };
    }

    private void CheckSparsity(LinearModelLayout layout)
    {
        int maximum = layout.ParameterCount - 1;
        if (TrainerOptions.Sparsity > maximum)
            throw new ArgumentOutOfRangeException(nameof(SparseIhtOptionsBase.Sparsity),
                Invariant($"Sparsity must be in [1, {maximum}] for this data: {layout.OutputCount} output(s) × ({layout.FeatureCount} features in ") +
                Invariant($"'{Columns.Feature}' + 1 bias) = {layout.ParameterCount} parameters, and s must leave at least one out; got {TrainerOptions.Sparsity}."));
    }

    private void ReportSkippedRows(IChannel channel, TrainingRowCounts data)
    {
        if (data.Skipped.Total > 0)
            channel.Warning(MessageSensitivity.None, Invariant($"Skipped {data.Skipped.Total} of {data.RowsRead} rows with missing or non-finite values: ") +
                TrainingSetReader.SkippedDetail(data.Skipped, Columns) + ".");
    }

    private static void ReportOutcome(IChannel channel, TrainingOutcome result)
    {
        IhtSolution solution = result.Solution;
        if (result.Smoothness is { } smoothness)
            channel.Info(MessageSensitivity.None, Invariant($"Estimated L̂₂ₛ = {smoothness.Estimate:G5} from {smoothness.UsedSampleCount} samples: γ = {smoothness.StepSize:G5}."));
        channel.Info(MessageSensitivity.None, Invariant($"IHT stopped after {solution.Iterations} iterations ({solution.StopReason}): loss {result.FinalLoss:G6}. ") +
            $"Certificate: {result.Certificate}.");
        if (result.Polish is { } polish)
            channel.Info(MessageSensitivity.None, Invariant($"Support polish: {polish.Outcome} after {polish.Rounds} round(s), {polish.NewtonSteps} Newton step(s), ") +
                Invariant($"{polish.Passes} passes over the data; loss {polish.LossBefore:G6} → {polish.LossAfter:G6}."));
        if (solution.Backtracks > 0)
            channel.Warning(MessageSensitivity.None, Invariant($"L̂₂ₛ underestimated the restricted smoothness: the step was halved {solution.Backtracks} time(s), ") +
                Invariant($"from γ = {solution.InitialStepSize:G4} to {solution.StepSize:G4}, to keep the loss from rising."));
        // A polish that reached a fixed point finished what the capped run left: nothing to warn of.
        if (solution.StopReason == IhtStopReason.MaximumIterations && result.Polish?.Outcome != SupportPolishOutcome.FixedPoint)
            channel.Warning(MessageSensitivity.None, Invariant($"IHT did not converge within {solution.Iterations} iterations (loss {result.FinalLoss:G6}). ") +
                "Increase MaximumNumberOfIterations, standardize the features, or set a LossTolerance.");
        if (result.Certificate.Verdict == HtStabilityVerdict.NotStationary)
            channel.Warning(MessageSensitivity.None, Invariant($"The trained point is not stationary: a per-coordinate step would still move it by ") +
                Invariant($"{result.Certificate.RelativeStationarityResidual:G3} (relative; tolerance {result.Certificate.StationarityTolerance:G3}). ") +
                "Standardize the features, increase MaximumNumberOfIterations, or lower LossTolerance.");
        if (result.Phases is { } phases)
            channel.Info(MessageSensitivity.None, $"Passes over the rows: {phases}.");
        if (result.WorkingSet is { } workingSet)
            channel.Info(MessageSensitivity.None, $"Working set: {workingSet}.");
        if (result.OptimalityGap is double gap)
        {
            DenseReference dense = result.DenseReference!;
            channel.Info(MessageSensitivity.None, Invariant($"Dense reference loss {dense.Loss:G6} ({dense.StopReason}): gap f(θ*ₛ) − f(θ*dense) = {gap:G4}, ") +
                Invariant($"at {result.Phases?.DenseReference.Passes} passes over the rows ({result.Phases?.DenseReference.Time.TotalSeconds:F2} s)."));
            if (dense.StopReason == IhtStopReason.MaximumIterations)
                channel.Warning(MessageSensitivity.None, Invariant($"The dense reference stopped at the iteration cap: its loss {dense.Loss:G6} only bounds the dense ") +
                    Invariant($"optimum from above, so the gap {gap:G4} understates what sparsity costs."));
        }
    }

    // Slot names (Concatenate gives the source columns' names); "Features[j]" where a slot has none.
    private static string[] FeatureNames(DataViewSchema.Column column, int featureCount)
    {
        var names = new string[featureCount];
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        if (column.HasSlotNames())
            column.GetSlotNames(ref slotNames);
        for (int j = 0; j < featureCount; j++)
        {
            string name = slotNames.Length == featureCount ? slotNames.GetItemOrDefault(j).ToString() : "";
            names[j] = name.Length > 0 ? name : Invariant($"{column.Name}[{j}]");
        }
        return names;
    }


    /// <summary>The weights as ML.NET should store them for scoring: sparse, or dense from half nonzero on (<see cref="WeightVectors"/>).</summary>
    private protected static VBuffer<float> WeightVector(ReadOnlySpan<float> weights) => WeightVectors.ForScoring(weights);

    /// <summary>ML.NET's trainer-output annotations (score columns).</summary>
    private protected static SchemaShape TrainerOutputAnnotations(bool isNormalized = false)
        => new(MlNetInternals.GetTrainerOutputAnnotation(null, isNormalized));

    private protected static SchemaShape.Column ScalarColumn(string name, DataViewType type, SchemaShape annotations, bool isKey = false)
        => MlNetInternals.CreateSchemaColumn(name, SchemaShape.Column.VectorKind.Scalar, type, isKey, annotations);
}
