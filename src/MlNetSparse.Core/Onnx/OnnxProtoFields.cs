namespace MlNetSparse.Core.Onnx;

/// <summary>
/// Field numbers of the ONNX messages this writer emits, as onnx.proto (onnx/onnx) defines them.
/// Only the fields used are listed; each class is one message.
/// </summary>
internal static class OnnxProtoFields
{
    /// <summary>ModelProto.</summary>
    public static class Model
    {
        public const int IrVersion = 1, ProducerName = 2, ProducerVersion = 3, DocString = 6, Graph = 7, OpsetImport = 8;
    }

    /// <summary>OperatorSetIdProto.</summary>
    public static class OperatorSetId
    {
        public const int Domain = 1, Version = 2;
    }

    /// <summary>GraphProto.</summary>
    public static class Graph
    {
        public const int Node = 1, Name = 2, Initializer = 5, Input = 11, Output = 12;
    }

    /// <summary>NodeProto.</summary>
    public static class Node
    {
        public const int Input = 1, Output = 2, Name = 3, OpType = 4, Attribute = 5;
    }

    /// <summary>AttributeProto.</summary>
    public static class Attribute
    {
        public const int Name = 1, F = 2, I = 3, S = 4, T = 5, Floats = 7, Ints = 8, Type = 20;
    }

    /// <summary>AttributeProto.AttributeType.</summary>
    public static class AttributeType
    {
        public const int Float = 1, Int = 2, String = 3, Tensor = 4, Floats = 6, Ints = 7;
    }

    /// <summary>TensorProto.</summary>
    public static class Tensor
    {
        public const int Dims = 1, DataType = 2, Name = 8, RawData = 9;
    }

    /// <summary>ValueInfoProto.</summary>
    public static class ValueInfo
    {
        public const int Name = 1, Type = 2;
    }

    /// <summary>TypeProto (the tensor_type member of its oneof).</summary>
    public static class Type
    {
        public const int TensorType = 1;
    }

    /// <summary>TypeProto.Tensor.</summary>
    public static class TensorType
    {
        public const int ElemType = 1, Shape = 2;
    }

    /// <summary>TensorShapeProto.</summary>
    public static class TensorShape
    {
        public const int Dim = 1;
    }

    /// <summary>TensorShapeProto.Dimension.</summary>
    public static class Dimension
    {
        public const int DimValue = 1, DimParam = 2;
    }
}
