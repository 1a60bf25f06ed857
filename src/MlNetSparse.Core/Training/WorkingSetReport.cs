using System.Globalization;

namespace MlNetSparse.Core.Training;

/// <summary>What a working-set run did (docs/algorithms.md#working-set): its rounds and their cost in passes over X.</summary>
/// <param name="FeatureCount">p, the features of the full problem.</param>
/// <param name="StoredCount">nnz(X), the unit of a full pass.</param>
/// <param name="Rounds">Each training on a working set, in order; the last one's full check found no violator unless the iteration cap stopped the run.</param>
/// <param name="EquivalentPasses">The rounds' training passes (IHT, certificate, polish) in full passes: Σ passes·nnz(X_W)/nnz(X).</param>
public sealed record WorkingSetReport(int FeatureCount, long StoredCount, IReadOnlyList<WorkingSetRound> Rounds, double EquivalentPasses)
{
    /// <summary>|W| at the end.</summary>
    public int FinalColumns => Rounds[^1].Columns;

    /// <summary>"2 rounds on 21 → 24 of 400 features (last check: 0 missing), worth 3.2 passes over all of X": one line for people.</summary>
    public override string ToString()
    {
        string columns = string.Join(" → ", Rounds.Select(r => r.Columns.ToString(CultureInfo.InvariantCulture)));
        return string.Create(CultureInfo.InvariantCulture,
            $"{Rounds.Count} round{(Rounds.Count == 1 ? "" : "s")} on {columns} of {FeatureCount} features " +
            $"(last check: {Rounds[^1].Violators} missing), training on them worth {EquivalentPasses:G3} passes over all of X");
    }
}

/// <summary>One training on a working set W.</summary>
/// <param name="Columns">|W|, features in the working set.</param>
/// <param name="StoredEntries">nnz(X_W), the entries one pass over the working set touches.</param>
/// <param name="Iterations">IHT steps of this round.</param>
/// <param name="Passes">Passes over X_W (IHT, certificate and polish).</param>
/// <param name="Violators">Features outside W that the full check found would enter H_s (0 ends the run).</param>
public sealed record WorkingSetRound(int Columns, long StoredEntries, int Iterations, int Passes, int Violators);
