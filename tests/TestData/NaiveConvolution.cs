using MlNetSparse.Core.Networks.Layers;

namespace MlNetSparse.Tests.Core.Networks;

/// <summary>The convolution straight from its definition, in double: the reference for the layer.</summary>
internal static class NaiveConvolution
{
    public static double[] Forward(Conv2DGeometry g, int batch, double[] x, double[] w, double[] b)
    {
        var y = new double[batch * g.OutputSize];
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < g.OutChannels; o++)
                for (int oy = 0; oy < g.OutputHeight; oy++)
                    for (int ox = 0; ox < g.OutputWidth; ox++)
                    {
                        double sum = b[o];
                        for (int c = 0; c < g.InChannels; c++)
                            for (int i = 0; i < g.KernelHeight; i++)
                                for (int j = 0; j < g.KernelWidth; j++)
                                {
                                    int yy = oy * g.Stride - g.Padding + i, xx = ox * g.Stride - g.Padding + j;
                                    if (yy < 0 || yy >= g.InputHeight || xx < 0 || xx >= g.InputWidth)
                                        continue;
                                    sum += w[((o * g.InChannels + c) * g.KernelHeight + i) * g.KernelWidth + j]
                                        * x[((n * g.InChannels + c) * g.InputHeight + yy) * g.InputWidth + xx];
                                }
                        y[((n * g.OutChannels + o) * g.OutputHeight + oy) * g.OutputWidth + ox] = sum;
                    }
        return y;
    }

    /// <summary>L = ½‖conv(x) − t‖², a non-linear loss so the check covers ∂L/∂y ≠ const.</summary>
    public static double Loss(Conv2DGeometry g, int batch, double[] x, double[] w, double[] b, double[] target)
    {
        double[] y = Forward(g, batch, x, w, b);
        double loss = 0;
        for (int i = 0; i < y.Length; i++)
            loss += 0.5 * (y[i] - target[i]) * (y[i] - target[i]);
        return loss;
    }
}
