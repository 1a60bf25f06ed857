using Microsoft.ML.OnnxRuntime;

namespace MlNetSparse.Tests.Core.Onnx;

/// <summary>Runs model bytes in ONNX Runtime on one float input and reads one float output.</summary>
internal static class OnnxTestRun
{
    public static (float[] Values, long[] Shape) Run(byte[] model, float[] input, long[] shape,
        string inputName = "x", string outputName = "y")
    {
        // One thread: the tests share two cores with other builds, and it keeps the results run-to-run identical.
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs =
            session.Run(runOptions, [inputName], [value], [outputName]);
        OrtValue output = outputs[0];
        return (output.GetTensorDataAsSpan<float>().ToArray(), output.GetTensorTypeAndShape().Shape);
    }

    public static float[] RandomFloats(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    public static double[] ToDouble(float[] values) => values.Select(v => (double)v).ToArray();

    /// <summary>Float results against a double reference: an accumulation's rounding, nothing more.</summary>
    public static void AssertClose(double[] expected, float[] actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])),
                $"index {i}: expected {expected[i]}, got {actual[i]}");
    }
}
