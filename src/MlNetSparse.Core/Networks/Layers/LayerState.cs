namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// What one layer needs for one chunk of a batch: scratch memory, the gradient accumulators of its
/// parameters (one per <see cref="Layer.Parameters"/> entry, summed into by Backward), and whether
/// this is a training pass (batch normalisation then uses the chunk's statistics).
/// </summary>
internal sealed class LayerState
{
    public LayerState(Layer layer, int maxBatch)
        : this(layer, maxBatch, sharedScratch: null)
    {
    }

    /// <summary>A state whose scratch is <paramref name="sharedScratch"/> (another state's, of the same layer and batch), unless null.</summary>
    public LayerState(Layer layer, int maxBatch, float[]? sharedScratch)
    {
        if (sharedScratch != null && sharedScratch.Length != layer.ScratchLength(maxBatch))
            throw new ArgumentException("A shared scratch must be the layer's own length for the batch.", nameof(sharedScratch));
        Scratch = sharedScratch ?? new float[layer.ScratchLength(maxBatch)];
        Gradients = layer.Parameters.Select(p => new float[p.Values.Length]).ToArray();
    }

    public float[] Scratch { get; }

    public float[][] Gradients { get; }

    public bool Training { get; set; }

    /// <summary>The batch size of the last training Forward (for statistics that layers commit).</summary>
    public int Batch { get; set; }

    public void ClearGradients()
    {
        foreach (float[] g in Gradients)
            Array.Clear(g);
    }
}
