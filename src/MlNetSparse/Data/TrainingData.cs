using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Stochastic;
using MlNetSparse.Trainers;
using static System.FormattableString;

namespace MlNetSparse.Data;

/// <summary>
/// The training rows as a trainer uses them: cached in memory (one read, a matrix) or streamed (a
/// survey pass, then cursor passes that never hold more than a batch or a chunk). It reads rows and
/// offers them as an objective or a mini-batch source; which algorithm runs on them is the
/// <see cref="TrainingPlan"/>'s choice (docs/architecture.md#training-plan).
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
    /// in <paramref name="budget"/> bytes (<see cref="CachingDecision"/>), else streams, unless
    /// <paramref name="inMemoryRequiredBy"/> names an option that needs them cached: then rows that do not
    /// fit are an error that names it, raised as soon as the size is known.
    /// </summary>
    /// <remarks>
    /// The same budget bounds the rows of a mini-batch (<see cref="MiniBatchOptions.MaximumBatchRows"/>).
    /// <paramref name="threads"/> may prepare a cached matrix's memory before the one-thread cursor fills it.
    /// </remarks>
    public static TrainingData Load(IDataView input, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env,
        SparseIhtDataCaching requested, IChannel channel, string? inMemoryRequiredBy = null, long? budget = null, int threads = 1)
    {
        long limit = budget ?? CachingDecision.DefaultBudget();
        TrainingData data = requested switch
        {
            SparseIhtDataCaching.InMemory => Cache(input, columns, labelReader, env, threads),
            SparseIhtDataCaching.Streaming => new Streamed(input, columns, labelReader, env),
            _ => ReadAuto(input, columns, labelReader, env, channel, limit, inMemoryRequiredBy, threads),
        };
        data.Budget = limit;
        return data;
    }

    private static Cached Cache(IDataView input, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env, int threads)
        => new(TrainingSetReader.Read(input, columns, labelReader, env, threads), columns, labelReader, env);

    private static TrainingData ReadAuto(IDataView input, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env,
        IChannel channel, long limit, string? inMemoryRequiredBy, int threads)
    {
        if (CachingDecision.EstimateFromRowCount(input, columns, labelReader, env) is long estimate)
        {
            bool fits = estimate <= limit;
            channel.Info(MessageSensitivity.None, Invariant($"Data caching (Auto): the rows take about {estimate / 1048576.0:F1} MiB, ") +
                Invariant($"{(fits ? "within" : "over")} the {limit / 1048576.0:F0} MiB budget: {(fits ? "cached in memory" : "streamed")}."));
            return fits ? Cache(input, columns, labelReader, env, threads) : StreamUnlessRequired(input, columns, labelReader, env, limit, inMemoryRequiredBy);
        }
        if (TrainingSetReader.TryRead(input, columns, labelReader, env, limit, threads) is { } set)
        {
            channel.Info(MessageSensitivity.None, Invariant($"Data caching (Auto): row count unknown; all rows fit the {limit / 1048576.0:F0} MiB budget: cached in memory."));
            return new Cached(set, columns, labelReader, env);
        }
        channel.Info(MessageSensitivity.None, Invariant($"Data caching (Auto): row count unknown; the rows passed the {limit / 1048576.0:F0} MiB budget while reading: streamed."));
        return StreamUnlessRequired(input, columns, labelReader, env, limit, inMemoryRequiredBy);
    }

    private static Streamed StreamUnlessRequired(IDataView input, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env,
        long limit, string? inMemoryRequiredBy)
    {
        if (inMemoryRequiredBy is not null)
            throw new InvalidOperationException(Invariant($"{inMemoryRequiredBy} needs the training rows in memory, but they take more than ") +
                Invariant($"the {limit / 1048576.0:F0} MiB budget of {nameof(SparseIhtOptionsBase.DataCaching)} = Auto (1/8 of the memory available). ") +
                Invariant($"Set {nameof(SparseIhtOptionsBase.DataCaching)} to InMemory to cache them anyway, or train a single {nameof(SparseIhtOptionsBase.Sparsity)}."));
        return new Streamed(input, columns, labelReader, env);
    }

    /// <summary>f over all usable rows: the cached matrix (a pass uses at most <paramref name="maxDegreeOfParallelism"/> threads; the result does not depend on it) or streamed chunks.</summary>
    public abstract IDifferentiableObjective CreateObjective(IMarginLoss loss, int maxDegreeOfParallelism);

    /// <summary>The rows batch by batch: cached rows in a seeded random order per epoch, streamed rows in the data view's order.</summary>
    public abstract IMiniBatchSource CreateSource(int shuffleSeed);

    /// <summary>The most training rows held in memory at once by <paramref name="objective"/> and <paramref name="source"/>.</summary>
    public abstract long RowsHeld(IMiniBatchSource? source, IDifferentiableObjective objective);

    public virtual void Dispose()
    {
    }

    // A batch is a copy of its rows: it may take the memory budget, no more. Past that, steps use all rows
    // (the cached matrix, or streamed chunks), which needs no copy.
    public int BatchRowLimit(IChannel channel)
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

        public override IDifferentiableObjective CreateObjective(IMarginLoss loss, int maxDegreeOfParallelism)
            => new LinearModelObjective(set.Features, set.Labels, loss, set.ExampleWeights) { MaxDegreeOfParallelism = maxDegreeOfParallelism };

        public override IMiniBatchSource CreateSource(int shuffleSeed)
            => new InMemoryMiniBatchSource(set.Features, set.Labels, set.ExampleWeights, shuffleSeed);

        public override long RowsHeld(IMiniBatchSource? source, IDifferentiableObjective objective) => set.Labels.Length;
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
        public override IDifferentiableObjective CreateObjective(IMarginLoss loss, int maxDegreeOfParallelism)
            => new StreamingObjective(_input, Columns, LabelReader, Env, loss, _survey, Budget);

        public override IMiniBatchSource CreateSource(int shuffleSeed)
            => new CursorMiniBatchSource(_input, Columns, LabelReader, Env, _survey);

        public override long RowsHeld(IMiniBatchSource? source, IDifferentiableObjective objective)
            => Math.Max(((StreamingObjective)objective).LargestChunkRows, (source as CursorMiniBatchSource)?.LargestBatchRows ?? 0);
    }
}
