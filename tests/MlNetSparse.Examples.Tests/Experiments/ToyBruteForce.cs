namespace MlNetSparse.Tests.Experiments;

/// <summary>The toy's coarse gradient written straight from its definition, one sample and one patch at a time, in double.</summary>
internal static class ToyBruteForce
{
    /// <summary>Σₛ (y(Zₛ, w) − y(Zₛ, w*))·(1/k) Σᵢ 1{Zₛᵢ·w &gt; 0} Zₛᵢ, y(Z, v) = (1/k) Σᵢ 1{Zᵢ·v &gt; 0}; z[s][i] is patch i of sample s.</summary>
    public static double[] CoarseGradientSum(double[][][] z, float[] w, float[] teacher)
    {
        int d = w.Length;
        var sum = new double[d];
        foreach (double[][] sample in z)
        {
            int k = sample.Length;
            double y = sample.Average(patch => Dot(patch, w) > 0 ? 1.0 : 0.0), yTeacher = sample.Average(patch => Dot(patch, teacher) > 0 ? 1.0 : 0.0);
            foreach (double[] patch in sample)
                if (Dot(patch, w) > 0)
                    for (int j = 0; j < d; j++)
                        sum[j] += (y - yTeacher) / k * patch[j];
        }
        return sum;
    }

    /// <summary>Reads <paramref name="samples"/> samples of k patches of d entries from a feature-major block: [j·n·k + s·k + i].</summary>
    public static double[][][] FromFeatureMajor(ReadOnlySpan<float> block, int samples, int k, int d)
    {
        var z = new double[samples][][];
        for (int s = 0; s < samples; s++)
        {
            z[s] = new double[k][];
            for (int i = 0; i < k; i++)
            {
                z[s][i] = new double[d];
                for (int j = 0; j < d; j++)
                    z[s][i][j] = block[j * samples * k + s * k + i];
            }
        }
        return z;
    }

    public static double Dot(double[] a, float[] b)
    {
        double sum = 0;
        for (int j = 0; j < a.Length; j++)
            sum += a[j] * b[j];
        return sum;
    }
}
