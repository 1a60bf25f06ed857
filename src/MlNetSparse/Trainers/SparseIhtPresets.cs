using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Trainers;

/// <summary>
/// Named sets of rules for the sparse IHT trainers' options. One preset today: the paper's rules
/// (<see cref="IhtSolverOptions.Paper"/>), which every fit ran before the production defaults.
/// </summary>
/// <remarks>
/// A method on the options rather than an option of its own: it sets the options it stands for, visibly, so the
/// options the fit reads are the ones a user sees, and no preset value can silently contradict an option set
/// beside it. Call it last in a chain, or set an option after it to change that one.
/// </remarks>
public static class SparseIhtPresets
{
    /// <summary>
    /// The paper's rules (docs/algorithms.md#paper-preset): L̂₂ₛ from 50 Monte-Carlo samples
    /// (<see cref="SparseIhtOptionsBase.MonteCarloSampleCount"/>), the dense reference trained
    /// (<see cref="SparseIhtOptionsBase.CompareWithDenseOptimum"/>), and only the stop rules the paper's protocol
    /// knows: no <see cref="SparseIhtOptionsBase.RelativeLossTolerance"/> (the loss tolerance, the iteration cap,
    /// the Newton-step test and the rounding limit stay), and IHT alone (no <see cref="SparseIhtOptionsBase.PolishSupport"/>).
    /// Every other option is left as it is.
    /// </summary>
    /// <returns>The same options, for use in an initializer chain.</returns>
    public static TOptions WithPaperRules<TOptions>(this TOptions options) where TOptions : SparseIhtOptionsBase
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MonteCarloSampleCount = IhtSolverOptions.PaperRules.MonteCarloSampleCount;
        options.CompareWithDenseOptimum = IhtSolverOptions.PaperRules.CompareWithDenseOptimum;
        options.RelativeLossTolerance = IhtSolverOptions.PaperRules.RelativeLossTolerance;
        options.PolishSupport = IhtSolverOptions.PaperRules.PolishSupport;
        return options;
    }
}
