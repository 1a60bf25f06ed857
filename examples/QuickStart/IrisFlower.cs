using Microsoft.ML.Data;

namespace MlNetSparse.Examples.QuickStart;

/// <summary>One row of examples/data/iris.csv.</summary>
public sealed class IrisFlower
{
    [LoadColumn(0)] public float SepalLength { get; set; }
    [LoadColumn(1)] public float SepalWidth { get; set; }
    [LoadColumn(2)] public float PetalLength { get; set; }
    [LoadColumn(3)] public float PetalWidth { get; set; }
    [LoadColumn(4)] public string Species { get; set; } = "";
}

/// <summary>What the saved pipeline predicts for a flower.</summary>
public sealed class IrisPrediction
{
    public string PredictedSpecies { get; set; } = "";
    public float[] Score { get; set; } = [];
}
