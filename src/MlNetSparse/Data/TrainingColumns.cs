namespace MlNetSparse.Data;

/// <summary>The names of the columns a trainer reads.</summary>
/// <param name="Feature">The known-size float vector of features.</param>
/// <param name="Label">The label.</param>
/// <param name="Weight">The optional example weight.</param>
internal sealed record TrainingColumns(string Feature, string Label, string? Weight);
