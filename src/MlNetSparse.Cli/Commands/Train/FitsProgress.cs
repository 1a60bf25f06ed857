using System.Globalization;
using MlNetSparse.Networks;
using MlNetSparse.Trainers;

namespace MlNetSparse.Cli.Commands;

/// <summary>
/// One bar over all the Fits a `train` run makes: one for a test split, k + 1 for k folds (each fold,
/// then the model on all rows). Each Fit is an equal part, filled by the trainer's own progress
/// (<see cref="SparseIhtOptionsBase.Progress"/>, <see cref="BinarizedCnnTrainer.Options.Progress"/>).
/// The trainer is one object reused by every Fit, so a Fit is known to start when a report says its
/// first run is at its first step. Reports arrive on the training thread, synchronously: System.Progress
/// would post them to the thread pool, late and out of order.
/// </summary>
internal sealed class FitsProgress : IProgress<SparseIhtProgress>, IProgress<BinarizedCnnProgress>
{
    private readonly IProgressBar _bar;
    private readonly int _fits;
    private readonly bool _folds;
    private int _fit = -1;

    /// <param name="bar">Where to show it.</param>
    /// <param name="folds">k for cross-validation, null for a test split.</param>
    public FitsProgress(IProgressBar bar, int? folds)
    {
        _bar = bar;
        _folds = folds is not null;
        _fits = folds + 1 ?? 1;
    }

    /// <summary>The 0-based Fit in progress; −1 before the first report.</summary>
    public int Fit => _fit;

    /// <inheritdoc/>
    public void Report(SparseIhtProgress value)
    {
        if (value.Iteration == 1 && (value.Stage == SparseIhtStage.Training || value.Stage == SparseIhtStage.SparsityPath && value.PathStep == 1))
            _fit = Math.Min(_fit + 1, _fits - 1);
        _bar.Update((_fit + value.Fraction) / _fits, $"{FitName()}: {Stage(value)}");
    }

    /// <inheritdoc/>
    public void Report(BinarizedCnnProgress value)
    {
        if (value.Epoch == 1 && value.Step <= 1 && value.Completed is null)
            _fit = Math.Min(_fit + 1, _fits - 1);
        double steps = Math.Max(1, value.StepsPerEpoch);
        double within = value.Completed is not null ? value.Epoch / (double)value.Epochs : (value.Epoch - 1 + value.Step / steps) / value.Epochs;
        _bar.Update((_fit + within) / _fits, string.Create(CultureInfo.InvariantCulture, $"{FitName()}: epoch {value.Epoch}/{value.Epochs}"));
    }

    private string FitName() => !_folds ? "training" : _fit < _fits - 1 ? $"fold {_fit + 1}/{_fits - 1}" : "model on all rows";

    private static string Stage(SparseIhtProgress value) => value.Stage switch
    {
        SparseIhtStage.SparsityPath => string.Create(CultureInfo.InvariantCulture, $"sparsity path s = {value.Sparsity} ({value.PathStep}/{value.PathSteps})"),
        SparseIhtStage.FinalFit => string.Create(CultureInfo.InvariantCulture, $"refit at s = {value.Sparsity}"),
        SparseIhtStage.DenseReference => "dense reference",
        _ => string.Create(CultureInfo.InvariantCulture, $"IHT s = {value.Sparsity}, step {value.Iteration}"),
    };
}
