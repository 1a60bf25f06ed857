using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSparse.Tests.Integration;

/// <summary>Reads a scored column of any type the trainers produce as one flat list of doubles, for exact comparisons.</summary>
public static class ColumnValues
{
    public static double[] Read(IDataView data, string name)
    {
        var column = data.Schema[name];
        return column.Type switch
        {
            VectorDataViewType { ItemType: NumberDataViewType t } when t == NumberDataViewType.Single
                => [.. data.GetColumn<VBuffer<float>>(column).SelectMany(v => v.DenseValues()).Select(v => (double)v)],
            // ONNX Runtime's outputs through ApplyOnnxModel: [1, 1] vectors of keys or Booleans.
            VectorDataViewType { ItemType: NumberDataViewType t } when t == NumberDataViewType.UInt32
                => [.. data.GetColumn<VBuffer<uint>>(column).SelectMany(v => v.DenseValues()).Select(v => (double)v)],
            VectorDataViewType { ItemType: BooleanDataViewType }
                => [.. data.GetColumn<VBuffer<bool>>(column).SelectMany(v => v.DenseValues()).Select(v => v ? 1.0 : 0.0)],
            NumberDataViewType t when t == NumberDataViewType.Single => [.. data.GetColumn<float>(column).Select(v => (double)v)],
            BooleanDataViewType => [.. data.GetColumn<bool>(column).Select(v => v ? 1.0 : 0.0)],
            KeyDataViewType => [.. data.GetColumn<uint>(column).Select(v => (double)v)],
            _ => throw new NotSupportedException($"Column '{name}' has type {column.Type}."),
        };
    }
}
