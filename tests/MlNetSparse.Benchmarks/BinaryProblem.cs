using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Benchmarks;

/// <summary>One synthetic problem in every form the measurements need.</summary>
/// <param name="Name">What the tables call it ("dense 100,000×1,000").</param>
/// <param name="Kind">"dense" or "sparse", as <c>--only</c> names it.</param>
/// <param name="Train">The first 80 % of the rows, materialised.</param>
/// <param name="Test">The other 20 %.</param>
/// <param name="Sparsity">s: the truth's nonzeros plus the bias, the budget every trainer gets.</param>
/// <param name="Layout">θ = [w, b].</param>
/// <param name="Truth">The model the labels were drawn from.</param>
/// <param name="StreamingTrain">The training rows regenerated on every read (sparse only); null when there is none.</param>
internal sealed record BinaryProblem(string Name, string Kind, LabeledRows Train, LabeledRows Test, int Sparsity,
    LinearModelLayout Layout, SparseTruth Truth, IRowSource? StreamingTrain)
{
    /// <summary>Row streams are numbered by row (0, 1, …); the truth and the column popularity use streams of their own.</summary>
    public const long TruthStream = -1, PopularityStream = -2;

    public static int TrainRowCount(int rows) => (int)(rows * 4L / 5);

    /// <summary>The training loss f(θ): mean logistic loss over the training rows.</summary>
    public LinearModelObjective TrainObjective() => new(Train.Matrix, Train.Labels, new LogisticLoss());
}
