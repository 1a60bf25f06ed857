using System.Globalization;

namespace MlNetSparse.Experiments.Output;

/// <summary>Short, culture-independent number labels for heatmap cells and titles.</summary>
internal static class ValueLabel
{
    /// <summary>"0" for an exact zero; up to 3 decimals from 0.01 to 10⁴; otherwise 3 significant digits in scientific notation.</summary>
    public static string Format(double value)
    {
        if (value == 0)
            return "0";
        if (!double.IsFinite(value))
            return value.ToString(CultureInfo.InvariantCulture);
        string text = Math.Abs(value) is >= 0.01 and < 1e4
            ? value.ToString("0.###", CultureInfo.InvariantCulture)
            : value.ToString("0.00e0", CultureInfo.InvariantCulture);
        // A true minus sign reads better than a hyphen in a figure.
        return text.Replace('-', '−');
    }
}
