using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Stochastic;

namespace MlNetSparse.Data;

/// <summary>
/// f over every usable row of an <see cref="IDataView"/>, without holding the data: each evaluation is
/// one cursor pass that reads the rows in chunks into one reused <see cref="MiniBatch"/> and adds up
/// Σωℓ and Σω∇ℓ chunk by chunk. Full-batch IHT runs on it unchanged; mini-batch IHT uses it for the
/// steps once its batches cover the data, and for the final report.
/// </summary>
/// <remarks>
/// Memory: one chunk of at most <see cref="ChunkRows"/> rows (about 4 MiB or the memory budget if smaller,
/// at most 4,096 rows), the
/// gradient sums and the curvature bounds, computed on the first request and kept: O(chunk + parameters).
/// The sums run over rows in cursor order and chunk by chunk, so a pass gives the same bits every time.
/// </remarks>
internal sealed class StreamingObjective : ILinearModelObjective, IDiagonalCurvature
{
    private const double ChunkBytes = 4 << 20;
    private const int MaximumChunkRows = 4096;

    private readonly IDataView _data;
    private readonly TrainingColumns _columns;
    private readonly LabelReader _labelReader;
    private readonly IHostEnvironment _env;
    private readonly IMarginLoss _loss;
    private readonly MiniBatch _chunk;
    private readonly MiniBatchObjective _chunkObjective;
    private readonly double[] _total;
    private float[]? _curvature;

    public StreamingObjective(IDataView data, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env,
        IMarginLoss loss, StreamingSurvey survey, long budgetBytes)
    {
        _data = data;
        _columns = columns;
        _labelReader = labelReader;
        _env = env;
        _loss = loss;
        _chunk = new MiniBatch(survey.FeatureCount, survey.Storage);
        _chunkObjective = new MiniBatchObjective(_chunk, loss);
        _total = new double[_chunkObjective.ParameterCount];
        ChunkRows = (int)Math.Clamp(Math.Min(ChunkBytes, budgetBytes) / survey.BytesPerRow, 1, MaximumChunkRows);
    }

    /// <inheritdoc/>
    public int ParameterCount => _chunkObjective.ParameterCount;

    /// <inheritdoc/>
    public LinearModelLayout Layout => _chunkObjective.Layout;

    /// <summary>Rows read per chunk.</summary>
    public int ChunkRows { get; }

    /// <summary>The most rows held at once by this objective.</summary>
    public int LargestChunkRows => _chunk.LargestRowCount;

    /// <summary>Full passes made so far.</summary>
    public int Passes { get; private set; }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<float> parameters)
    {
        double loss = 0, weight = 0;
        using var reader = Open();
        while (ReadChunk(reader))
        {
            loss += _chunkObjective.AccumulateValue(parameters);
            weight += _chunk.WeightSum;
        }
        return loss / weight;
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        MlNetSparse.Core.Guard.Length(gradient.Length, ParameterCount, nameof(gradient));
        double loss = 0, weight = 0;
        Array.Clear(_total);
        using (var reader = Open())
        {
            while (ReadChunk(reader))
            {
                loss += _chunkObjective.Accumulate(parameters, _total);
                weight += _chunk.WeightSum;
            }
        }
        for (int p = 0; p < gradient.Length; p++)
            gradient[p] = (float)(_total[p] / weight);
        return loss / weight;
    }

    /// <inheritdoc/>
    /// <remarks>As <see cref="LinearModelObjective.DiagonalCurvatureBounds"/>: κ·Σωx²/Σω per weight, κ per bias; one pass, then kept.</remarks>
    public void DiagonalCurvatureBounds(Span<float> destination)
    {
        MlNetSparse.Core.Guard.Length(destination.Length, ParameterCount, nameof(destination));
        _curvature ??= ComputeCurvature();
        _curvature.CopyTo(destination);
    }

    private float[] ComputeCurvature()
    {
        LinearModelLayout layout = _chunkObjective.Layout;
        var squares = new double[layout.FeatureCount];
        double weight = 0;
        using (var reader = Open())
        {
            while (ReadChunk(reader))
            {
                _chunk.AccumulateWeightedColumnSquares(squares);
                weight += _chunk.WeightSum;
            }
        }
        var curvature = new float[ParameterCount];
        double kappa = _loss.CurvatureBound;
        for (int c = 0; c < layout.OutputCount; c++)
        {
            for (int j = 0; j < layout.FeatureCount; j++)
                curvature[layout.WeightIndex(c, j)] = (float)(kappa * squares[j] / weight);
            curvature[layout.BiasIndex(c)] = (float)kappa;
        }
        return curvature;
    }

    private TrainingRowReader Open()
    {
        Passes++;
        return new TrainingRowReader(_data, _columns, _labelReader, _env);
    }

    private bool ReadChunk(TrainingRowReader reader)
    {
        _chunk.Clear();
        while (_chunk.RowCount < ChunkRows && reader.MoveNext())
            reader.AddTo(_chunk);
        return _chunk.RowCount > 0;
    }
}
