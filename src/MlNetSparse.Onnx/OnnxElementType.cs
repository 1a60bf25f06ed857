using DataType = MlNetSparse.Onnx.Proto.TensorProto.Types.DataType;

namespace MlNetSparse.Onnx;

/// <summary>The element types a graph input or output may declare; the values are ONNX's TensorProto.DataType codes.</summary>
internal enum OnnxElementType
{
    /// <summary>32-bit IEEE 754 float (ONNX FLOAT).</summary>
    Float = DataType.Float,

    /// <summary>64-bit signed integer (ONNX INT64).</summary>
    Int64 = DataType.Int64,
}
