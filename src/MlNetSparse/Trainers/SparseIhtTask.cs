namespace MlNetSparse.Trainers;

/// <summary>The prediction task of a sparse IHT trainer.</summary>
public enum SparseIhtTask
{
    /// <summary>Softmax over k classes (a one-layer network): MaximumEntropyModelParameters.</summary>
    MulticlassClassification = 0,

    /// <summary>Logistic regression: a calibrated LinearBinaryModelParameters.</summary>
    BinaryClassification = 1,

    /// <summary>Least squares: LinearRegressionModelParameters.</summary>
    Regression = 2,
}
