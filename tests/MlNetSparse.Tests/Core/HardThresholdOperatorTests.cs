using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Tests.Core;

public class HardThresholdOperatorTests
{
    [Fact]
    public void KeepsTheSmallerIndexOnATie_AsInTheDocumentedExample()
    {
        // H₂([1, −3, 1]) = [1, −3, 0] with the default rule (ALGORITHMS.md §1).
        Assert.Equal(new float[] { 1, -3, 0 }, HardThresholdOperator.Apply([1, -3, 1], 2));
    }
}
