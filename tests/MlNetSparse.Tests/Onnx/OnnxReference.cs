namespace MlNetSparse.Tests.Core.Onnx;

/// <summary>The operators straight from their definitions, in double, with naive loops: the references for ONNX Runtime's results.</summary>
internal static class OnnxReference
{
    /// <summary>Pooling over NCHW with square windows; padded cells are skipped (max) or counted as zeros when <paramref name="countIncludePad"/>.</summary>
    public static double[] Pool(double[] x, int batch, int channels, int height, int width,
        int kernel, int stride, int padding, bool max, bool countIncludePad = false)
    {
        int outH = (height + 2 * padding - kernel) / stride + 1, outW = (width + 2 * padding - kernel) / stride + 1;
        var y = new double[batch * channels * outH * outW];
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < channels; c++)
                for (int oy = 0; oy < outH; oy++)
                    for (int ox = 0; ox < outW; ox++)
                    {
                        double best = double.NegativeInfinity, sum = 0;
                        int inside = 0;
                        for (int i = 0; i < kernel; i++)
                            for (int j = 0; j < kernel; j++)
                            {
                                int yy = oy * stride - padding + i, xx = ox * stride - padding + j;
                                if (yy < 0 || yy >= height || xx < 0 || xx >= width)
                                    continue;
                                double v = x[((n * channels + c) * height + yy) * width + xx];
                                best = Math.Max(best, v);
                                sum += v;
                                inside++;
                            }
                        y[((n * channels + c) * outH + oy) * outW + ox] =
                            max ? best : sum / (countIncludePad ? kernel * kernel : inside);
                    }
        return y;
    }

    /// <summary>y[n, o] = b[o] + Σᵢ W[o, i]·x[n, i], W stored out × in.</summary>
    public static double[] Dense(double[] x, int batch, int outFeatures, int inFeatures, double[] w, double[] b)
    {
        var y = new double[batch * outFeatures];
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outFeatures; o++)
            {
                double sum = b.Length == 0 ? 0 : b[o];
                for (int i = 0; i < inFeatures; i++)
                    sum += w[o * inFeatures + i] * x[n * inFeatures + i];
                y[n * outFeatures + o] = sum;
            }
        return y;
    }

    /// <summary>Inference batch normalization over NCHW (or N × C when <paramref name="spatial"/> = 1).</summary>
    public static double[] BatchNorm(double[] x, int batch, int channels, int spatial,
        double[] scale, double[] bias, double[] mean, double[] variance, double epsilon)
    {
        var y = new double[x.Length];
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < channels; c++)
                for (int s = 0; s < spatial; s++)
                {
                    int k = (n * channels + c) * spatial + s;
                    y[k] = scale[c] * (x[k] - mean[c]) / Math.Sqrt(variance[c] + epsilon) + bias[c];
                }
        return y;
    }

    /// <summary>Softmax of each row of a rows × columns matrix.</summary>
    public static double[] Softmax(double[] x, int rows, int columns)
    {
        var y = new double[x.Length];
        for (int r = 0; r < rows; r++)
        {
            double max = double.NegativeInfinity, sum = 0;
            for (int c = 0; c < columns; c++)
                max = Math.Max(max, x[r * columns + c]);
            for (int c = 0; c < columns; c++)
                sum += y[r * columns + c] = Math.Exp(x[r * columns + c] - max);
            for (int c = 0; c < columns; c++)
                y[r * columns + c] /= sum;
        }
        return y;
    }

    public static double[] Relu(double[] x) => x.Select(v => Math.Max(v, 0)).ToArray();

    public static double[] Step(double[] x) => x.Select(v => v > 0 ? 1.0 : 0.0).ToArray();
}
