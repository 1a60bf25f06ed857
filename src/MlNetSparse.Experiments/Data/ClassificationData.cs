namespace MlNetSparse.Experiments.Data;

/// <summary>A labelled dataset in memory: m rows of n numeric features and a class index per row.</summary>
public sealed class ClassificationData
{
    /// <summary>Wraps the arrays without copying.</summary>
    /// <param name="features">Row-major m×n features.</param>
    /// <param name="labels">Class indices 0 … k−1, one per row.</param>
    /// <param name="featureNames">n feature names.</param>
    /// <param name="classNames">k class names, in index order.</param>
    public ClassificationData(float[] features, float[] labels, IReadOnlyList<string> featureNames, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(classNames);
        if (featureNames.Count == 0 || features.Length != labels.Length * featureNames.Count)
            throw new ArgumentException($"features must hold {labels.Length} rows × {featureNames.Count} features; got {features.Length} values.", nameof(features));
        if (classNames.Count < 2)
            throw new ArgumentException($"A classification dataset needs at least 2 classes; got {classNames.Count}.", nameof(classNames));
        foreach (float label in labels)
            if (label < 0 || label >= classNames.Count || label != MathF.Floor(label))
                throw new ArgumentException($"labels must be class indices in [0, {classNames.Count - 1}]; got {label}.", nameof(labels));
        Features = features;
        Labels = labels;
        FeatureNames = featureNames;
        ClassNames = classNames;
    }

    /// <summary>Row-major m×n features.</summary>
    public float[] Features { get; }

    /// <summary>Class index of each row.</summary>
    public float[] Labels { get; }

    /// <summary>Feature (column) names.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Class names, in index order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>m.</summary>
    public int RowCount => Labels.Length;

    /// <summary>n.</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>k.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>k·(n + 1), the parameters of the one-layer network (weights and biases).</summary>
    public int ParameterCount => ClassCount * (FeatureCount + 1);
}
