using MlNetSparse.Core.Solvers;
using MlNetSparse.Data;

namespace MlNetSparse.Trainers;

/// <summary>
/// The ridge of a classification path's fits (docs/algorithms.md#choosing-s): λ₂ =
/// <see cref="SparseIhtOptionsBase.L2Regularization"/> + <see cref="SparseIhtOptionsBase.PathL2Regularization"/> / m,
/// m the rows' total weight. On the mean log loss, c/m is the penalty (c/2)·‖w‖² on the summed loss: a
/// Gaussian prior N(0, 1/c) on each weight of the standardized features, which stays the same per row
/// as the data grow and fades against them. Without it a fold whose rows are (nearly) separable drives
/// its weights, polished to the optimum on their support, towards infinity, and one misclassified
/// held-out row then costs a log loss of tens: the curve punishes every s large enough to separate,
/// and the path picks too few nonzeros. Least squares has a finite optimum on any support, so
/// regression paths are left as they are.
/// </summary>
internal static class PathRidge
{
    /// <summary>The path's training options: <paramref name="request"/>'s, with the path's ridge added for classification.</summary>
    public static IhtSolverOptions Apply(TrainingRequest request, TrainingSet rows)
    {
        double c = request.Options.PathL2Regularization;
        if (request.Task == SparseIhtTask.Regression || c == 0)
            return request.Training;
        double weight = rows.ExampleWeights?.Sum(w => (double)w) ?? rows.Labels.Length;
        return request.Training with { L2Regularization = request.Training.L2Regularization + c / weight };
    }
}
