using System.Text;

namespace MlNetSparse.Trainers;

/// <summary>The sparsity-path section of the report.</summary>
public sealed partial class SparseIhtTrainingReport
{
    /// <summary>The sparsity path that chose s; null when a single <see cref="SparseIhtOptionsBase.Sparsity"/> was trained.</summary>
    public SparsityPathReport? SparsityPath { get; internal set; }

    private void AppendSparsityPath(StringBuilder text)
    {
        if (SparsityPath is not null)
            text.AppendLine().Append(SparsityPath.ToString());
    }
}
