using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSparse.Benchmarks;

/// <summary>
/// An IDataView over an <see cref="IRowSource"/> with a known-size "Features" vector (marked
/// normalized: the synthetic features are standardised by construction) and a Boolean "Label".
/// It serves the benchmark's arrays to ML.NET without copying them into another in-memory table,
/// and shuffles by index (each row's id is its index), so SDCA needs no cache.
/// </summary>
internal sealed class RowSourceDataView : IDataView
{
    public const string FeatureColumn = "Features", LabelColumn = "Label";

    private readonly IRowSource _source;

    public RowSourceDataView(IRowSource source)
    {
        _source = source;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(FeatureColumn, new VectorDataViewType(NumberDataViewType.Single, source.FeatureCount), NormalizedAnnotation());
        builder.AddColumn(LabelColumn, BooleanDataViewType.Instance);
        Schema = builder.ToSchema();
    }

    public bool CanShuffle => true;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _source.RowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        => new Cursor(this, columnsNeeded, rand is null ? null : Permutation(_source.RowCount, rand));

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        => [GetRowCursor(columnsNeeded, rand)];

    private static int[] Permutation(int count, Random random)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++)
            order[i] = i;
        random.Shuffle(order);
        return order;
    }

    private static DataViewSchema.Annotations NormalizedAnnotation()
    {
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.Add("IsNormalized", BooleanDataViewType.Instance, (ref bool value) => value = true);
        return annotations.ToAnnotations();
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly RowSourceDataView _parent;
        private readonly bool[] _active;
        private readonly int[]? _order;
        private VBuffer<float> _features;
        private bool _label;
        private long _position = -1;
        private int _row = -1, _rowRead = -1;

        public Cursor(RowSourceDataView parent, IEnumerable<DataViewSchema.Column> columnsNeeded, int[]? order)
        {
            _parent = parent;
            _order = order;
            _active = new bool[parent.Schema.Count];
            foreach (var column in columnsNeeded)
                _active[column.Index] = true;
        }

        public override DataViewSchema Schema => _parent.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (_position + 1 >= _parent._source.RowCount)
            {
                _row = -1;
                return false;
            }
            _position++;
            _row = _order?[_position] ?? (int)_position;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter()
            => (ref DataViewRowId id) => id = new DataViewRowId((ulong)CurrentRow(), 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was made.");
            Delegate getter = column.Name switch
            {
                FeatureColumn => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) => { Read(); _features.CopyTo(ref value); }),
                LabelColumn => (ValueGetter<bool>)((ref bool value) => { Read(); value = _label; }),
                _ => throw new ArgumentOutOfRangeException(nameof(column), $"Unknown column '{column.Name}'."),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}; asked for {typeof(TValue).Name}.");
        }

        // A row is read (or regenerated) once, however many columns are fetched from it.
        private void Read()
        {
            int row = CurrentRow();
            if (_rowRead == row)
                return;
            _label = _parent._source.ReadRow(row, ref _features);
            _rowRead = row;
        }

        private int CurrentRow() => _row >= 0 ? _row : throw new InvalidOperationException("The cursor is not on a row.");
    }
}
