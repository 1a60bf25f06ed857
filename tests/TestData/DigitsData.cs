using System.Globalization;

namespace MlNetSparse.Tests.TestData;

/// <summary>scikit-learn's 8×8 digits (examples/data/digits.csv): pixels 0–16 scaled to [0, 1].</summary>
public static partial class DigitsData
{
    public const int Pixels = 64;

    /// <summary>The first <paramref name="count"/> images (all when null) as flat pixels and class indices.</summary>
    public static (float[] Inputs, float[] Labels, int Count) Load(int? count = null)
    {
        string[] lines = File.ReadAllLines(BundledData.PathOf("digits.csv")).Skip(1).Take(count ?? int.MaxValue).ToArray();
        var inputs = new float[lines.Length * Pixels];
        var labels = new float[lines.Length];
        for (int n = 0; n < lines.Length; n++)
        {
            string[] fields = lines[n].Split(',');
            for (int i = 0; i < Pixels; i++)
                inputs[n * Pixels + i] = float.Parse(fields[i], CultureInfo.InvariantCulture) / 16f;
            labels[n] = float.Parse(fields[Pixels], CultureInfo.InvariantCulture);
        }
        return (inputs, labels, lines.Length);
    }
}
