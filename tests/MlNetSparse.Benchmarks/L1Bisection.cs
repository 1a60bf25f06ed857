namespace MlNetSparse.Benchmarks;

/// <summary>A model fitted with L1 strength λ (on the scale of the mean loss), with its nonzero count and fit time.</summary>
internal sealed record L1Fit<TModel>(double Lambda, int Nonzeros, TimeSpan Time, TModel Model);

/// <summary>The fit the search kept, and what the whole search cost.</summary>
internal sealed record L1Search<TModel>(L1Fit<TModel> Best, int Fits, TimeSpan TotalTime);

/// <summary>
/// Tunes λ until an L1-penalised model has s nonzeros, by bisection on log λ (the approach of
/// examples/SparsityComparison, bracketed from the data instead of from 1): λ_max = ‖∇_w f(0, b₀)‖∞,
/// the mean-loss gradient at zero weights and the base-rate bias, is where the lasso path starts, so
/// [λ_max·10⁻³, λ_max] brackets every useful count. The count falls as λ grows, in steps and not
/// always monotonically, so an exact hit may not exist: then the fit with the largest count ≤ s is
/// kept (the smallest such λ on a tie); no fit is repeated, so the kept fit's time is a real fit.
/// </summary>
internal static class L1Bisection
{
    private const double BracketDecades = 3;

    public static L1Search<TModel> Run<TModel>(Func<double, L1Fit<TModel>> fit, int sparsity, double lambdaMax, int maximumFits)
    {
        int fits = 0;
        TimeSpan total = TimeSpan.Zero;
        L1Fit<TModel>? best = null, sparsest = null;
        L1Fit<TModel> Fit(double lambda)
        {
            fits++;
            L1Fit<TModel> result = fit(lambda);
            total += result.Time;
            if (result.Nonzeros <= sparsity && (best is null || result.Nonzeros > best.Nonzeros
                    || (result.Nonzeros == best.Nonzeros && lambda < best.Lambda)))
                best = result;
            if (sparsest is null || result.Nonzeros < sparsest.Nonzeros)
                sparsest = result;
            return result;
        }

        // tooDense: more than s nonzeros; sparseEnough: at most s (λ_max, by the lasso's optimality conditions).
        double tooDense = lambdaMax * Math.Pow(10, -BracketDecades), sparseEnough = lambdaMax;
        while (fits < maximumFits && Fit(tooDense).Nonzeros <= sparsity)
            (sparseEnough, tooDense) = (tooDense, tooDense / 10);
        while (fits < maximumFits && best?.Nonzeros != sparsity)
        {
            double middle = Math.Sqrt(tooDense * sparseEnough);
            if (Fit(middle).Nonzeros > sparsity)
                tooDense = middle;
            else
                sparseEnough = middle;
        }
        // Every fit was too dense: fall back to λ_max itself, which leaves (nearly) nothing.
        if (best is null)
            Fit(lambdaMax);
        return new L1Search<TModel>(best ?? sparsest!, fits, total);
    }
}
