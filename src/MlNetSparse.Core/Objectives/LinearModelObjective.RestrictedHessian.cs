using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.ExceptionServices;
using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Core.Objectives;

public sealed partial class LinearModelObjective : IRestrictedHessian
{
    /// <inheritdoc/>
    /// <remarks>
    /// Per row, the restricted pass does about |S|(|S| + 1)/2 multiply-adds (the lower triangle of ∇²_SS)
    /// plus 2|S| (the gradient and the support's values); a gradient pass does 2k per stored entry plus k.
    /// ∞ when the loss gives no second derivatives (<see cref="ITwiceDifferentiableMarginLoss"/>) or the
    /// features are neither <see cref="DenseFeatureMatrix"/> nor <see cref="SparseFeatureMatrix"/>.
    /// </remarks>
    public double RestrictedPassCost(int supportSize)
    {
        Guard.InRange(supportSize, 0, ParameterCount);
        if (!SupportsRestrictedHessian)
            return double.PositiveInfinity;
        return RestrictedRowCost(supportSize) * RowCount / GradientPassWork;
    }

    /// <inheritdoc/>
    /// <remarks>2k per stored entry (the margins and the gradient) plus k per row (the loss's derivatives).</remarks>
    public double GradientPassWork => 2.0 * Layout.OutputCount * CostStoredCount + (double)Layout.OutputCount * RowCount;

    // The arithmetic of one row of the restricted pass. Dense rows: a triangle of ∇²_SS and 2|S| for the row's values
    // and ∇_S. CSR rows (AccumulateSparseRow): the pairs of the row's m entries in S, m²/2 + m for E[m²] = m̄² + m̄
    // (Poisson counts), 2m for them and ∇_S, |S| for the margins over θ's nonzeros and the row's own entries; m̄ is
    // estimated as if S held the most populated columns (the support is not known when the cost is weighed).
    private double RestrictedRowCost(int supportSize)
    {
        if (_features is not SparseFeatureMatrix sparse)
            return supportSize * (supportSize + 1) / 2.0 + 2.0 * supportSize;
        long[] densest = sparse.DensestColumnEntries;
        double inSupport = (double)densest[Math.Min(supportSize, densest.Length - 1)] / RowCount + Math.Min(supportSize, Layout.OutputCount);
        return inSupport * inSupport / 2 + 3 * inSupport + supportSize + (double)sparse.StoredCount / RowCount;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <para>∇_S f = Σᵢ ωᵢ ∂ℓ/∂z_c(a) · x̃ᵢ,a / Σω and ∇²_ab f = Σᵢ ωᵢ ∂²ℓ/∂z_c(a)∂z_c(b) · x̃ᵢ,a x̃ᵢ,b / Σω, where c(a) is
    /// the class of θ[S[a]] and x̃ᵢ,a its feature's value in row i (1 for a bias): for softmax the blocks
    /// between classes c, c′ are Σᵢ xᵢⱼ xᵢⱼ′ (p_c δ_cc′ − p_c p_c′).</para>
    /// <para>One pass over the rows in the chunks of a <see cref="RowChunkPlan"/> (which depends on the
    /// shape only), each chunk summing its rows in order into its own double partials, and the partials
    /// added in chunk order: the same bits for any <see cref="MaxDegreeOfParallelism"/>.</para>
    /// </remarks>
    /// <exception cref="NotSupportedException">The loss or the feature storage has no restricted pass (<see cref="RestrictedPassCost"/> is ∞).</exception>
    public double ValueGradientAndHessian(ReadOnlySpan<float> parameters, ReadOnlySpan<int> support, Span<double> gradient, Span<double> hessian)
    {
        Guard.Length(parameters.Length, ParameterCount, nameof(parameters));
        Guard.Length(gradient.Length, support.Length, nameof(gradient));
        Guard.Length(hessian.Length, support.Length * support.Length, nameof(hessian));
        if (!SupportsRestrictedHessian)
            throw new NotSupportedException(
                $"A restricted Hessian needs a loss that implements {nameof(ITwiceDifferentiableMarginLoss)} and dense or CSR features; got {_loss.GetType().Name} over {_features.GetType().Name}.");
        var layout = new RestrictedSupport(Layout, parameters, support, _features is SparseFeatureMatrix);
        int size = layout.Size;
        var plan = new RowChunkPlan(RowCount, HessianChunkCount(size, layout.Weights.Length));
        var partials = new RestrictedPartials[plan.ChunkCount];
        GatheredColumns? columns = GatheredFor(layout);
        void RunChunk(int chunk)
        {
            partials[chunk] = new RestrictedPartials(size, layout.SlotCount, Layout.OutputCount);
            AccumulateRows(layout, plan.Start(chunk), plan.Start(chunk + 1), partials[chunk], columns);
        }
        if (plan.ChunkCount == 1 || _maxDegreeOfParallelism == 1)
        {
            for (int chunk = 0; chunk < plan.ChunkCount; chunk++)
                RunChunk(chunk);
        }
        else
        {
            try
            {
                Parallel.For(0, plan.ChunkCount, new ParallelOptions { MaxDegreeOfParallelism = _maxDegreeOfParallelism }, RunChunk);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
        }

        if (columns is not null)
            columns.Filled = true;

        // Chunk 0 ← Σ chunks, in chunk order.
        RestrictedPartials total = partials[0];
        for (int chunk = 1; chunk < plan.ChunkCount; chunk++)
        {
            total.Value += partials[chunk].Value;
            TensorPrimitives.Add(total.Gradient, partials[chunk].Gradient, total.Gradient);
            TensorPrimitives.Add(total.Hessian, partials[chunk].Hessian, total.Hessian);
        }
        // Back to the caller's order; the pass filled the lower triangle (b ≤ a) only.
        for (int a = 0; a < size; a++)
        {
            gradient[layout.Order[a]] = total.Gradient[a] / _weightSum;
            for (int b = 0; b <= a; b++)
            {
                double value = total.Hessian[a * size + b] / _weightSum;
                hessian[layout.Order[a] * size + layout.Order[b]] = value;
                hessian[layout.Order[b] * size + layout.Order[a]] = value;
            }
        }
        return total.Value / _weightSum;
    }

    private bool SupportsRestrictedHessian
        => _loss is ITwiceDifferentiableMarginLoss && _features is DenseFeatureMatrix or SparseFeatureMatrix;

    // As many chunks as the work is worth, within RowChunkPlan's limits on count and partial-sum memory.
    private int HessianChunkCount(int size, int nonzeroWeights)
    {
        long perRow = (long)size * (size + 1) / 2 + 2L * size + nonzeroWeights + Layout.OutputCount * Layout.OutputCount;
        long byWork = RowCount * perRow / RowChunkPlan.MinimumWorkPerChunk;
        long byMemory = RowChunkPlan.PartialBytesBudget / Math.Max(1L, (long)size * size * sizeof(double));
        long count = Math.Min(Math.Min(byWork, byMemory), Math.Min(RowChunkPlan.MaximumChunkCount, RowCount));
        return (int)Math.Max(1, count);
    }

    // The dense rows' values at the slots of this layout, gathered on the pass that first reads them and kept for the next
    // passes over the same slots (Newton's steps and line search on one support, docs/algorithms.md#support-polish): those
    // read m·slots floats instead of a scattered entry of every row, and the same floats, so the same bits. Only the last
    // slots are kept, and only while they are at most a quarter of X's columns (so the copy is at most a quarter of X).
    private GatheredColumns? GatheredFor(RestrictedSupport layout)
    {
        if (_features is not DenseFeatureMatrix || layout.SlotCount == 0 || 4L * layout.SlotCount > Layout.FeatureCount
            || (long)RowCount * layout.SlotCount > Array.MaxLength)
            return null;
        if (_gathered is { Filled: true } kept && kept.Features.AsSpan().SequenceEqual(layout.FeatureOfSlot))
            return kept;
        _gathered = new GatheredColumns(layout.FeatureOfSlot.ToArray(), new float[(long)RowCount * layout.SlotCount]);
        return _gathered;
    }

    private GatheredColumns? _gathered;

    // X's columns at some slots, row-major (row i at [i·slots, (i + 1)·slots)); Filled once a whole pass has written them.
    private sealed class GatheredColumns(int[] features, float[] values)
    {
        public int[] Features { get; } = features;
        public float[] Values { get; } = values;
        public bool Filled { get; set; }
    }

    // Rows [start, end): the weighted loss, ∂ℓ/∂z_c(a)·x̃_a and ∂²ℓ/∂z_c(a)∂z_c(b)·x̃_a·x̃_b for b ≤ a, in row order.
    private void AccumulateRows(RestrictedSupport layout, int start, int end, RestrictedPartials partials, GatheredColumns? columns)
    {
        int slots = layout.SlotCount;
        var loss = (ITwiceDifferentiableMarginLoss)_loss;
        int k = Layout.OutputCount, size = layout.Size;
        Span<double> values = partials.Values, margins = partials.Margins, derivative = partials.Derivative;
        Span<double> curvature = partials.Curvature, x = partials.SupportValues;
        int[] segment = layout.SegmentStart, classOf = layout.ClassOf;
        var sparse = _features as SparseFeatureMatrix;
        for (int i = start; i < end; i++)
        {
            double weight = _exampleWeights?[i] ?? 1.0;
            if (weight == 0)
                continue;
            if (sparse is not null)
            {
                Span<int> touched = partials.Touched.AsSpan(0, layout.GatherSparse(sparse, i, values, partials.Touched));
                layout.Margins(values, margins);
                partials.Value += weight * loss.ValueDerivativeAndHessian(margins, _labels[i], derivative, curvature);
                AccumulateSparseRow(layout, weight, values, touched, derivative, curvature, partials);
                RestrictedSupport.Ungather(values, touched);
                continue;
            }
            if (columns is { Filled: true })
            {
                ReadOnlySpan<float> kept = columns.Values.AsSpan(i * slots, slots);
                for (int slot = 0; slot < slots; slot++)
                    values[slot] = kept[slot];
            }
            else
            {
                layout.Gather(_features, i, values);
                if (columns is not null)
                {
                    Span<float> keep = columns.Values.AsSpan(i * slots, slots);
                    for (int slot = 0; slot < slots; slot++)
                        keep[slot] = (float)values[slot];   // exact: the values are X's floats
                }
            }
            layout.Margins(values, margins);
            partials.Value += weight * loss.ValueDerivativeAndHessian(margins, _labels[i], derivative, curvature);
            layout.SupportValues(values, x);
            for (int a = 0; a < size; a++)
            {
                int c = classOf[a];
                partials.Gradient[a] += weight * derivative[c] * x[a];
                // row a of ∇², class by class: H[a, b] += ω·∂²ℓ/∂z_c∂z_c′·x̃_a·x̃_b for b ≤ a in class c′
                for (int other = 0; other <= c; other++)
                {
                    int first = segment[other], last = Math.Min(segment[other + 1], a + 1);
                    if (last <= first)
                        continue;
                    double coefficient = weight * curvature[c * k + other] * x[a];
                    if (coefficient == 0)
                        continue;
                    AddScaled(partials.Hessian.AsSpan(a * size + first, last - first), x.Slice(first, last - first), coefficient);
                }
            }
        }
    }

    // row += x·coefficient, each entry rounded twice (the product, then the sum; never fused), as two whole-span operations
    // would, but in one loop: the rows of ∇²_SS are short (|S| entries at most), so per-call overhead would outweigh the work.
    private static void AddScaled(Span<double> row, ReadOnlySpan<double> x, double coefficient)
    {
        int b = 0;
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<double>.Count)
        {
            var scale = new Vector<double>(coefficient);
            for (; b <= row.Length - Vector<double>.Count; b += Vector<double>.Count)
            {
                Vector<double> product = new Vector<double>(x[b..]) * scale;
                (new Vector<double>(row[b..]) + product).CopyTo(row[b..]);
            }
        }
        for (; b < row.Length; b++)
        {
            double product = x[b] * coefficient;
            row[b] += product;
        }
    }

    // A CSR row touches ∇_S and ∇²_SS only where its entries are in S: each entry and pair gets the same single term per
    // row as in the dense loop above (whose other terms add exact zeros), so CSR and dense storage of one matrix give the
    // same bits, at a cost of the pairs of the row's m entries in S rather than all |S|(|S| + 1)/2 (RestrictedRowCost).
    private void AccumulateSparseRow(RestrictedSupport layout, double weight, ReadOnlySpan<double> values, ReadOnlySpan<int> touched,
        ReadOnlySpan<double> derivative, ReadOnlySpan<double> curvature, RestrictedPartials partials)
    {
        int k = Layout.OutputCount, size = layout.Size;
        int[] classOf = layout.ClassOf, present = partials.Present;
        double[] entries = partials.PresentEntries;
        int count = layout.PresentPositions(values, touched, present, entries);
        for (int p = 0; p < count; p++)
        {
            int a = present[p];
            partials.Gradient[a] += weight * derivative[classOf[a]] * entries[p];
            // H[a, b] for b ≤ a: the pair's larger position is the row of the lower triangle
            for (int q = 0; q < count; q++)
            {
                int b = present[q];
                if (b > a)
                    continue;
                double coefficient = weight * curvature[classOf[a] * k + classOf[b]] * entries[p];
                if (coefficient != 0)
                    partials.Hessian[a * size + b] += entries[q] * coefficient;
            }
        }
    }

    // One chunk's sums and scratch.
    private sealed class RestrictedPartials(int size, int slots, int k)
    {
        public double Value;
        public readonly double[] Gradient = new double[size];
        public readonly double[] Hessian = new double[size * size];
        public readonly double[] Values = new double[slots];
        public readonly double[] Margins = new double[k];
        public readonly double[] Derivative = new double[k];
        public readonly double[] Curvature = new double[k * k];
        public readonly double[] SupportValues = new double[size];
        public readonly int[] Present = new int[size];
        public readonly double[] PresentEntries = new double[size];
        public readonly int[] Touched = new int[slots];
    }
}
