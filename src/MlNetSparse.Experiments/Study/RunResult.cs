using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Experiments.Study;

/// <summary>The outcome of one sparse run: one row of the study's CSV.</summary>
public sealed record RunResult
{
    /// <summary>s.</summary>
    public required int Level { get; init; }

    /// <summary>The run's index within its level (0-based).</summary>
    public required int Run { get; init; }

    /// <summary>The seeds the run used.</summary>
    public required RunSeeds Seeds { get; init; }

    /// <summary>L̂₂ₛ at the start of the run.</summary>
    public required double EstimatedSmoothness { get; init; }

    /// <summary>γ = 1/L̂₂ₛ, the learning rate of the paper's Fig. 9.</summary>
    public required double StepSize { get; init; }

    /// <summary>γ at the end (smaller after halvings).</summary>
    public required double FinalStepSize { get; init; }

    /// <summary>IHT steps taken.</summary>
    public required int Steps { get; init; }

    /// <summary>Step halvings (the loss never rose).</summary>
    public required int Backtracks { get; init; }

    /// <summary>Why the run stopped.</summary>
    public required IhtStopReason StopReason { get; init; }

    /// <summary>Training loss at the end (Fig. 10).</summary>
    public required double TrainLoss { get; init; }

    /// <summary>Test loss (Fig. 11).</summary>
    public required double TestLoss { get; init; }

    /// <summary>Training accuracy (Fig. 12).</summary>
    public required double TrainAccuracy { get; init; }

    /// <summary>Test accuracy (Fig. 13).</summary>
    public required double TestAccuracy { get; init; }

    /// <summary>The HT-stability verdict of the trained point.</summary>
    public required HtStabilityVerdict Verdict { get; init; }

    /// <summary>Left side of inequality (8): min over the support of |θᵢ|.</summary>
    public required double CertificateLeft { get; init; }

    /// <summary>Right side of (8): γ·max off the support of |∇ⱼf|.</summary>
    public required double CertificateRight { get; init; }

    /// <summary>‖∇_S f‖∞ at the trained point.</summary>
    public required double SupportGradientNorm { get; init; }

    /// <summary>Indices in θ = [W (k×n), b (k)] of the nonzero parameters, ascending.</summary>
    public required IReadOnlyList<int> Support { get; init; }

    /// <summary>The dense network's training loss on the same split; null until joined (or without a dense reference).</summary>
    public double? DenseTrainLoss { get; init; }

    /// <summary>Left minus right side of (8).</summary>
    public double CertificateMargin => CertificateLeft - CertificateRight;

    /// <summary>f(θ*ₛ) − f(θ*dense) on the same split: the ε of condition (3).</summary>
    public double? Gap => DenseTrainLoss is double dense ? TrainLoss - dense : null;
}

/// <summary>The dense network (s = P) trained on one split, the reference for the gap.</summary>
/// <param name="DataSeed">The split.</param>
/// <param name="TrainLoss">Its training loss.</param>
/// <param name="TestAccuracy">Its test accuracy.</param>
/// <param name="Steps">Steps taken.</param>
/// <param name="StopReason">Why it stopped.</param>
public sealed record DenseResult(int DataSeed, double TrainLoss, double TestAccuracy, int Steps, IhtStopReason StopReason);
