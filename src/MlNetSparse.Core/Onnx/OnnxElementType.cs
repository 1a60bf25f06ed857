namespace MlNetSparse.Core.Onnx;

/// <summary>The element types a graph input or output may declare; the values are ONNX's TensorProto.DataType codes.</summary>
public enum OnnxElementType
{
    /// <summary>32-bit IEEE 754 float (ONNX FLOAT).</summary>
    Float = 1,

    /// <summary>64-bit signed integer (ONNX INT64).</summary>
    Int64 = 7,
}
