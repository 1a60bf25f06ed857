namespace MlNetSparse.Examples.SparsityComparison;

/// <summary>The L1 fit the search settled on, with the λ that produced it and how many fits it took.</summary>
public sealed record L1SearchResult(float L1Regularization, FitOutcome Outcome, int FitCount)
{
    public bool HitTarget(int sparsity) => Outcome.Nonzeros == sparsity;
}

/// <summary>
/// Finds the L1 strength λ whose model has exactly s nonzero parameters, by bisection on log λ.
/// The count falls as λ grows but in steps (and not always monotonically), so an exact hit may not
/// exist: then the fit with the largest count ≤ s is kept, the smallest such λ on a tie.
/// </summary>
public static class L1StrengthSearch
{
    // ML.NET divides λ by the row count, so λ is on the scale of the summed loss: 1 is a mild
    // penalty for a few hundred rows, and six decades either way cover "dense" to "biases only".
    private const float Start = 1f, Smallest = 1e-6f, Largest = 1e6f;
    private const int BisectionSteps = 14;

    public static L1SearchResult Run(Func<float, FitOutcome> fitWithL1, int sparsity)
    {
        int fits = 0;
        L1SearchResult? best = null;
        FitOutcome Fit(float lambda)
        {
            fits++;
            FitOutcome outcome = fitWithL1(lambda);
            if (outcome.Nonzeros <= sparsity && (best is null || outcome.Nonzeros > best.Outcome.Nonzeros
                    || (outcome.Nonzeros == best.Outcome.Nonzeros && lambda < best.L1Regularization)))
                best = new L1SearchResult(lambda, outcome, 0);
            return outcome;
        }

        // Bracket: tooDense has more than s nonzeros, sparseEnough at most s.
        float tooDense = Start, sparseEnough = Start;
        if (Fit(Start).Nonzeros > sparsity)
            while (sparseEnough < Largest && Fit(sparseEnough *= 10).Nonzeros > sparsity)
                tooDense = sparseEnough;
        else
            while (tooDense > Smallest && Fit(tooDense /= 10).Nonzeros <= sparsity)
                sparseEnough = tooDense;

        for (int step = 0; step < BisectionSteps && best?.HitTarget(sparsity) != true; step++)
        {
            float middle = MathF.Sqrt(tooDense * sparseEnough);
            if (Fit(middle).Nonzeros > sparsity)
                tooDense = middle;
            else
                sparseEnough = middle;
        }

        return (best ?? throw new InvalidOperationException($"No L1 strength up to {Largest} left at most {sparsity} nonzero parameters."))
            with { FitCount = fits };
    }
}
