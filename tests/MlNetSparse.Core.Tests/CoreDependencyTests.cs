using System.Reflection;
using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Tests.Core;

/// <summary>
/// The numerics stand alone: MlNetSparse.Core, and these tests of it, reference neither ML.NET nor
/// ONNX Runtime (the tests that need them live in MlNetSparse.Tests).
/// </summary>
public class CoreDependencyTests
{
    [Fact]
    public void Core_AndItsTests_ReferenceNeitherMlNetNorOnnxRuntime()
    {
        Assembly[] assemblies = [typeof(BlasBackend).Assembly, typeof(CoreDependencyTests).Assembly];
        Assert.All(assemblies, assembly => Assert.DoesNotContain(assembly.GetReferencedAssemblies(),
            reference => reference.Name!.StartsWith("Microsoft.ML", StringComparison.Ordinal)));
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(),
            loaded => loaded.GetName().Name!.StartsWith("Microsoft.ML", StringComparison.Ordinal));
    }
}
