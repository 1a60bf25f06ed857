namespace MlNetSparse.Core.Numerics;

/// <summary>
/// The Cholesky factorisation A = L·Lᵀ of a small symmetric positive definite matrix in double, and the
/// solve with it: the linear algebra of a Newton step on a support (docs/algorithms.md#support-polish).
/// </summary>
internal static class Cholesky
{
    /// <summary>
    /// Overwrites the lower triangle of the n×n row-major <paramref name="matrix"/> with L; false (the
    /// matrix partly overwritten) when a pivot is not positive and finite: A is not positive definite to
    /// working precision.
    /// </summary>
    public static bool TryFactor(Span<double> matrix, int n)
    {
        for (int j = 0; j < n; j++)
        {
            // L_jj = √(A_jj − Σ_{p<j} L_jp²)
            double pivot = matrix[j * n + j];
            for (int p = 0; p < j; p++)
                pivot -= matrix[j * n + p] * matrix[j * n + p];
            if (!(pivot > 0) || !double.IsFinite(pivot))
                return false;
            double diagonal = Math.Sqrt(pivot);
            matrix[j * n + j] = diagonal;
            // L_ij = (A_ij − Σ_{p<j} L_ip·L_jp) / L_jj for i > j
            for (int i = j + 1; i < n; i++)
            {
                double sum = matrix[i * n + j];
                for (int p = 0; p < j; p++)
                    sum -= matrix[i * n + p] * matrix[j * n + p];
                matrix[i * n + j] = sum / diagonal;
            }
        }
        return true;
    }

    /// <summary>Solves L·Lᵀ·x = b in place (<paramref name="vector"/>: b in, x out) with the factor of <see cref="TryFactor"/>.</summary>
    public static void Solve(ReadOnlySpan<double> factor, int n, Span<double> vector)
    {
        // L·y = b, forward
        for (int i = 0; i < n; i++)
        {
            double sum = vector[i];
            for (int p = 0; p < i; p++)
                sum -= factor[i * n + p] * vector[p];
            vector[i] = sum / factor[i * n + i];
        }
        // Lᵀ·x = y, backward
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = vector[i];
            for (int p = i + 1; p < n; p++)
                sum -= factor[p * n + i] * vector[p];
            vector[i] = sum / factor[i * n + i];
        }
    }
}
