namespace MlNetSparse.Core.Objectives;

/// <summary>
/// An objective that counts the passes over the data made through it (one per <see cref="Value"/> or
/// <see cref="ValueAndGradient"/>), so a phase of training can report its cost in passes, which do not
/// depend on the machine's load.
/// </summary>
internal sealed class PassCountingObjective(IDifferentiableObjective inner) : IDifferentiableObjective
{
    /// <summary>Passes made so far.</summary>
    public int Passes { get; private set; }

    /// <inheritdoc/>
    public int ParameterCount => inner.ParameterCount;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<float> parameters)
    {
        Passes++;
        return inner.Value(parameters);
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        Passes++;
        return inner.ValueAndGradient(parameters, gradient);
    }
}
