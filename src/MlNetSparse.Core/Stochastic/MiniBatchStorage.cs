namespace MlNetSparse.Core.Stochastic;

/// <summary>How a <see cref="MiniBatch"/> stores its feature rows.</summary>
public enum MiniBatchStorage
{
    /// <summary>Row-major, every entry stored: fastest for dense features.</summary>
    Dense = 0,

    /// <summary>Compressed sparse rows (column index + value per nonzero): for features that are mostly zero.</summary>
    Sparse = 1,
}
