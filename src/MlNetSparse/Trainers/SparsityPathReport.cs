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
/// <param name="ValidationLoss">The same loss on the validation part: what chooses s.</param>
/// <param name="ValidationAccuracy">Classification: the fraction of validation rows predicted right (weighted); null for regression.</param>
/// <param name="ValidationAuc">Binary: the validation AUC; null otherwise, or when the validation part holds one class.</param>
/// <param name="ValidationRmse">Regression: the validation root mean squared error (weighted); null otherwise.</param>
/// <param name="Verdict">The HT-stability verdict of θₛ on the training part.</param>
/// <param name="NonzeroCount">‖θₛ‖₀.</param>
/// <param name="StepSize">γ = 1/L̂₂ₛ estimated for this s.</param>
public sealed record SparsityPathEntry(int Sparsity, int Iterations, IhtStopReason StopReason, double TrainingLoss, double ValidationLoss,
    double? ValidationAccuracy, double? ValidationAuc, double? ValidationRmse, HtStabilityVerdict Verdict, int NonzeroCount, double StepSize);

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
    }

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
    public override string ToString()
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
