using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Stochastic;
using MlNetSparse.Core.Training;
using MlNetSparse.Trainers;
using static System.FormattableString;

namespace MlNetSparse.Data;

/// <summary>
/// The training rows as a trainer uses them: cached in memory (one read, a matrix) or streamed (a
/// survey pass, then cursor passes that never hold more than a batch or a chunk). Decides which
/// (<see cref="SparseIhtDataCaching"/>), then runs full-batch or mini-batch IHT on it.
/// </summary>
internal abstract class TrainingData : IDisposable
{
    /// <summary>The memory budget in bytes: of the Auto decision, of a mini-batch, of a streamed chunk.</summary>
    private protected long Budget { get; private set; }

    private protected TrainingData(TrainingColumns columns, LabelReader labelReader, IHostEnvironment env)
    {
        Columns = columns;
        LabelReader = labelReader;
        Env = env;
    }

    private protected TrainingColumns Columns { get; }
    private protected LabelReader LabelReader { get; }
    private protected IHostEnvironment Env { get; }

    /// <summary>InMemory or Streaming: the decision taken.</summary>
    public abstract SparseIhtDataCaching Caching { get; }

    public abstract TrainingRowCounts Rows { get; }

    /// <summary>Labels of rows with positive weight (for streamed data, up to two distinct ones: enough to tell one class from two).</summary>
    public abstract IEnumerable<float> WeightedLabels { get; }

    public abstract int FeatureCount { get; }

    /// <summary>The features' means and deviations over the usable rows, from the first pass.</summary>
    public abstract FeatureMoments Moments { get; }

    /// <summary>The rows as one matrix when they were cached; null when streamed.</summary>
    public virtual TrainingSet? CachedSet => null;

    /// <summary>
    /// Reads <paramref name="input"/> as <paramref name="requested"/> asks; Auto caches when the rows fit
    /// in <paramref name="budget"/> bytes (<see cref="CachingDecision"/>), else streams.
    /// </summary>
    /// <remarks>The same budget bounds the rows of a mini-batch (<see cref="MiniBatchOptions.MaximumBatchRows"/>).</remarks>
    public static TrainingData Load(IDataView input, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env,
        SparseIhtDataCaching requested, IChannel channel, long? budget = null)
    {
        long limit = budget ?? CachingDecision.DefaultBudget();
        TrainingData data = Choose(input, columns, labelReader, env, requested, channel, limit);
        data.Budget = limit;
        return data;
    }

    private static TrainingData Choose(IDataView input, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env,
        SparseIhtDataCaching requested, IChannel channel, long limit)
    {
        switch (requested)
        {
            case SparseIhtDataCaching.InMemory:
                return new Cached(TrainingSetReader.Read(input, columns, labelReader, env), columns, labelReader, env);
            case SparseIhtDataCaching.Streaming:
                return new Streamed(input, columns, labelReader, env);
        }
        if (CachingDecision.EstimateFromRowCount(input, columns, labelReader, env) is long estimate)
        {
            bool fits = estimate <= limit;
            channel.Info(MessageSensitivity.None, Invariant($"Data caching (Auto): the rows take about {estimate / 1048576.0:F1} MiB, ") +
                Invariant($"{(fits ? "within" : "over")} the {limit / 1048576.0:F0} MiB budget: {(fits ? "cached in memory" : "streamed")}."));
            return fits ? Choose(input, columns, labelReader, env, SparseIhtDataCaching.InMemory, channel, limit) : new Streamed(input, columns, labelReader, env);
        }
        if (TrainingSetReader.TryRead(input, columns, labelReader, env, limit) is { } set)
        {
            channel.Info(MessageSensitivity.None, Invariant($"Data caching (Auto): row count unknown; all rows fit the {limit / 1048576.0:F0} MiB budget: cached in memory."));
            return new Cached(set, columns, labelReader, env);
        }
        channel.Info(MessageSensitivity.None, Invariant($"Data caching (Auto): row count unknown; the rows passed the {limit / 1048576.0:F0} MiB budget while reading: streamed."));
        return new Streamed(input, columns, labelReader, env);
    }

    /// <summary>
    /// Full-batch IHT when <paramref name="batches"/> is null, else mini-batch IHT; the report is on all rows either way.
    /// A pass over cached rows uses at most <paramref name="maxDegreeOfParallelism"/> threads (the result does not depend on it).
    /// </summary>
    public TrainingOutcome Train(IMarginLoss loss, IParameterInitializer initializer, IhtTrainingOptions options, MiniBatchOptions? batches,
        int shuffleSeed, int maxDegreeOfParallelism, IIhtObserver observer, IChannel channel)
    {
        IDifferentiableObjective objective = CreateObjective(loss, maxDegreeOfParallelism);
        if (batches is null)
        {
            var result = IhtTraining.Train(objective, initializer, options, observer);
            return TrainingOutcome.FullBatch(result, Rows, Caching, RowsHeld(null, objective));
        }
        batches = batches with { MaximumBatchRows = BatchRowLimit(channel) };
        IMiniBatchSource source = CreateSource(shuffleSeed);
        try
        {
            var result = StochasticIhtTraining.Train(source, loss, objective, initializer, options, batches, observer);
            return TrainingOutcome.MiniBatches(result, Rows, Caching, Caching == SparseIhtDataCaching.InMemory ? shuffleSeed : null, RowsHeld(source, objective));
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }
    }

    public virtual void Dispose()
    {
    }

    // A batch is a copy of its rows: it may take the memory budget, no more. Past that, steps use all rows
    // (the cached matrix, or streamed chunks), which needs no copy.
    private int BatchRowLimit(IChannel channel)
    {
        double bytesPerRow = Math.Max(1, CachingDecision.EstimatedBytes(Rows.RowsUsed, StoredEntries, FeatureCount) / (double)Rows.RowsUsed);
        int limit = (int)Math.Clamp(Budget / bytesPerRow, 1, int.MaxValue);
        if (limit < Rows.RowsUsed)
            channel.Info(MessageSensitivity.None, Invariant($"Mini-batches are limited to {limit} rows by the {Budget / 1048576.0:F1} MiB memory budget: ") +
                "a step whose batch would be larger uses all rows instead.");
        return limit;
    }

    /// <summary>Nonzero feature values over the usable rows.</summary>
    private protected abstract long StoredEntries { get; }

    private protected abstract IDifferentiableObjective CreateObjective(IMarginLoss loss, int maxDegreeOfParallelism);

    private protected abstract IMiniBatchSource CreateSource(int shuffleSeed);

    /// <summary>The most training rows held in memory at once.</summary>
    private protected abstract long RowsHeld(IMiniBatchSource? source, IDifferentiableObjective objective);


    /// <summary>Every usable row read once into a matrix.</summary>
    private sealed class Cached(TrainingSet set, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env)
        : TrainingData(columns, labelReader, env)
    {
        public override SparseIhtDataCaching Caching => SparseIhtDataCaching.InMemory;
        public override TrainingRowCounts Rows => set.Counts;
        public override IEnumerable<float> WeightedLabels => set.WeightedLabels;
        public override int FeatureCount => set.Features.ColumnCount;
        public override FeatureMoments Moments => set.Moments!;
        public override TrainingSet? CachedSet => set;
        private protected override long StoredEntries => set.Features.StoredCount;

        private protected override IDifferentiableObjective CreateObjective(IMarginLoss loss, int maxDegreeOfParallelism)
            => new LinearModelObjective(set.Features, set.Labels, loss, set.ExampleWeights) { MaxDegreeOfParallelism = maxDegreeOfParallelism };

        private protected override IMiniBatchSource CreateSource(int shuffleSeed)
            => new InMemoryMiniBatchSource(set.Features, set.Labels, set.ExampleWeights, shuffleSeed);

        private protected override long RowsHeld(IMiniBatchSource? source, IDifferentiableObjective objective) => set.Labels.Length;
    }

    /// <summary>Rows read from the data view's cursor on every pass, after a survey pass.</summary>
    private sealed class Streamed : TrainingData
    {
        private readonly IDataView _input;
        private readonly StreamingSurvey _survey;

        public Streamed(IDataView input, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env)
            : base(columns, labelReader, env)
        {
            _input = input;
            _survey = StreamingSurvey.Take(input, columns, labelReader, env);
        }

        public override SparseIhtDataCaching Caching => SparseIhtDataCaching.Streaming;
        public override TrainingRowCounts Rows => _survey.Counts;
        public override IEnumerable<float> WeightedLabels => _survey.WeightedLabels;
        public override int FeatureCount => _survey.FeatureCount;
        public override FeatureMoments Moments => _survey.Moments;
        private protected override long StoredEntries => _survey.StoredEntries;

        // Streamed rows arrive one cursor row at a time: a chunk's pass runs on the reading thread.
        private protected override IDifferentiableObjective CreateObjective(IMarginLoss loss, int maxDegreeOfParallelism)
            => new StreamingObjective(_input, Columns, LabelReader, Env, loss, _survey, Budget);

        private protected override IMiniBatchSource CreateSource(int shuffleSeed)
            => new CursorMiniBatchSource(_input, Columns, LabelReader, Env, _survey);

        private protected override long RowsHeld(IMiniBatchSource? source, IDifferentiableObjective objective)
            => Math.Max(((StreamingObjective)objective).LargestChunkRows, (source as CursorMiniBatchSource)?.LargestBatchRows ?? 0);
    }
}
