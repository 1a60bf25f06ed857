using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Stochastic;
using MlNetSparse.Core.Training;
using MlNetSparse.Data;
using static System.FormattableString;

namespace MlNetSparse.Trainers;

/// <summary>
/// What Fit runs, chosen once from the options when the trainer is created: a single s or a sparsity
/// path, full-batch or mini-batch IHT, the rows cached in memory or streamed (Auto: decided by their
/// size when they are read). Combinations that cannot run are rejected here, before any row is read;
/// the data classes only read rows, and <see cref="Run"/> runs the solver (docs/architecture.md#training-plan).
/// </summary>
internal sealed class TrainingPlan
{
    private TrainingPlan(TrainingTarget target, MiniBatchOptions? batches, SparseIhtDataCaching caching, int threads)
    {
        Target = target;
        Batches = batches;
        Caching = caching;
        Threads = threads;
    }

    /// <summary>A single s, or the s a path chooses.</summary>
    public TrainingTarget Target { get; }

    /// <summary>The mini-batch schedule; null for full-batch IHT (always null on a path: every s is trained full-batch).</summary>
    public MiniBatchOptions? Batches { get; }

    /// <summary>Whether the rows are cached, streamed, or as their size decides (a path needs them cached).</summary>
    public SparseIhtDataCaching Caching { get; }

    /// <summary>The threads the read may use to prepare the matrix's memory (NumberOfThreads, default all cores).</summary>
    public int Threads { get; }

    /// <summary>Plans training for <paramref name="options"/> (validated already).</summary>
    /// <exception cref="ArgumentException">A combination no plan can run, naming the options.</exception>
    public static TrainingPlan Choose(SparseIhtOptionsBase options)
    {
        if (options.SparsityPath is null)
        {
            MiniBatchOptions? batches = options.MiniBatchSize == 0 ? null : new() { InitialSize = options.MiniBatchSize, Growth = options.MiniBatchGrowth };
            return new TrainingPlan(TrainingTarget.SingleSparsity, batches, options.DataCaching, options.MaxDegreeOfParallelism);
        }
        // A path trains many s and evaluates held-out rows after each: it works on the cached matrix.
        if (options.DataCaching == SparseIhtDataCaching.Streaming)
            throw new ArgumentException(
                $"{nameof(SparseIhtOptionsBase.SparsityPath)} needs the training rows in memory, but {nameof(SparseIhtOptionsBase.DataCaching)} is Streaming. " +
                $"Set {nameof(SparseIhtOptionsBase.DataCaching)} to InMemory or Auto, or train a single {nameof(SparseIhtOptionsBase.Sparsity)} " +
                $"({nameof(SparseIhtOptionsBase.SparsityPath)} = null).", nameof(SparseIhtOptionsBase.SparsityPath));
        bool heldOutSplit = options.NumberOfFolds == 1 && options.PathSelectionRule != SparsitySelectionRule.ExtendedBic;
        if (heldOutSplit && options.PathSelectionRule == SparsitySelectionRule.OneStandardError)
            throw new ArgumentException(
                $"{nameof(SparseIhtOptionsBase.PathSelectionRule)} = {nameof(SparsitySelectionRule.OneStandardError)} needs a standard error, " +
                $"which one held-out split does not give: set {nameof(SparseIhtOptionsBase.NumberOfFolds)} to 2 or more (default " +
                $"{SparseIhtOptionsBase.Defaults.NumberOfFolds}), or use {nameof(SparseIhtOptionsBase.PathSelectionTolerance)} with one split.",
                nameof(SparseIhtOptionsBase.PathSelectionRule));
        return new TrainingPlan(heldOutSplit ? TrainingTarget.SparsityPath : TrainingTarget.CrossValidatedSparsityPath, null, options.DataCaching,
            options.MaxDegreeOfParallelism);
    }

    /// <summary>Reads the rows as the plan says: cached, streamed, or (Auto) as their size decides.</summary>
    public TrainingData ReadRows(IDataView input, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env, IChannel channel)
        => TrainingData.Load(input, columns, labelReader, env, Caching, channel, inMemoryRequiredBy: Target != TrainingTarget.SingleSparsity
            ? nameof(SparseIhtOptionsBase.SparsityPath)
            : null, threads: Threads);

    /// <summary>Trains as planned; the report is on all rows either way.</summary>
    public PlannedOutcome Run(TrainingData data, TrainingRequest request, IHost host, IChannel channel)
    {
        if (Target != TrainingTarget.SingleSparsity)
        {
            if (request.Options.MiniBatchSize > 0)
                channel.Warning(MessageSensitivity.None, $"{nameof(SparseIhtOptionsBase.MiniBatchSize)} is ignored on a sparsity path: every s is trained full-batch on the cached rows.");
            // Every fit of a classification path (the folds, the path on all rows, the final run) carries the path's ridge.
            TrainingSet cached = data.CachedSet ?? throw new InvalidOperationException("The training plan of a sparsity path reads the rows into memory.");
            TrainingRequest path = request with { Training = PathRidge.Apply(request, cached) };
            return Target == TrainingTarget.SparsityPath
                ? SparsityPathTraining.Run(data, path, host, channel)
                : CrossValidatedPathTraining.Run(data, path, host, channel);
        }
        string rows = data.Caching == SparseIhtDataCaching.Streaming ? "rows streamed from the data view in its order" : "rows cached in memory";
        if (Batches is null)
            channel.Info(MessageSensitivity.None, $"Full-batch IHT, {rows}.");
        else
            channel.Info(MessageSensitivity.None, Invariant($"Mini-batch IHT: batches of min({data.Rows.RowsUsed}, ⌈{Batches.InitialSize}·{Batches.Growth:G4}ᵏ⌉) rows at step k, ") +
                rows + (data.Caching == SparseIhtDataCaching.InMemory ? ", shuffled each epoch." : "."));
        var observer = new TrainingProgress(host, channel, request.Reporter);
        IDifferentiableObjective objective = data.CreateObjective(request.Loss, request.Options.MaxDegreeOfParallelism);
        if (Batches is null)
        {
            var result = IhtTraining.Train(objective, request.Initializer, request.Training, observer);
            return new PlannedOutcome(TrainingOutcome.FullBatch(result, data.Rows, data.Caching, data.RowsHeld(null, objective)), request.Training, null);
        }
        MiniBatchOptions batches = Batches with { MaximumBatchRows = data.BatchRowLimit(channel) };
        IMiniBatchSource source = data.CreateSource(request.ShuffleSeed);
        try
        {
            var result = StochasticIhtTraining.Train(source, request.Loss, objective, request.Initializer, request.Training, batches, observer);
            int? shuffleSeed = data.Caching == SparseIhtDataCaching.InMemory ? request.ShuffleSeed : null;
            return new PlannedOutcome(TrainingOutcome.MiniBatches(result, data.Rows, data.Caching, shuffleSeed, data.RowsHeld(source, objective)), request.Training, null);
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }
    }
}
