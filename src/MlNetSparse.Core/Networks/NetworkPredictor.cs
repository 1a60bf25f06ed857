namespace MlNetSparse.Core.Networks;

/// <summary>
/// Inference over many samples in fixed chunks spread across threads. Each sample's output depends
/// on that sample alone, so any thread count gives the same bits.
/// </summary>
internal sealed class NetworkPredictor
{
    internal const int ChunkSize = 64;
    private readonly Network _network;
    private readonly NetworkPass[] _passes;

    public NetworkPredictor(Network network, int maxDegreeOfParallelism)
    {
        _network = network;
        int threads = maxDegreeOfParallelism <= 0 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        _passes = Enumerable.Range(0, threads).Select(_ => new NetworkPass(network, ChunkSize)).ToArray();
    }

    public void Predict(ReadOnlySpan<float> inputs, int count, Span<float> outputs)
    {
        int inSize = _network.InputShape.Size, outSize = _network.OutputSize;
        int chunks = (count + ChunkSize - 1) / ChunkSize;
        int workers = Math.Min(_passes.Length, chunks);
        // Spans cannot cross into lambdas; arrays can. The copies cost one pass over inputs and outputs.
        float[] input = inputs.ToArray(), output = new float[outputs.Length];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            for (int c = w; c < chunks; c += workers)
            {
                int start = c * ChunkSize, batch = Math.Min(ChunkSize, count - start);
                Span<float> y = _passes[w].Forward(input.AsSpan(start * inSize, batch * inSize), batch, training: false);
                y.CopyTo(output.AsSpan(start * outSize, batch * outSize));
            }
        });
        output.CopyTo(outputs);
    }
}
