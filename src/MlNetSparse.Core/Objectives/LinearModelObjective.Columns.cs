using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Core.Objectives;

public sealed partial class LinearModelObjective
{
    /// <summary>Whether <see cref="RestrictedToColumns"/> can build f_W: the features are CSR rows.</summary>
    internal bool SupportsColumnRestriction => _features is SparseFeatureMatrix;

    // f_W judges what a restricted pass costs against a gradient pass over all of X, as f does, so that a working-set
    // run polishes exactly where full IHT would (docs/algorithms.md#working-set); null for f itself.
    private readonly long? _fullStoredCount;

    /// <summary>Stored entries of X, the unit in which a working-set run counts its passes.</summary>
    internal long StoredCount => _features.StoredCount;

    /// <summary>The entries a gradient pass is costed at (<see cref="RestrictedPassCost"/>): X's, also for f_W.</summary>
    private long CostStoredCount => _fullStoredCount ?? _features.StoredCount;

    /// <summary>
    /// f_W(θ_W) = f(θ) for θ zero outside the features <paramref name="columns"/> (ascending): the same rows, labels,
    /// weights and loss over X_W (<see cref="ColumnSubset"/>), θ_W = [W restricted to those columns, b] in the layout of
    /// k outputs over |W| features (docs/algorithms.md#working-set).
    /// </summary>
    /// <exception cref="InvalidOperationException">The features are not CSR rows (<see cref="SupportsColumnRestriction"/>).</exception>
    internal LinearModelObjective RestrictedToColumns(ReadOnlySpan<int> columns)
    {
        if (_features is not SparseFeatureMatrix sparse)
            throw new InvalidOperationException("A working set needs CSR features (SparseFeatureMatrix).");
        return new LinearModelObjective(ColumnSubset.Of(sparse, columns), _labels, _loss, _exampleWeights, _weightSum, CostStoredCount)
        {
            MaxDegreeOfParallelism = _maxDegreeOfParallelism,
        };
    }

    // The labels and weights were checked when f was built; the restriction shares them.
    private LinearModelObjective(IFeatureMatrix features, float[] labels, IMarginLoss loss, float[]? exampleWeights, double weightSum,
        long fullStoredCount)
    {
        _fullStoredCount = fullStoredCount;
        _features = features;
        _labels = labels;
        _exampleWeights = exampleWeights;
        _weightSum = weightSum;
        _loss = loss;
        Layout = new LinearModelLayout(loss.OutputCount, features.ColumnCount);
    }
}
