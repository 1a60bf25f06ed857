using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>Reads the parameters of ML.NET model types the way a consumer would, through their public API.</summary>
public static class ModelInspection
{
    public static T Find<T>(ITransformer model) where T : class
        => model as T ?? ((IEnumerable<ITransformer>)model).OfType<T>().Single();

    /// <summary>Weights then biases of every class, in θ order is not implied: only the multiset of values matters here.</summary>
    public static float[] Parameters(MaximumEntropyModelParameters model)
    {
        VBuffer<float>[] weights = [];
        model.GetWeights(ref weights, out _);
        return [.. weights.SelectMany(w => w.DenseValues()), .. model.GetBiases()];
    }

    public static float[] Parameters(LinearModelParameters model) => [.. model.Weights, model.Bias];

    public static float[] Parameters(CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator> model)
        => Parameters(model.SubModel);

    public static int Nonzeros(float[] parameters) => parameters.Count(p => p != 0f);
}
