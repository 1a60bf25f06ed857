namespace MlNetSparse.Core.Networks;

/// <summary>
/// One trainable tensor of a layer (a weight matrix or filter bank, a bias, a scale), updated in
/// place by training.
/// </summary>
public sealed class ParameterTensor
{
    internal ParameterTensor(string name, int[] dimensions, bool isWeight)
    {
        Name = name;
        Dimensions = dimensions;
        IsWeight = isWeight;
        int count = 1;
        foreach (int d in dimensions)
            count = checked(count * d);
        Values = new float[count];
    }

    /// <summary>"conv1.weight", "dense3.bias", …: unique within a network.</summary>
    public string Name { get; }

    /// <summary>The tensor's shape, e.g. (outChannels, inChannels, kh, kw) for a filter bank.</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>
    /// True for the weights of convolution and dense layers: the tensors that sparsification
    /// (RVSCGD) thresholds. Biases and normalisation parameters stay dense, as in the paper.
    /// </summary>
    public bool IsWeight { get; }

    /// <summary>The values, row-major.</summary>
    public float[] Values { get; }

    /// <summary>Entries that are not zero.</summary>
    public int CountNonzeros()
    {
        int count = 0;
        foreach (float v in Values)
            if (v != 0f)
                count++;
        return count;
    }
}
