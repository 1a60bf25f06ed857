using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Numerics.Blas;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

public class BlasBackendLogTests
{
    [Fact]
    public void Once_WritesTheBackendToTheChannelOncePerProcess()
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) if (e.RawMessage.StartsWith("BLAS backend:")) messages.Add(e.RawMessage); };
        bool alreadyWritten = BlasBackendLog.HasWritten;
        using IChannel channel = ((IChannelProvider)ml).Start("BlasBackendLogTests");

        bool[] wrote = [BlasBackendLog.Once(channel), BlasBackendLog.Once(channel), BlasBackendLog.Once(channel)];

        Assert.True(BlasBackendLog.HasWritten);
        Assert.Equal([!alreadyWritten, false, false], wrote);
        Assert.Equal(alreadyWritten ? [] : [BlasBackend.Describe()], messages);
    }
}
