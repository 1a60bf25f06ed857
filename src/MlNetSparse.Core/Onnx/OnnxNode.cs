namespace MlNetSparse.Core.Onnx;

/// <summary>One operator application in the graph (ONNX NodeProto), in the default ai.onnx domain.</summary>
internal sealed record OnnxNode(string Name, string OpType, string[] Inputs, string[] Outputs, OnnxAttribute[] Attributes)
{
    /// <summary>Writes this node as a NodeProto.</summary>
    public void WriteTo(ProtoWriter writer)
    {
        foreach (string input in Inputs)
            writer.WriteString(OnnxProtoFields.Node.Input, input);
        foreach (string output in Outputs)
            writer.WriteString(OnnxProtoFields.Node.Output, output);
        writer.WriteString(OnnxProtoFields.Node.Name, Name);
        writer.WriteString(OnnxProtoFields.Node.OpType, OpType);
        foreach (OnnxAttribute attribute in Attributes)
        {
            var message = new ProtoWriter();
            attribute.WriteTo(message);
            writer.WriteMessage(OnnxProtoFields.Node.Attribute, message);
        }
    }
}
