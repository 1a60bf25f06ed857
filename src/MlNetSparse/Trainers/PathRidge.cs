using MlNetSparse.Core.Solvers;
using MlNetSparse.Data;

namespace MlNetSparse.Trainers;

/// <summary>
/// The ridge of a path's fits (docs/algorithms.md#choosing-s): λ₂ = <see cref="SparseIhtOptionsBase.L2Regularization"/> +
/// <see cref="SparseIhtOptionsBase.PathL2Regularization"/> · κ / m, m the rows' total weight and κ the loss's curvature
/// relative to the log losses': 1 for the logistic and softmax losses (whose second derivative in a margin is at most ¼),
/// 4 for least squares (½r² has second derivative 1). On the mean log loss, c/m is the penalty (c/2)·‖w‖² on the summed
/// loss: a Gaussian prior N(0, 1/c) on each weight of the standardized features, which stays the same per row as the data
/// grow and fades against them; κ gives a least-squares path the same ridge relative to its loss's curvature.
/// </summary>
/// <remarks>
/// Classification: without it a fold whose rows are (nearly) separable drives its weights, polished to the optimum on
/// their support, towards infinity, and one misclassified held-out row then costs a log loss of tens: the curve punishes
/// every s large enough to separate, and the path picks too few nonzeros. Regression: on a few dozen rows the
/// least-squares optimum on the best support of each s overfits, and which s the folds favour moves with the folds
/// (best-subset selection at low signal-to-noise, docs/algorithms.md#choosing-s); the shrinkage steadies both.
/// </remarks>
internal static class PathRidge
{
    /// <summary>κ of least squares: its curvature (1) over the log losses' largest (¼).</summary>
    public const double SquaredLossCurvatureRatio = 4;

    /// <summary>The path's training options: <paramref name="request"/>'s, with the path's ridge added.</summary>
    public static IhtSolverOptions Apply(TrainingRequest request, TrainingSet rows)
    {
        double c = request.Options.PathL2Regularization;
        if (c == 0)
            return request.Training;
        double weight = rows.ExampleWeights?.Sum(w => (double)w) ?? rows.Labels.Length;
        double curvature = request.Task == SparseIhtTask.Regression ? SquaredLossCurvatureRatio : 1;
        return request.Training with { L2Regularization = request.Training.L2Regularization + c * curvature / weight };
    }
}
