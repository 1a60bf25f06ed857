using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSparse.Trainers;

/// <summary>
/// The training report of a model fitted by a SparseIht trainer, one call away from what Fit returned
/// or from the whole fitted pipeline: <c>model.GetSparseIhtReport()</c>.
/// </summary>
/// <remarks>
/// Fit returns ML.NET's own prediction transformer (a sealed type: nothing can be added to it), so the
/// report is kept beside the model parameters it describes, in a table that holds it only as long as
/// the model lives. A transformer that wraps the same model (ChangeModelThreshold) finds the same
/// report. The report is not saved in the zip: a model loaded with <c>mlContext.Model.Load</c> has none.
/// </remarks>
public static class SparseIhtReports
{
    private static readonly ConditionalWeakTable<object, SparseIhtTrainingReport> ReportsByModel = new();

    /// <summary>
    /// The report of <paramref name="model"/>: a prediction transformer that a SparseIht trainer fitted,
    /// or a fitted pipeline (TransformerChain), whose last such transformer is taken.
    /// </summary>
    /// <exception cref="InvalidOperationException">No transformer of <paramref name="model"/> was fitted by a SparseIht trainer in this process.</exception>
    public static SparseIhtTrainingReport GetSparseIhtReport(this ITransformer model)
        => model.TryGetSparseIhtReport(out var report)
            ? report
            : throw new InvalidOperationException(
                $"This {model.GetType().Name} holds no SparseIht training report: no transformer in it was fitted by a SparseIht trainer in this process. " +
                "The report is not saved in the model zip, so a loaded model has none.");

    /// <summary>As <see cref="GetSparseIhtReport"/>, without throwing: false when there is no report.</summary>
    public static bool TryGetSparseIhtReport(this ITransformer model, [NotNullWhen(true)] out SparseIhtTrainingReport? report)
    {
        ArgumentNullException.ThrowIfNull(model);
        switch (model)
        {
            case IPredictionTransformer<object> predictor:
                return ReportsByModel.TryGetValue(predictor.Model, out report);
            case IEnumerable<ITransformer> chain:
                foreach (ITransformer step in chain.Reverse())
                    if (step.TryGetSparseIhtReport(out report))
                        return true;
                break;
        }
        report = null;
        return false;
    }

    /// <summary>Records the report of a model a SparseIht trainer has just trained.</summary>
    internal static void Attach(object model, SparseIhtTrainingReport report) => ReportsByModel.AddOrUpdate(model, report);
}
