using MlNetSparse.Core.Solvers.Rvscgd;

namespace MlNetSparse.Experiments.Rvscgd;

/// <summary>Measures every iterate of a toy run against the teacher.</summary>
internal sealed class RvscgdToyTracker(float[] teacher, int steps) : IRvscgdObserver
{
    private const double Degrees = 180 / Math.PI;

    public RvscgdToyPoint[] Points { get; } = new RvscgdToyPoint[steps + 1];

    public void StepCompleted(RvscgdStep step, ReadOnlySpan<float> w, ReadOnlySpan<float> u)
    {
        int falsePositives = 0, falseNegatives = 0, support = 0;
        for (int j = 0; j < u.Length; j++)
        {
            bool inU = u[j] != 0f, inTeacher = teacher[j] != 0f;
            support += inU ? 1 : 0;
            falsePositives += inU && !inTeacher ? 1 : 0;
            falseNegatives += !inU && inTeacher ? 1 : 0;
        }
        double sparseAngle = support == 0 ? 90 : ToyTeacherProblem.Angle(u, teacher) * Degrees;
        Points[step.Step] = new RvscgdToyPoint(step.Step, step.Lagrangian, ToyTeacherProblem.Angle(w, teacher) * Degrees,
            sparseAngle, support, falsePositives, falseNegatives);
    }
}
