namespace MlNetSparse.Core.Numerics.Blas;

/// <summary>The <c>MLNETSPARSE_BLAS</c> environment variable: which backend to use.</summary>
internal static class BlasSetting
{
    /// <summary>The variable's name.</summary>
    public const string VariableName = "MLNETSPARSE_BLAS";

    /// <summary>The accepted values (case-insensitive), each with the backend it forces.</summary>
    public static IReadOnlyList<(string Value, BlasBackendKind Kind)> Values { get; } =
    [
        ("auto", BlasBackendKind.Auto),
        ("mkl", BlasBackendKind.MklImports),
        ("onemkl", BlasBackendKind.OneMkl),
        ("openblas", BlasBackendKind.OpenBlas),
        ("onednn", BlasBackendKind.OneDnn),
        ("cblas", BlasBackendKind.SystemCblas),
        ("managed", BlasBackendKind.Managed),
    ];

    /// <summary>
    /// The backend a value of the variable asks for; unset or blank means <see cref="BlasBackendKind.Auto"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value is none of <see cref="Values"/>.</exception>
    public static BlasBackendKind Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return BlasBackendKind.Auto;
        string trimmed = value.Trim();
        foreach (var (name, kind) in Values)
            if (string.Equals(name, trimmed, StringComparison.OrdinalIgnoreCase))
                return kind;
        throw new InvalidOperationException(
            $"{VariableName} must be one of {string.Join(", ", Values.Select(v => v.Value))} (case-insensitive); got '{value}'.");
    }
}
