using MlNetSparse.Onnx.Proto;

namespace MlNetSparse.Onnx;

/// <summary>A graph input or output: its name, element type and shape (ONNX ValueInfoProto with a tensor type).</summary>
internal static class OnnxValueInfo
{
    /// <summary>A tensor value named <paramref name="name"/> of <paramref name="elementType"/> and shape <paramref name="dims"/> (fixed or symbolic).</summary>
    public static ValueInfoProto Tensor(string name, OnnxElementType elementType, IEnumerable<OnnxDim> dims)
    {
        // Set even for a scalar ([] dims): an absent shape would mean "unknown rank" instead.
        var shape = new TensorShapeProto();
        foreach (OnnxDim dim in dims)
            shape.Dim.Add(dim.IsSymbolic
                ? new TensorShapeProto.Types.Dimension { DimParam = dim.Name }
                : new TensorShapeProto.Types.Dimension { DimValue = dim.Size });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = shape } },
        };
    }
}
