using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Core.Objectives;

/// <summary>
/// A support S of a linear model's θ laid out for the restricted Hessian pass
/// (<see cref="LinearModelObjective.ValueGradientAndHessian"/>): S reordered class by class, so that the
/// entries of one class are contiguous and a row of ∇²_SS is a few vector updates; the features S and
/// θ's nonzero weights read, each given a slot; and θ's nonzeros as (class, slot, value), so a row's
/// margins cost O(nnz θ) rather than O(k·n).
/// </summary>
internal sealed class RestrictedSupport
{
    private const int NoSlot = -1;

    private readonly int[] _featureOfSlot;
    private readonly int[] _slotOfFeature; // only for CSR rows: column → slot, NoSlot when not read

    public RestrictedSupport(LinearModelLayout layout, ReadOnlySpan<float> parameters, ReadOnlySpan<int> support, bool sparseRows)
    {
        int k = layout.OutputCount, n = layout.FeatureCount, size = support.Length;
        Order = new int[size];
        ClassOf = new int[size];
        SlotOf = new int[size];
        SegmentStart = new int[k + 1];
        var slotOfFeature = new int[n];
        Array.Fill(slotOfFeature, NoSlot);
        var featureOfSlot = new List<int>();
        int Slot(int feature)
        {
            if (slotOfFeature[feature] == NoSlot)
            {
                slotOfFeature[feature] = featureOfSlot.Count;
                featureOfSlot.Add(feature);
            }
            return slotOfFeature[feature];
        }

        // S class by class (counting sort, stable: the caller's order within a class).
        var seen = new bool[layout.ParameterCount];
        foreach (int index in support)
        {
            if ((uint)index >= (uint)layout.ParameterCount)
                throw new ArgumentOutOfRangeException(nameof(support), $"support indices must be in [0, {layout.ParameterCount - 1}]; got {index}.");
            if (seen[index])
                throw new ArgumentException($"support must hold distinct indices; {index} is repeated.", nameof(support));
            seen[index] = true;
            SegmentStart[layout.Describe(index).Output + 1]++;
        }
        for (int c = 0; c < k; c++)
            SegmentStart[c + 1] += SegmentStart[c];
        var next = SegmentStart[..k];
        for (int a = 0; a < size; a++)
        {
            ParameterRole role = layout.Describe(support[a]);
            int position = next[role.Output]++;
            Order[position] = a;
            ClassOf[position] = role.Output;
            SlotOf[position] = role.Feature is int feature ? Slot(feature) : NoSlot;
        }

        // θ's nonzeros: biases apart, weights by slot.
        Biases = parameters[layout.WeightCount..].ToArray();
        var weights = new List<(int Class, int Slot, double Value)>();
        for (int p = 0; p < layout.WeightCount; p++)
            if (parameters[p] != 0f)
                weights.Add((p / n, Slot(p % n), parameters[p]));
        Weights = [.. weights];
        _featureOfSlot = [.. featureOfSlot];
        _slotOfFeature = sparseRows ? slotOfFeature : [];

        // For CSR rows: the positions of each slot (a feature in several classes has several), and the biases'.
        _positionStart = new int[_featureOfSlot.Length + 1];
        var biasPositions = new List<int>();
        for (int position = 0; position < size; position++)
        {
            if (SlotOf[position] == NoSlot)
                biasPositions.Add(position);
            else
                _positionStart[SlotOf[position] + 1]++;
        }
        for (int slot = 0; slot < _featureOfSlot.Length; slot++)
            _positionStart[slot + 1] += _positionStart[slot];
        _positionsOfSlot = new int[_positionStart[^1]];
        var fill = _positionStart[..^1];
        for (int position = 0; position < size; position++)
            if (SlotOf[position] != NoSlot)
                _positionsOfSlot[fill[SlotOf[position]]++] = position;
        _biasPositions = [.. biasPositions];
    }

    private readonly int[] _positionStart;
    private readonly int[] _positionsOfSlot;
    private readonly int[] _biasPositions;

    /// <summary>|S|.</summary>
    public int Size => Order.Length;

    /// <summary>Features read per row.</summary>
    public int SlotCount => _featureOfSlot.Length;

    /// <summary>The feature read at each slot.</summary>
    public ReadOnlySpan<int> FeatureOfSlot => _featureOfSlot;

    /// <summary>Order[position] = the caller's index a of the support entry at that position of the class-grouped order.</summary>
    public int[] Order { get; }

    /// <summary>The class of each position.</summary>
    public int[] ClassOf { get; }

    /// <summary>The feature slot of each position; −1 for a bias (its "feature" is 1).</summary>
    public int[] SlotOf { get; }

    /// <summary>Class c occupies positions [SegmentStart[c], SegmentStart[c + 1]).</summary>
    public int[] SegmentStart { get; }

    /// <summary>θ's biases, b.</summary>
    public float[] Biases { get; }

    /// <summary>θ's nonzero weights.</summary>
    public (int Class, int Slot, double Value)[] Weights { get; }

    /// <summary>Writes row i's features at the slots into <paramref name="values"/> (SlotCount entries).</summary>
    public void Gather(IFeatureMatrix features, int row, Span<double> values)
    {
        if (features is DenseFeatureMatrix dense)
        {
            ReadOnlySpan<float> x = dense.Row(row);
            for (int slot = 0; slot < _featureOfSlot.Length; slot++)
                values[slot] = x[_featureOfSlot[slot]];
            return;
        }
        var sparse = (SparseFeatureMatrix)features;
        values.Clear();
        ReadOnlySpan<int> columns = sparse.RowColumns(row);
        ReadOnlySpan<float> stored = sparse.RowValues(row);
        for (int p = 0; p < columns.Length; p++)
            if (_slotOfFeature[columns[p]] is int slot and not NoSlot)
                values[slot] += stored[p]; // += : a CSR row may repeat a column
    }

    /// <summary>
    /// As <see cref="Gather"/> for CSR row i, touching only the row's entries: <paramref name="values"/> must be all zero
    /// before (and is, again, after <see cref="Ungather"/>); the slots written go to <paramref name="touched"/>.
    /// </summary>
    /// <returns>How many slots were written.</returns>
    public int GatherSparse(SparseFeatureMatrix features, int row, Span<double> values, Span<int> touched)
    {
        ReadOnlySpan<int> columns = features.RowColumns(row);
        ReadOnlySpan<float> stored = features.RowValues(row);
        int count = 0;
        for (int p = 0; p < columns.Length; p++)
        {
            if (_slotOfFeature[columns[p]] is not (int slot and not NoSlot))
                continue;
            if (values[slot] == 0 && !Contains(touched[..count], slot))
                touched[count++] = slot;
            values[slot] += stored[p]; // += : a CSR row may repeat a column
        }
        return count;
    }

    /// <summary>Zeroes the slots <see cref="GatherSparse"/> wrote.</summary>
    public static void Ungather(Span<double> values, ReadOnlySpan<int> touched)
    {
        foreach (int slot in touched)
            values[slot] = 0;
    }

    /// <summary>
    /// The support positions where a CSR row's entry is nonzero, with that entry (1 for a bias): the row's gathered
    /// <paramref name="touched"/> slots' positions, then the biases'. In no particular order.
    /// </summary>
    /// <returns>How many positions were written.</returns>
    public int PresentPositions(ReadOnlySpan<double> values, ReadOnlySpan<int> touched, Span<int> positions, Span<double> entries)
    {
        int count = 0;
        foreach (int slot in touched)
        {
            double value = values[slot];
            if (value == 0)
                continue;
            for (int p = _positionStart[slot]; p < _positionStart[slot + 1]; p++)
                (positions[count], entries[count++]) = (_positionsOfSlot[p], value);
        }
        foreach (int position in _biasPositions)
            (positions[count], entries[count++]) = (position, 1);
        return count;
    }

    private static bool Contains(ReadOnlySpan<int> slots, int slot) => slots.Contains(slot);

    /// <summary>z = W·x + b over θ's nonzeros, from the row's gathered features.</summary>
    public void Margins(ReadOnlySpan<double> values, Span<double> margins)
    {
        for (int c = 0; c < margins.Length; c++)
            margins[c] = Biases[c];
        foreach (var (c, slot, value) in Weights)
            margins[c] += value * values[slot];
    }

    /// <summary>The row's entry of each support position: its feature's value, or 1 for a bias.</summary>
    public void SupportValues(ReadOnlySpan<double> values, Span<double> destination)
    {
        for (int position = 0; position < SlotOf.Length; position++)
            destination[position] = SlotOf[position] is int slot and not NoSlot ? values[slot] : 1;
    }
}
