using System.Globalization;
using static System.FormattableString;

namespace MlNetSparse.Data;

/// <summary>
/// What the training rows themselves say about the features' scales, judged from the data the trainer
/// reads (not from the column's IsNormalized annotation, which ML.NET also sets for a normaliser that
/// only scales): constant features, uncentred features and features on different scales, each a
/// warning that names the features and the remedy.
/// </summary>
/// <remarks>
/// Why these matter to IHT: H_s keeps the s largest parameters, so a weight's size must mean the
/// same thing for every feature (equal scales). The bias counts against s like any weight, and an
/// uncentred feature moves part of the prediction into the bias and couples the bias with its weight,
/// which raises L̂₂ₛ, shortens γ and slows every step. Both tests are invariant to rescaling a feature.
/// </remarks>
internal static class FeatureScaleCheck
{
    /// <summary>Uncentred: |mean| above this many standard deviations.</summary>
    public const double UncentredMeanInDeviations = 1;

    /// <summary>Different scales: the largest standard deviation above this many times the smallest.</summary>
    public const double ScaleRatioLimit = 10;

    private const int NamesShown = 3;

    private const string Remedy = "NormalizeMeanVariance(fixZero: false) before the trainer";

    /// <summary>The warnings for these moments; empty when the features look standardized.</summary>
    public static IReadOnlyList<string> Warnings(FeatureMoments moments, IReadOnlyList<string> featureNames, string featureColumn)
    {
        var warnings = new List<string>();
        int n = moments.FeatureCount;
        int[] constant = [.. Enumerable.Range(0, n).Where(moments.IsConstant)];
        int[] varying = [.. Enumerable.Range(0, n).Where(j => !moments.IsConstant(j))];
        if (varying.Length == 0)
        {
            warnings.Add(Invariant($"Every feature in '{featureColumn}' is constant over the {moments.Rows} training rows: the model can only learn ") +
                "its bias, so it predicts the same for every row. Check the feature columns.");
            return warnings;
        }
        if (constant.Length > 0)
            warnings.Add(Invariant($"{Count(constant.Length, n)} in '{featureColumn}' {(constant.Length == 1 ? "is" : "are")} constant over the ") +
                Invariant($"{moments.Rows} training rows ({Names(constant, featureNames, j => $"every row {Number(moments.Mean(j))}")}): ") +
                $"{(constant.Length == 1 ? "it carries" : "they carry")} nothing the bias does not.");

        int[] uncentred = [.. varying.Where(j => Math.Abs(moments.Mean(j)) > UncentredMeanInDeviations * moments.StandardDeviation(j))
            .OrderByDescending(j => Math.Abs(moments.Mean(j)) / moments.StandardDeviation(j))];
        if (uncentred.Length > 0)
            warnings.Add(Invariant($"{Count(uncentred.Length, n)} in '{featureColumn}' {(uncentred.Length == 1 ? "is" : "are")} not centred: ") +
                Invariant($"|mean| > standard deviation over the training rows ({Names(uncentred, featureNames, MeanAndDeviation)}). ") +
                "The bias counts against s and must then carry the features' means, and IHT's step shrinks: centre the features with " +
                $"{Remedy} (ML.NET's default fixZero: true scales without centring).");

        int smallest = varying.MinBy(moments.StandardDeviation), largest = varying.MaxBy(moments.StandardDeviation);
        double ratio = moments.StandardDeviation(largest) / moments.StandardDeviation(smallest);
        if (ratio > ScaleRatioLimit)
            warnings.Add(Invariant($"The features in '{featureColumn}' are on different scales: standard deviations from ") +
                Invariant($"{Number(moments.StandardDeviation(smallest))} ('{featureNames[smallest]}') to {Number(moments.StandardDeviation(largest))} ('{featureNames[largest]}'), ") +
                Invariant($"{Number(ratio)} times. Hard thresholding keeps the largest weights, and a weight's size depends on its feature's scale, ") +
                $"so the scales bias which features are kept: standardize them with {Remedy}.");
        return warnings;

        string MeanAndDeviation(int j) => $"mean {Number(moments.Mean(j))}, sd {Number(moments.StandardDeviation(j))}";
    }

    // "3 of 30 features" / "1 of 30 features".
    private static string Count(int count, int total) => Invariant($"{count} of {total} feature{(total == 1 ? "" : "s")}");

    // "'A': mean 4.1, sd 1; 'B': …, and 5 more".
    private static string Names(int[] features, IReadOnlyList<string> names, Func<int, string> detail)
    {
        string shown = string.Join("; ", features.Take(NamesShown).Select(j => $"'{names[j]}': {detail(j)}"));
        return features.Length > NamesShown ? Invariant($"{shown}; and {features.Length - NamesShown} more") : shown;
    }

    // Three significant digits, without an exponent for large values: 0.0107, 4.02, 1,053, 97,806.
    private static string Number(double value)
        => Math.Abs(value) >= 1000 ? Math.Round(value).ToString("N0", CultureInfo.InvariantCulture) : value.ToString("G3", CultureInfo.InvariantCulture);

}
