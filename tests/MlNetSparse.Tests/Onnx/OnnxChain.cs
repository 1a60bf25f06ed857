using MlNetSparse.Core.Networks.Layers;
using MlNetSparse.Core.Onnx;
using MlNetSparse.Tests.Core.Networks;
using static MlNetSparse.Tests.Core.Onnx.OnnxTestRun;

namespace MlNetSparse.Tests.Core.Onnx;

/// <summary>
/// A small binarized CNN that uses every emitter once — conv, batch norm, step, max pool, conv, ReLU,
/// average pool, reshape, flatten, dense, softmax — with its reference composed from the per-op references.
/// </summary>
internal sealed class OnnxChain
{
    public const int InputSize = 1 * 8 * 8, Classes = 5;
    private const float Epsilon = 1e-3f;

    // x: 1×8×8 → conv1 4×8×8 → bn → σ → maxpool 4×4×4 → conv2 3×2×2 → relu → avgpool 3×3×3 → 27 → dense 5 → softmax.
    private static readonly Conv2DGeometry Conv1 = new(1, 8, 8, 4, 3, 3, stride: 1, padding: 1);
    private static readonly Conv2DGeometry Conv2 = new(4, 4, 4, 3, 3, 3, stride: 2, padding: 1);
    private const int Hidden = 3 * 3 * 3;

    private float[] _w1 = [], _b1 = [], _scale = [], _shift = [], _mean = [], _variance = [], _w2 = [], _b2 = [], _w3 = [], _b3 = [];

    public static OnnxChain Random(Random random) => new()
    {
        _w1 = RandomFloats(random, Conv1.WeightCount),
        _b1 = RandomFloats(random, 4),
        _scale = RandomFloats(random, 4),
        _shift = RandomFloats(random, 4),
        _mean = RandomFloats(random, 4),
        _variance = RandomFloats(random, 4).Select(v => v + 1.5f).ToArray(),
        _w2 = RandomFloats(random, Conv2.WeightCount),
        _b2 = RandomFloats(random, 3),
        _w3 = RandomFloats(random, Classes * Hidden),
        _b3 = RandomFloats(random, Classes),
    };

    public OnnxGraphBuilder Build(int opsetVersion)
    {
        var graph = new OnnxGraphBuilder("chain", opsetVersion: opsetVersion);
        graph.AddInput("x", OnnxElementType.Float, "batch", 1, 8, 8);
        string h = graph.Conv("x", Conv1, _w1, _b1);
        h = graph.BatchNormalization(h, _scale, _shift, _mean, _variance, Epsilon);
        h = graph.Step(h);
        h = graph.MaxPool(h, kernelSize: 2, stride: 2);
        h = graph.Conv(h, Conv2, _w2, _b2);
        h = graph.Relu(h);
        h = graph.AveragePool(h, kernelSize: 2, stride: 1, padding: 1);
        h = graph.Reshape(h, [0, 3, 9]);
        h = graph.Flatten(h);
        h = graph.Gemm(h, Classes, Hidden, _w3, _b3);
        graph.Softmax(h, name: "y");
        graph.AddOutput("y", OnnxElementType.Float, "batch", Classes);
        return graph;
    }

    public double[] Reference(float[] x, int batch)
    {
        double[] h = NaiveConvolution.Forward(Conv1, batch, ToDouble(x), ToDouble(_w1), ToDouble(_b1));
        h = OnnxReference.BatchNorm(h, batch, 4, 64, ToDouble(_scale), ToDouble(_shift), ToDouble(_mean), ToDouble(_variance), Epsilon);
        // σ jumps at 0: a pre-activation within rounding of 0 could flip between float and double.
        Assert.True(h.Min(Math.Abs) > 1e-4, "The seed puts a pre-activation too close to 0 to compare σ; pick another seed.");
        h = OnnxReference.Step(h);
        h = OnnxReference.Pool(h, batch, 4, 8, 8, kernel: 2, stride: 2, padding: 0, max: true);
        h = NaiveConvolution.Forward(Conv2, batch, h, ToDouble(_w2), ToDouble(_b2));
        h = OnnxReference.Relu(h);
        h = OnnxReference.Pool(h, batch, 3, 2, 2, kernel: 2, stride: 1, padding: 1, max: false);
        h = OnnxReference.Dense(h, batch, Classes, Hidden, ToDouble(_w3), ToDouble(_b3));
        return OnnxReference.Softmax(h, batch, Classes);
    }
}
