using System.Numerics.Tensors;
using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Core.Solvers;

/// <summary>
/// How far a point still is from stationary, in units of θ: the largest step that IHT, or a
/// per-coordinate Newton step when the objective bounds its curvature, would still take. Shared by the
/// solver's convergence test and the certificate, so both answer the question the same way.
/// </summary>
internal static class StationarityMeasure
{
    /// <summary>The objective's per-coordinate curvature bounds, or null when it does not provide them.</summary>
    public static float[]? CurvatureOf(IDifferentiableObjective objective)
    {
        if (objective is not IDiagonalCurvature curved)
            return null;
        var curvature = new float[objective.ParameterCount];
        curved.DiagonalCurvatureBounds(curvature);
        return curvature;
    }

    /// <summary>Writes the objective's curvature bounds into <paramref name="destination"/>; false when it does not provide them.</summary>
    public static bool TryFillCurvature(IDifferentiableObjective objective, Span<float> destination)
    {
        if (objective is not IDiagonalCurvature curved)
            return false;
        curved.DiagonalCurvatureBounds(destination);
        return true;
    }

    /// <summary>
    /// max over i of |∇ᵢf|/dᵢ (or γ|∇ᵢf| without curvature bounds), over the support when
    /// <paramref name="onSupport"/> is true, else over the zero entries.
    /// </summary>
    public static double LargestStep(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradient, ReadOnlySpan<float> curvature,
        double stepSize, bool onSupport)
    {
        double largest = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            if ((parameters[i] != 0f) != onSupport || gradient[i] == 0f)
                continue;
            double slope = Math.Abs(gradient[i]);
            double step = curvature.IsEmpty ? stepSize * slope
                : curvature[i] > 0 ? slope / curvature[i] : double.PositiveInfinity;
            largest = Math.Max(largest, step);
        }
        return largest;
    }

    /// <summary>True when ∇f has a nonzero entry on θ's support: exactly when <see cref="LargestStep"/> on the support is above 0.</summary>
    public static bool AnyNonzero(ReadOnlySpan<float> gradient, ReadOnlySpan<float> parameters)
    {
        for (int i = 0; i < parameters.Length; i++)
            if (parameters[i] != 0f && gradient[i] != 0f)
                return true;
        return false;
    }

    /// <summary>max(1, ‖θ‖∞): the scale steps are judged against.</summary>
    public static double Scale(ReadOnlySpan<float> parameters)
        => parameters.IsEmpty ? 1 : Math.Max(1, Math.Abs((double)TensorPrimitives.MaxMagnitude(parameters)));
}
