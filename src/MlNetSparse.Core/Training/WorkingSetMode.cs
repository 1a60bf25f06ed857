namespace MlNetSparse.Core.Training;

/// <summary>Whether IHT trains on a working set of columns first (docs/algorithms.md#working-set).</summary>
public enum WorkingSetMode
{
    /// <summary>
    /// A working set where it pays: a linear model on CSR rows with at least
    /// <see cref="WorkingSetTraining.AutoMinimumColumnRatio"/> times as many features as the first working set,
    /// and no dense reference asked for. Full IHT otherwise.
    /// </summary>
    Auto = 0,

    /// <summary>Never: every IHT step passes over all of X.</summary>
    Off = 1,

    /// <summary>Whenever the objective allows it (a linear model on CSR rows), however narrow the data.</summary>
    On = 2,
}
