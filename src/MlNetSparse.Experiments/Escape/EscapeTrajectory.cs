namespace MlNetSparse.Experiments.Escape;

/// <summary>The path of one kept run: ‖θᵏ − θᵘ‖₂ for k = 0 (the dense start), 1, …, the last step.</summary>
/// <param name="RunIndex">Which run.</param>
/// <param name="Escaped">Whether it left the r-neighbourhood of θᵘ.</param>
/// <param name="DistanceToUnstable">‖θᵏ − θᵘ‖₂ per step.</param>
public sealed record EscapeTrajectory(int RunIndex, bool Escaped, double[] DistanceToUnstable);
