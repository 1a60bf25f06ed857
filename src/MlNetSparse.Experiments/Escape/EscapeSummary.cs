using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Experiments.Escape;

/// <summary>What N runs of the escape experiment add up to.</summary>
public sealed record EscapeSummary
{
    /// <summary>N.</summary>
    public required int RunCount { get; init; }

    /// <summary>Runs that left the r-neighbourhood of θᵘ.</summary>
    public required int EscapedCount { get; init; }

    /// <summary>Median first step outside it, over escaped runs (null when none escaped).</summary>
    public required double? MedianEscapeStep { get; init; }

    /// <summary>Largest first step outside it, over escaped runs (null when none escaped).</summary>
    public required int? MaximumEscapeStep { get; init; }

    /// <summary>How many escaped at each step: step → count.</summary>
    public required IReadOnlyDictionary<int, int> EscapeStepCounts { get; init; }

    /// <summary>Runs that ended at θˢ.</summary>
    public required int EndedAtStable { get; init; }

    /// <summary>Runs per end point: a known point's name, or "other".</summary>
    public required IReadOnlyDictionary<string, int> EndPointCounts { get; init; }

    /// <summary>Runs per certificate verdict at the end point.</summary>
    public required IReadOnlyDictionary<HtStabilityVerdict, int> VerdictCounts { get; init; }

    /// <summary>Escaped runs that did not end, certified Stable, at a known HT-stable point (θˢ or another).</summary>
    public required int EscapedNotAtKnownStable { get; init; }

    /// <summary>Largest ‖θ − θˢ‖₂ at the end of an escaped run (0 when none escaped).</summary>
    public required double LargestEscapedDistanceToStable { get; init; }

    /// <summary>Summarises <paramref name="runs"/>.</summary>
    public static EscapeSummary Of(IReadOnlyList<EscapeRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        int[] steps = [.. runs.Where(r => r.Escaped).Select(r => r.EscapeStep!.Value).Order()];
        var escaped = runs.Where(r => r.Escaped).ToArray();
        return new EscapeSummary
        {
            RunCount = runs.Count,
            EscapedCount = steps.Length,
            MedianEscapeStep = steps.Length == 0 ? null
                : steps.Length % 2 == 1 ? steps[steps.Length / 2] : 0.5 * (steps[steps.Length / 2 - 1] + steps[steps.Length / 2]),
            MaximumEscapeStep = steps.Length == 0 ? null : steps[^1],
            EscapeStepCounts = steps.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count()),
            EndedAtStable = runs.Count(r => r.EndPoint == "θˢ"),
            EndPointCounts = runs.GroupBy(r => r.EndPoint ?? "other").OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            VerdictCounts = runs.GroupBy(r => r.Verdict).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            EscapedNotAtKnownStable = escaped.Count(r => r.EndPoint is null or "θᵘ" || r.Verdict != HtStabilityVerdict.Stable),
            LargestEscapedDistanceToStable = escaped.Length == 0 ? 0 : escaped.Max(r => r.DistanceToStable),
        };
    }

    /// <inheritdoc/>
    public override string ToString()
        => $"{EscapedCount}/{RunCount} escaped (first step outside r: median {MedianEscapeStep?.ToString() ?? "–"}, max {MaximumEscapeStep?.ToString() ?? "–"}; " +
           $"per step {string.Join(", ", EscapeStepCounts.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}); " +
           $"ended at {string.Join(", ", EndPointCounts.Select(p => $"{p.Key}: {p.Value}"))}; " +
           $"verdicts {string.Join(", ", VerdictCounts.Select(p => $"{p.Key}: {p.Value}"))}; " +
           $"escaped but not Stable at a known stable point: {EscapedNotAtKnownStable}";
}
