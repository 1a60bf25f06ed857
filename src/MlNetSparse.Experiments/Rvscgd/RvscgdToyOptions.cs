using MlNetSparse.Core.Solvers.Rvscgd;
using MlNetSparse.Core.Sparsity.Penalties;
using MlNetSparse.Core.Training;

namespace MlNetSparse.Experiments.Rvscgd;

/// <summary>
/// Settings of <see cref="RvscgdToyExperiment.Run"/>: RVSCGD with normalisation on the teacher problem
/// of docs/algorithms.md#toy-teacher-problem. The defaults are the paper's toy (k = 20, d = 50, ℓ0, λ = 1e-4, β = 4e-3) with
/// ‖w*‖₀ = 10, except η (see <see cref="LearningRate"/>).
/// </summary>
public sealed record RvscgdToyOptions
{
    /// <summary>η the paper reports for the toy; with y = (1/k)Σσ it leaves w where it started (docs/benchmarks.md#pytorch-reference).</summary>
    public const double PaperLearningRate = 1e-5;

    /// <summary>
    /// The toy's own options with their defaults and ranges (λ, β, P and a are RVSCGD's:
    /// <see cref="RvscgdSettings"/>). <see cref="TeacherNonzeros"/> is further bounded by <see cref="PatchSize"/>.
    /// </summary>
    public static OptionTable Table { get; } = new("The RVSCGD toy",
    [
        new(nameof(PatchCount), 20, OptionRange.Integer(1, 1000), "k, the number of patches"),
        new(nameof(PatchSize), 50, OptionRange.Integer(1, 1000), "d, the patch size"),
        new(nameof(TeacherNonzeros), 10, OptionRange.Integer(1, 1000), "‖w*‖₀, at most d"),
        new(nameof(BatchSize), 2000, OptionRange.Integer(1, 10_000_000), "fresh Gaussian samples per step"),
        new(nameof(Steps), 300, OptionRange.Integer(0, 10_000_000), "RVSCGD steps"),
        new(nameof(LearningRate), 5.0, OptionRange.AtLeast(0, open: true), "η, the learning rate"),
    ]);

    /// <summary>k, the number of patches. Default 20.</summary>
    public int PatchCount { get; init; } = 20;

    /// <summary>d, the patch size (the length of w). Default 50.</summary>
    public int PatchSize { get; init; } = 50;

    /// <summary>‖w*‖₀. Default 10.</summary>
    public int TeacherNonzeros { get; init; } = 10;

    /// <summary>Fresh Gaussian samples per step. Default 2000.</summary>
    public int BatchSize { get; init; } = 2000;

    /// <summary>RVSCGD steps. Default 300.</summary>
    public int Steps { get; init; } = 300;

    /// <summary>η. Default 5 (examples/RvscgdToy/RESULTS.md compares η).</summary>
    public double LearningRate { get; init; } = 5;

    /// <summary>λ. Default 1e-4, the paper's.</summary>
    public double Lambda { get; init; } = 1e-4;

    /// <summary>β. Default 4e-3, the paper's.</summary>
    public double Beta { get; init; } = 4e-3;

    /// <summary>P. Default ℓ0, the paper's.</summary>
    public SparsityPenaltyKind Penalty { get; init; } = SparsityPenaltyKind.L0;

    /// <summary>
    /// a of Tℓ1. Default 0.1: with the paper's τ = λ/β = 0.025 its threshold is 0.18, near ℓ0's
    /// √(2τ) = 0.22 (ℓ1's is 0.025), while it shrinks a kept entry of 0.32 by about 0.017, less than ℓ1's 0.025.
    /// </summary>
    public double TransformedL1Shape { get; init; } = 0.1;

    /// <summary>The seed the teacher, the start and the sample stream derive from. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>λ, β, P, a as RVSCGD settings.</summary>
    public RvscgdSettings Settings => new(Lambda, Beta, Penalty, TransformedL1Shape);

    /// <summary>Checks every option, with messages that name the option and its allowed range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    public void Validate()
    {
        Table.Check(nameof(PatchCount), PatchCount);
        Table.Check(nameof(PatchSize), PatchSize);
        Table[nameof(TeacherNonzeros)].WithMaximum(PatchSize).Check(TeacherNonzeros);
        Table.Check(nameof(BatchSize), BatchSize);
        Table.Check(nameof(Steps), Steps);
        Table.Check(nameof(LearningRate), LearningRate);
        Settings.Validate();
    }
}
