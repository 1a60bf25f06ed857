using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Data;

/// <summary>The rows of an IDataView that training uses, as the core's matrices and arrays.</summary>
internal sealed record TrainingSet(
    IFeatureMatrix Features,
    float[] Labels,
    float[]? ExampleWeights,
    int RowsRead,
    SkippedRows Skipped)
{
    /// <summary>The labels of the rows that carry weight: a row of weight 0 does not count towards a class.</summary>
    public IEnumerable<float> WeightedLabels
        => ExampleWeights is null ? Labels : Labels.Where((_, i) => ExampleWeights[i] > 0);

    /// <summary>The features' means and deviations, from the pass that read the rows; null for a subset (a validation split).</summary>
    public FeatureMoments? Moments { get; init; }

    /// <summary>Rows read, used and skipped.</summary>
    public TrainingRowCounts Counts => new(RowsRead, Labels.Length, Skipped);
}

/// <summary>How many rows a pass over the training data read, used and skipped.</summary>
/// <param name="RowsRead">Rows in the data.</param>
/// <param name="RowsUsed">Rows trained on.</param>
/// <param name="Skipped">Rows left out, by reason.</param>
internal readonly record struct TrainingRowCounts(int RowsRead, int RowsUsed, SkippedRows Skipped);

/// <summary>Rows left out of training, by the first reason found (ML.NET's convention: skip and count).</summary>
/// <param name="Features">Rows with a NaN or infinite feature value.</param>
/// <param name="Label">Rows with a missing label (NaN, or key value 0).</param>
/// <param name="Weight">Rows whose example weight is NaN, infinite or negative.</param>
public readonly record struct SkippedRows(int Features, int Label, int Weight)
{
    /// <summary>All rows skipped.</summary>
    public int Total => Features + Label + Weight;

    /// <summary>"3 (features: 2, label: 1, weight: 0)".</summary>
    public override string ToString() => $"{Total} (features: {Features}, label: {Label}, weight: {Weight})";
}
