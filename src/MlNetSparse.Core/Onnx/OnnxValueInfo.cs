namespace MlNetSparse.Core.Onnx;

/// <summary>A graph input or output: its name, element type and shape (ONNX ValueInfoProto with a tensor type).</summary>
internal sealed record OnnxValueInfo(string Name, OnnxElementType ElementType, OnnxDim[] Dims)
{
    /// <summary>Writes this value as a ValueInfoProto.</summary>
    public void WriteTo(ProtoWriter writer)
    {
        var shape = new ProtoWriter();
        foreach (OnnxDim dim in Dims)
        {
            var dimension = new ProtoWriter();
            if (dim.IsSymbolic)
                dimension.WriteString(OnnxProtoFields.Dimension.DimParam, dim.Name!);
            else
                dimension.WriteInt64(OnnxProtoFields.Dimension.DimValue, dim.Size);
            shape.WriteMessage(OnnxProtoFields.TensorShape.Dim, dimension);
        }

        var tensorType = new ProtoWriter();
        tensorType.WriteInt64(OnnxProtoFields.TensorType.ElemType, (int)ElementType);
        // Written even for a scalar ([] dims): an absent shape would mean "unknown rank" instead.
        tensorType.WriteMessage(OnnxProtoFields.TensorType.Shape, shape);

        var type = new ProtoWriter();
        type.WriteMessage(OnnxProtoFields.Type.TensorType, tensorType);

        writer.WriteString(OnnxProtoFields.ValueInfo.Name, Name);
        writer.WriteMessage(OnnxProtoFields.ValueInfo.Type, type);
    }
}
