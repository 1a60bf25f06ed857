namespace MlNetSparse.Core.Objectives;

/// <summary>
/// Where each parameter of a linear model (k outputs over n features) sits in θ:
/// θ = [W (k×n, row-major), b (k)]. Biases are ordinary entries of θ and count against the
/// sparsity budget s, as in the paper's IRIS network (12 weights + 3 biases = 15 parameters).
/// </summary>
public readonly record struct LinearModelLayout(int OutputCount, int FeatureCount)
{
    /// <summary>k·(n + 1).</summary>
    public int ParameterCount => OutputCount * (FeatureCount + 1);

    /// <summary>The number of weights k·n; biases start at this index.</summary>
    public int WeightCount => OutputCount * FeatureCount;

    /// <summary>Index in θ of the weight of feature <paramref name="feature"/> for output <paramref name="output"/>.</summary>
    public int WeightIndex(int output, int feature) => output * FeatureCount + feature;

    /// <summary>Index in θ of the bias of output <paramref name="output"/>.</summary>
    public int BiasIndex(int output) => WeightCount + output;

    /// <summary>Which parameter θ[<paramref name="index"/>] is.</summary>
    public ParameterRole Describe(int index)
    {
        if ((uint)index >= (uint)ParameterCount)
            throw new ArgumentOutOfRangeException(nameof(index), $"index must be in [0, {ParameterCount - 1}]; got {index}.");
        return index >= WeightCount
            ? new ParameterRole(index - WeightCount, Feature: null)
            : new ParameterRole(index / FeatureCount, index % FeatureCount);
    }
}

/// <summary>One parameter of a linear model: the weight of a feature for an output, or an output's bias.</summary>
/// <param name="Output">The output (class) it belongs to.</param>
/// <param name="Feature">The feature it multiplies; null for the bias.</param>
public readonly record struct ParameterRole(int Output, int? Feature)
{
    /// <summary>True for a bias (intercept).</summary>
    public bool IsBias => Feature is null;
}
