using System.Globalization;
using System.Text;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Training;

namespace MlNetSparse.Trainers;

/// <summary>One s of a sparsity path as trained on the training part and scored on the validation part.</summary>
/// <param name="Sparsity">s.</param>
/// <param name="Iterations">IHT steps at this s.</param>
/// <param name="StopReason">Why IHT stopped at this s.</param>
/// <param name="TrainingLoss">f(θₛ) on the training part.</param>
/// <param name="ValidationLoss">The same loss on the validation part: what chooses s (cross-validated: the mean over the folds' held-out rows; NaN when the extended BIC chose).</param>
/// <param name="ValidationAccuracy">Classification: the fraction of validation rows predicted right (weighted; cross-validated: pooled over the folds); null for regression.</param>
/// <param name="ValidationAuc">Binary: the validation AUC; null otherwise, or when the validation part holds one class.</param>
/// <param name="ValidationRmse">Regression: the validation root mean squared error (weighted; cross-validated: pooled over the folds); null otherwise.</param>
/// <param name="Verdict">The HT-stability verdict of θₛ on the training part.</param>
/// <param name="NonzeroCount">‖θₛ‖₀.</param>
/// <param name="StepSize">γ = 1/L̂₂ₛ estimated for this s.</param>
public sealed record SparsityPathEntry(int Sparsity, int Iterations, IhtStopReason StopReason, double TrainingLoss, double ValidationLoss,
    double? ValidationAccuracy, double? ValidationAuc, double? ValidationRmse, HtStabilityVerdict Verdict, int NonzeroCount, double StepSize);

/// <summary>One s of a cross-validated path: its held-out loss and metric pooled over the folds, each with its standard error.</summary>
/// <param name="Sparsity">s.</param>
/// <param name="MeanLoss">The held-out loss, the folds' losses weighted by their held-out rows: what the rules read.</param>
/// <param name="LossStandardError">The standard error of <paramref name="MeanLoss"/> over the folds (cv.glmnet's cvsd).</param>
/// <param name="Accuracy">Classification: right weight over all held-out weight; null for regression.</param>
/// <param name="AccuracyStandardError">Classification: the standard error of the per-fold accuracies.</param>
/// <param name="RSquared">Regression: the pooled R², 1 − Σ held-out squared errors / Σ (y − ȳ of the fold's training rows)²; null for classification.</param>
/// <param name="RSquaredStandardError">Regression: the standard error of the per-fold R².</param>
/// <param name="RootMeanSquaredError">Regression: √(Σ held-out squared errors / Σ held-out weight).</param>
public sealed record SparsityCrossValidationEntry(int Sparsity, double MeanLoss, double LossStandardError, double? Accuracy, double? AccuracyStandardError,
    double? RSquared, double? RSquaredStandardError, double? RootMeanSquaredError);

/// <summary>
/// The sparsity path behind a model trained with <see cref="SparseIhtOptionsBase.SparsityPath"/>:
/// every s trained, its losses and metrics, and the s chosen. The model itself was then refitted
/// on all rows at <see cref="ChosenSparsity"/>, starting from the path's solution at that s.
/// </summary>
public sealed class SparsityPathReport
{
    internal SparsityPathReport(SparsityPathResult path, IReadOnlyList<SparsityPathEntry> steps,
        int trainingRows, int validationRows, double validationFraction, int validationSeed)
    {
        Steps = steps;
        RequestedSparsities = path.RequestedSparsities;
        ChosenSparsity = path.ChosenSparsity;
        BestSparsity = path.Steps[path.BestIndex].Sparsity;
        SelectionTolerance = path.SelectionTolerance;
        StoppedEarly = path.StoppedEarly;
        TrainingRows = trainingRows;
        ValidationRows = validationRows;
        ValidationFraction = validationFraction;
        ValidationSeed = validationSeed;
        NumberOfFolds = 1;
        CrossValidationRepeats = 1;
    }

    private SparsityPathReport(IReadOnlyList<SparsityPathEntry> steps, IReadOnlyList<int> requested, int chosen, int best, int? oneStandardError,
        SparsitySelectionRule rule, int folds, int rows, int seed, IReadOnlyList<SparsityCrossValidationEntry>? curve, IReadOnlyList<double>? bic, bool biasOnly,
        int repeats)
    {
        Steps = steps;
        RequestedSparsities = requested;
        ChosenSparsity = chosen;
        BestSparsity = best;
        OneStandardErrorSparsity = oneStandardError;
        SelectionRule = rule;
        NumberOfFolds = folds;
        TrainingRows = rows;
        ValidationRows = folds > 0 ? rows : 0;
        ValidationFraction = folds > 0 ? 1.0 / folds : 0;
        ValidationSeed = seed;
        CrossValidation = curve;
        ExtendedBic = bic;
        BiasOnly = biasOnly;
        CrossValidationRepeats = folds > 0 ? Math.Max(1, repeats) : 0;
    }

    /// <summary>The report of a cross-validated path (or one chosen by the extended BIC, <paramref name="folds"/> = 0).</summary>
    internal static SparsityPathReport CrossValidated(SparsityPathResult path, IReadOnlyList<SparsityPathEntry> steps, int chosen,
        SparsityPathCrossValidationResult? cv, IReadOnlyList<SparsityCrossValidationEntry>? curve, IReadOnlyList<double>? bic,
        SparsitySelectionRule rule, int folds, int rows, int seed, bool biasOnly)
    {
        int best = cv is not null ? cv.Sparsities[cv.MinimumIndex] : path.Steps[SparsityPathSelection.Best(bic!)].Sparsity;
        int? oneStandardError = cv is not null ? cv.Sparsities[cv.OneStandardErrorIndex] : null;
        return new SparsityPathReport(steps, path.RequestedSparsities, chosen, best, oneStandardError, rule, folds, rows, seed, curve, bic, biasOnly,
            cv?.Repeats ?? 0);
    }

    /// <summary>
    /// The folds that chose s: k ≥ 2 for k-fold cross-validation, 1 for one held-out split of
    /// <see cref="ValidationFraction"/>, 0 for the extended BIC (no rows held out).
    /// </summary>
    public int NumberOfFolds { get; }

    /// <summary>
    /// How many k-fold splits were averaged into the curve (<see cref="SparseIhtOptionsBase.CrossValidationRepeats"/>,
    /// resolved): 1 for plain k-fold or one held-out split, 0 for the extended BIC.
    /// </summary>
    public int CrossValidationRepeats { get; }

    /// <summary>The rule that read s off the curve (<see cref="SparsitySelectionRule.Minimum"/> for a held-out split, with <see cref="SelectionTolerance"/>).</summary>
    public SparsitySelectionRule SelectionRule { get; }

    /// <summary>The cross-validation curve, one entry per s (mean held-out loss and metric with their standard errors); null without k-fold cross-validation.</summary>
    public IReadOnlyList<SparsityCrossValidationEntry>? CrossValidation { get; }

    /// <summary>The extended BIC of each s of the path on all rows, when it chose s; null otherwise.</summary>
    public IReadOnlyList<double>? ExtendedBic { get; }

    /// <summary>The one-standard-error rule's s (cv.glmnet's λ.1se), whichever rule chose; null without k-fold cross-validation.</summary>
    public int? OneStandardErrorSparsity { get; }

    /// <summary>True when the chosen model has no feature weight (biases only): it predicts the same for every row, and the trainer warned.</summary>
    public bool BiasOnly { get; }

    /// <summary>Every s trained, in increasing order.</summary>
    public IReadOnlyList<SparsityPathEntry> Steps { get; }

    /// <summary>The candidate s values (given, or the automatic grid); the path may have stopped before the last.</summary>
    public IReadOnlyList<int> RequestedSparsities { get; }

    /// <summary>The s of the returned model: the smallest s whose validation loss is within <see cref="SelectionTolerance"/> of the best.</summary>
    public int ChosenSparsity { get; }

    /// <summary>The s of the smallest validation loss (equal to <see cref="ChosenSparsity"/> at tolerance 0).</summary>
    public int BestSparsity { get; }

    /// <summary>The relative tolerance of the parsimony rule.</summary>
    public double SelectionTolerance { get; }

    /// <summary>True when the path ended before the last candidate because the validation loss stopped improving.</summary>
    public bool StoppedEarly { get; }

    /// <summary>Rows the path trained on.</summary>
    public int TrainingRows { get; }

    /// <summary>Rows held out to choose s.</summary>
    public int ValidationRows { get; }

    /// <summary>The fraction of rows asked to be held out.</summary>
    public double ValidationFraction { get; }

    /// <summary>The seed of the split (set <see cref="SparseIhtOptionsBase.ValidationSeed"/> to reproduce it).</summary>
    public int ValidationSeed { get; }

    /// <summary>A table with one line per s; the chosen s is marked with *.</summary>
    public override string ToString() => CrossValidation is not null || ExtendedBic is not null ? CrossValidatedTable() : HeldOutTable();

    private string CrossValidatedTable()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        string repeated = CrossValidationRepeats > 1 ? string.Create(c, $" repeated {CrossValidationRepeats} times") : "";
        string how = NumberOfFolds > 0 ? string.Create(c, $"{NumberOfFolds}-fold cross-validation{repeated} (fold seed {ValidationSeed})") : "the extended BIC on all rows";
        string oneStandardError = OneStandardErrorSparsity is int se ? string.Create(c, $", one-standard-error s = {se}") : "";
        text.AppendLine(c, $"sparsity path: {Steps.Count} s trained on all {TrainingRows} rows; s chosen by {how}, rule {SelectionRule}: s = {ChosenSparsity} (minimum at s = {BestSparsity}{oneStandardError}){(BiasOnly ? "; WARNING: biases only, no feature weight" : "")}");
        bool accuracy = CrossValidation?.Any(e => e.Accuracy is not null) == true, rSquared = CrossValidation?.Any(e => e.RSquared is not null) == true;
        text.Append(c, $"  {"s",6} {"iters",6} {"train loss",11}");
        if (CrossValidation is not null) text.Append(c, $" {"CV loss",11} {"± se",9}");
        if (accuracy) text.Append(c, $" {"CV accuracy",11} {"± se",7}");
        if (rSquared) text.Append(c, $" {"CV R²",8} {"± se",7}");
        if (ExtendedBic is not null) text.Append(c, $" {"EBIC",11}");
        text.Append(c, $" {"nonzeros",8}  certificate");
        for (int i = 0; i < Steps.Count; i++)
        {
            SparsityPathEntry step = Steps[i];
            text.AppendLine();
            text.Append(c, $"{(step.Sparsity == ChosenSparsity ? "*" : " ")} {step.Sparsity,6} {step.Iterations,6} {step.TrainingLoss,11:G5}");
            if (CrossValidation is { } cv)
            {
                text.Append(c, $" {cv[i].MeanLoss,11:G5} {cv[i].LossStandardError,9:G3}");
                if (accuracy) text.Append(c, $" {cv[i].Accuracy,11:F4} {cv[i].AccuracyStandardError,7:F4}");
                if (rSquared) text.Append(c, $" {cv[i].RSquared,8:F4} {cv[i].RSquaredStandardError,7:F3}");
            }
            if (ExtendedBic is { } bic) text.Append(c, $" {bic[i],11:G6}");
            text.Append(c, $" {step.NonzeroCount,8}  {step.Verdict}");
        }
        return text.ToString();
    }

    private string HeldOutTable()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"sparsity path: {Steps.Count} of {RequestedSparsities.Count} s trained on {TrainingRows} rows, validated on {ValidationRows} " +
            $"(fraction {ValidationFraction:G3}, seed {ValidationSeed}){(StoppedEarly ? ", stopped early" : "")}; " +
            $"chose s = {ChosenSparsity} (best validation loss at s = {BestSparsity}, tolerance {SelectionTolerance:G3})");
        bool accuracy = Steps.Any(s => s.ValidationAccuracy is not null), auc = Steps.Any(s => s.ValidationAuc is not null);
        bool rmse = Steps.Any(s => s.ValidationRmse is not null);
        text.Append(c, $"  {"s",6} {"iters",6} {"train loss",11} {"valid loss",11}");
        if (accuracy) text.Append(c, $" {"accuracy",8}");
        if (auc) text.Append(c, $" {"AUC",6}");
        if (rmse) text.Append(c, $" {"RMSE",10}");
        text.Append(c, $" {"nonzeros",8}  certificate");
        foreach (SparsityPathEntry step in Steps)
        {
            text.AppendLine();
            text.Append(c, $"{(step.Sparsity == ChosenSparsity ? "*" : " ")} {step.Sparsity,6} {step.Iterations,6} {step.TrainingLoss,11:G5} {step.ValidationLoss,11:G5}");
            if (accuracy) text.Append(c, $" {step.ValidationAccuracy,8:F4}");
            if (auc) text.Append(c, $" {step.ValidationAuc,6:F4}");
            if (rmse) text.Append(c, $" {step.ValidationRmse,10:G5}");
            text.Append(c, $" {step.NonzeroCount,8}  {step.Verdict}");
        }
        return text.ToString();
    }
}
