using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSparse.Data;

/// <summary>
/// Reads a label column as the float labels of the core's losses; a missing label reads as NaN.
/// Each task has one: a key column for multiclass, a Boolean for binary, a Single for regression.
/// </summary>
internal abstract class LabelReader
{
    /// <summary>The column types this reader accepts, in words.</summary>
    public abstract string ExpectedType { get; }

    /// <summary>True when <paramref name="type"/> is a label type this reader accepts.</summary>
    public abstract bool Accepts(DataViewType type);

    /// <summary>True when a column of this shape may be a label this reader accepts (the estimator-time check).</summary>
    public abstract bool Accepts(SchemaShape.Column column);

    /// <summary>A getter of the label of the cursor's current row.</summary>
    public abstract ValueGetter<float> CreateGetter(DataViewRow row, DataViewSchema.Column column);

    /// <summary>Key labels 1…k as class indices 0…k−1; key 0 (missing) as NaN.</summary>
    public sealed class Key : LabelReader
    {
        public override string ExpectedType => "a key type (apply MapValueToKey to the label first)";

        public override bool Accepts(DataViewType type) => type is KeyDataViewType { Count: > 0 } && type.RawType == typeof(uint);

        public override bool Accepts(SchemaShape.Column column)
            => column.IsKey && column.Kind == SchemaShape.Column.VectorKind.Scalar && column.ItemType == NumberDataViewType.UInt32;

        public override ValueGetter<float> CreateGetter(DataViewRow row, DataViewSchema.Column column)
        {
            var getKey = row.GetGetter<uint>(column);
            uint key = 0;
            return (ref float label) =>
            {
                getKey(ref key);
                label = key == 0 ? float.NaN : key - 1;
            };
        }
    }

    /// <summary>Boolean labels as 1 (true) and 0 (false).</summary>
    public sealed class Boolean : LabelReader
    {
        public override string ExpectedType => "Boolean";

        public override bool Accepts(DataViewType type) => type is BooleanDataViewType;

        public override bool Accepts(SchemaShape.Column column)
            => !column.IsKey && column.Kind == SchemaShape.Column.VectorKind.Scalar && column.ItemType is BooleanDataViewType;

        public override ValueGetter<float> CreateGetter(DataViewRow row, DataViewSchema.Column column)
        {
            var getBool = row.GetGetter<bool>(column);
            bool value = false;
            return (ref float label) =>
            {
                getBool(ref value);
                label = value ? 1f : 0f;
            };
        }
    }

    /// <summary>Single labels as they are; NaN and ±∞ count as missing.</summary>
    public sealed class Real : LabelReader
    {
        public override string ExpectedType => "Single";

        public override bool Accepts(DataViewType type) => type == NumberDataViewType.Single;

        public override bool Accepts(SchemaShape.Column column)
            => !column.IsKey && column.Kind == SchemaShape.Column.VectorKind.Scalar && column.ItemType == NumberDataViewType.Single;

        public override ValueGetter<float> CreateGetter(DataViewRow row, DataViewSchema.Column column)
        {
            var getSingle = row.GetGetter<float>(column);
            return (ref float label) =>
            {
                getSingle(ref label);
                if (!float.IsFinite(label))
                    label = float.NaN;
            };
        }
    }
}
