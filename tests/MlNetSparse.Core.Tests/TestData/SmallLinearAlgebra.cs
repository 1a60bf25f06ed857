namespace MlNetSparse.Tests.TestData;

/// <summary>Reference linear algebra in double for small matrices, written for the tests (no library code involved).</summary>
internal static class SmallLinearAlgebra
{
    /// <summary>G = X̃ᵀX̃/m with X̃ = [X, 1] (the bias column last), for the m×n row-major X.</summary>
    public static double[,] AugmentedGram(float[] features, int rows, int columns)
    {
        int p = columns + 1;
        var gram = new double[p, p];
        var row = new double[p];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
                row[j] = features[i * columns + j];
            row[columns] = 1;
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++)
                    gram[a, b] += row[a] * row[b];
        }
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
                gram[a, b] /= rows;
        return gram;
    }

    /// <summary>The principal submatrix M[S, S].</summary>
    public static double[,] Principal(double[,] matrix, int[] subset)
    {
        var result = new double[subset.Length, subset.Length];
        for (int a = 0; a < subset.Length; a++)
            for (int b = 0; b < subset.Length; b++)
                result[a, b] = matrix[subset[a], subset[b]];
        return result;
    }

    /// <summary>The largest eigenvalue of a symmetric matrix (cyclic Jacobi rotations).</summary>
    public static double LargestEigenvalue(double[,] symmetric) => Eigenvalues(symmetric).Max();

    /// <summary>All eigenvalues of a symmetric matrix by the cyclic Jacobi method.</summary>
    public static double[] Eigenvalues(double[,] symmetric)
    {
        int n = symmetric.GetLength(0);
        var a = (double[,])symmetric.Clone();
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, scale = 0;
            for (int p = 0; p < n; p++)
                for (int q = 0; q < n; q++)
                {
                    if (p != q) off += a[p, q] * a[p, q];
                    scale += a[p, q] * a[p, q];
                }
            if (off <= 1e-30 * Math.Max(scale, 1e-300))
                break;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                {
                    if (a[p, q] == 0)
                        continue;
                    // Rotation that zeroes a[p, q]: tan 2φ = 2a_pq / (a_qq − a_pp).
                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k, p], akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p, k], aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }
                }
        }
        var eigenvalues = new double[n];
        for (int i = 0; i < n; i++)
            eigenvalues[i] = a[i, i];
        return eigenvalues;
    }

    /// <summary>
    /// L₂ₛ of f(θ) = ½θᵀGθ + linear: max over index sets |S| ≤ <paramref name="maxSize"/> of λmax(G[S, S]),
    /// by brute force over all subsets (docs/algorithms.md#restricted-smoothness).
    /// </summary>
    public static double RestrictedLargestEigenvalue(double[,] gram, int maxSize)
    {
        int p = gram.GetLength(0);
        double best = 0;
        foreach (int[] subset in SyntheticData.Subsets(p, Math.Min(maxSize, p)))
            best = Math.Max(best, LargestEigenvalue(Principal(gram, subset)));
        return best;
    }

    /// <summary>
    /// max over |S| ≤ <paramref name="maxSize"/> of the spectral norm of the column block G[:, S]
    /// (= √λmax(G[:, S]ᵀG[:, S])): the largest possible ‖G·v‖/‖v‖ over vectors v with at most
    /// <paramref name="maxSize"/> nonzeros.
    /// </summary>
    public static double RestrictedColumnNorm(double[,] gram, int maxSize)
    {
        int p = gram.GetLength(0);
        double best = 0;
        foreach (int[] subset in SyntheticData.Subsets(p, Math.Min(maxSize, p)))
        {
            var normal = new double[subset.Length, subset.Length];
            for (int a = 0; a < subset.Length; a++)
                for (int b = 0; b < subset.Length; b++)
                    for (int k = 0; k < p; k++)
                        normal[a, b] += gram[k, subset[a]] * gram[k, subset[b]];
            best = Math.Max(best, Math.Sqrt(LargestEigenvalue(normal)));
        }
        return best;
    }

    /// <summary>Solves A·x = b (Gaussian elimination with partial pivoting).</summary>
    public static double[] Solve(double[,] matrix, double[] rightSide)
    {
        int n = rightSide.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])rightSide.Clone();
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                    pivot = r;
            for (int k = 0; k < n; k++)
                (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (int r = col + 1; r < n; r++)
            {
                double factor = a[r, col] / a[col, col];
                for (int k = col; k < n; k++)
                    a[r, k] -= factor * a[col, k];
                b[r] -= factor * b[col];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double sum = b[r];
            for (int k = r + 1; k < n; k++)
                sum -= a[r, k] * x[k];
            x[r] = sum / a[r, r];
        }
        return x;
    }

    /// <summary>
    /// The least-squares fit restricted to the parameter set S: argmin over θ with supp(θ) ⊆ S of
    /// (1/2m)‖X̃θ − y‖², X̃ = [X, 1], solved from the normal equations in double.
    /// </summary>
    public static double[] RestrictedLeastSquares(float[] features, float[] labels, int columns, int[] subset)
    {
        int m = labels.Length, p = columns + 1;
        double Column(int i, int j) => j == columns ? 1.0 : features[i * columns + j];
        var normal = new double[subset.Length, subset.Length];
        var rightSide = new double[subset.Length];
        for (int i = 0; i < m; i++)
            for (int a = 0; a < subset.Length; a++)
            {
                rightSide[a] += Column(i, subset[a]) * labels[i];
                for (int b = 0; b < subset.Length; b++)
                    normal[a, b] += Column(i, subset[a]) * Column(i, subset[b]);
            }
        double[] restricted = Solve(normal, rightSide);
        var theta = new double[p];
        for (int a = 0; a < subset.Length; a++)
            theta[subset[a]] = restricted[a];
        return theta;
    }
}
