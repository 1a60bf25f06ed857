namespace MlNetSparse.Core.Objectives;

/// <summary>
/// An objective over a linear model's parameters θ = [W, b] (<see cref="LinearModelLayout"/>): it says
/// which entries are weights and which are biases, so that a ridge term can leave the biases alone
/// (<see cref="RidgePenalty"/>).
/// </summary>
public interface ILinearModelObjective : IDifferentiableObjective
{
    /// <summary>Where weights and biases sit in θ.</summary>
    LinearModelLayout Layout { get; }
}
