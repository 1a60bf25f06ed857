namespace MlNetSparse.Trainers;

/// <summary>One nonzero parameter of a trained sparse model.</summary>
/// <param name="Index">Its index in θ = [W (outputs × features, row-major), b (outputs)].</param>
/// <param name="Output">The output it belongs to (the class for multiclass; 0 otherwise).</param>
/// <param name="OutputName">The class name for multiclass; null otherwise.</param>
/// <param name="FeatureIndex">The feature slot it multiplies; null for a bias.</param>
/// <param name="FeatureName">The slot name (e.g. "PetalLength" after Concatenate); "Bias" for a bias.</param>
/// <param name="Value">The parameter's value.</param>
public sealed record SparseParameter(int Index, int Output, string? OutputName, int? FeatureIndex, string FeatureName, float Value)
{
    /// <summary>True for a bias (intercept).</summary>
    public bool IsBias => FeatureIndex is null;
}
