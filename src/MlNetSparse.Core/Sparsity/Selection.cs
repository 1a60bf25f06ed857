namespace MlNetSparse.Core.Sparsity;

/// <summary>Order statistics in expected linear time.</summary>
internal static class Selection
{
    /// <summary>
    /// Returns the element that would sit at <paramref name="rank"/> (0-based) if
    /// <paramref name="values"/> were sorted ascending; reorders <paramref name="values"/>.
    /// </summary>
    /// <remarks>
    /// Quickselect with a median-of-three pivot (expected O(n)). After 2·log₂n + 8 rounds without
    /// finishing, the remaining range is sorted instead, which bounds the worst case by O(n log n).
    /// The values must not contain NaN.
    /// </remarks>
    public static float Select(Span<float> values, int rank)
    {
        int low = 0, high = values.Length - 1;
        int roundsLeft = 2 * (int)Math.Log2(Math.Max(values.Length, 1)) + 8;
        while (low < high)
        {
            if (roundsLeft-- == 0)
            {
                values[low..(high + 1)].Sort();
                return values[rank];
            }
            float pivot = MedianOfThree(values[low], values[low + (high - low) / 2], values[high]);
            // Hoare partition: afterwards values[low..j] ≤ pivot ≤ values[i..high].
            int i = low, j = high;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (rank <= j) high = j;
            else if (rank >= i) low = i;
            else return values[rank]; // j < rank < i: everything between equals the pivot
        }
        return values[rank];
    }

    private static float MedianOfThree(float a, float b, float c)
        => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
