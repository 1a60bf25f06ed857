using MlNetSparse.Cli.Models;

namespace MlNetSparse.Tests.Cli;

/// <summary>The paths the tool prints: relative below the current folder (pastable, and no machine path in a shared log), full elsewhere.</summary>
public class DisplayPathTests
{
    [Fact]
    public void BelowTheCurrentFolder_IsRelative()
    {
        string full = Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "model.zip");

        Assert.Equal(Path.Combine("artifacts", "model.zip"), DisplayPath.Of(full));
    }

    [Fact]
    public void ElsewhereOrAbove_IsFull()
    {
        string parent = Directory.GetParent(Directory.GetCurrentDirectory())!.FullName;
        string sibling = Path.Combine(parent, "elsewhere", "model.zip");

        Assert.Equal(sibling, DisplayPath.Of(sibling));
        Assert.Equal(parent, DisplayPath.Of(parent));
    }
}
