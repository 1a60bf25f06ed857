using System.Globalization;
using Google.Protobuf;
using MlNetSparse.Core;
using MlNetSparse.Onnx.Proto;

namespace MlNetSparse.Onnx;

/// <summary>
/// Builds one ONNX model (a single graph in the default ai.onnx domain) as the messages of
/// Proto/onnx.proto and writes it as protobuf bytes. Values are in single-assignment form: each name
/// is defined once, by a graph input, an initializer or a node output, before a node uses it.
/// </summary>
/// <remarks>
/// Mistakes are reported where they are made: an input name nobody defined, an output defined twice
/// or an initializer whose values do not fill its dims throws an <see cref="ArgumentException"/>
/// naming the node or tensor. Initializers are written as little-endian raw_data.
/// </remarks>
internal sealed class OnnxGraphBuilder
{
    /// <summary>The oldest opset accepted: 13, where Softmax took its current meaning (along one axis; before, it flattened to 2-D).</summary>
    public const int MinOpsetVersion = 13;

    /// <summary>
    /// The newest opset accepted: 23 (ONNX 1.18), the newest that ONNX Runtime 1.23 implements, the oldest
    /// runtime ML.NET 5's OnnxTransformer allows. (ONNX Runtime 1.31 reads up to opset 26.)
    /// </summary>
    public const int MaxOpsetVersion = 23;

    /// <summary>
    /// The default opset: 17 (ONNX 1.12, IR 8), by which every op the emitters use has its current
    /// semantics, and old enough for any ONNX Runtime of the last few years.
    /// </summary>
    public const int DefaultOpsetVersion = 17;

    // ONNX's release table: the IR version of the release that introduced each opset, from 13 on.
    // The oldest IR that can carry the opset is written, so older readers accept the model.
    private static readonly int[] IrVersionByOpset = [7, 7, 8, 8, 8, 8, 9, 9, 10, 10, 11];

    // The graph as written so far: nodes, initializers, inputs and outputs in the order they were added.
    private readonly GraphProto _graph;
    // Every defined value name → what defines it, worded for error messages.
    private readonly Dictionary<string, string> _definitions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    // Names handed out by UniqueName, so a second call never hands out the same one.
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);

    /// <summary>An empty graph.</summary>
    /// <param name="graphName">The graph's name (not blank).</param>
    /// <param name="producerName">Written as the model's producer_name.</param>
    /// <param name="producerVersion">Written as producer_version; the version of this assembly when null.</param>
    /// <param name="opsetVersion">The ai.onnx opset, in [<see cref="MinOpsetVersion"/>, <see cref="MaxOpsetVersion"/>].</param>
    /// <exception cref="ArgumentException">A blank graph or producer name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An opset out of range.</exception>
    public OnnxGraphBuilder(string graphName, string producerName = "MlNetSparse", string? producerVersion = null,
        int opsetVersion = DefaultOpsetVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        ArgumentException.ThrowIfNullOrWhiteSpace(producerName);
        Guard.InRange(opsetVersion, MinOpsetVersion, MaxOpsetVersion);
        GraphName = graphName;
        _graph = new GraphProto { Name = graphName };
        ProducerName = producerName;
        ProducerVersion = producerVersion ?? typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "";
        OpsetVersion = opsetVersion;
    }

    /// <summary>The graph's name.</summary>
    public string GraphName { get; }

    /// <summary>The model's producer_name.</summary>
    public string ProducerName { get; }

    /// <summary>The model's producer_version.</summary>
    public string ProducerVersion { get; }

    /// <summary>The ai.onnx opset the nodes are written against.</summary>
    public int OpsetVersion { get; }

    /// <summary>The ONNX IR version written: the oldest one that carries <see cref="OpsetVersion"/>.</summary>
    public int IrVersion => IrVersionByOpset[OpsetVersion - MinOpsetVersion];

    /// <summary>Whether <paramref name="name"/> is already a graph input, an initializer or a node output.</summary>
    public bool IsDefined(string name) => _definitions.ContainsKey(name);

    /// <summary>
    /// <paramref name="prefix"/>, or <c>prefix_1</c>, <c>prefix_2</c>, … : the first that is not a value
    /// name, a node name, nor handed out before. The name is reserved, so the next call gives another.
    /// </summary>
    /// <exception cref="ArgumentException">A blank prefix.</exception>
    public string UniqueName(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        string name = prefix;
        for (int suffix = 1; _definitions.ContainsKey(name) || _nodeNames.Contains(name) || _reserved.Contains(name); suffix++)
            name = prefix + "_" + suffix.ToString(CultureInfo.InvariantCulture);
        _reserved.Add(name);
        return name;
    }

    /// <summary>Declares a graph input.</summary>
    /// <param name="name">A name not yet defined.</param>
    /// <param name="elementType">The element type.</param>
    /// <param name="dims">The shape; a dimension may be symbolic, e.g. <c>AddInput("Features", OnnxElementType.Float, "batch", 16)</c>.</param>
    /// <exception cref="ArgumentException">A blank or already defined name, or a default (neither fixed nor symbolic) dim.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined element type.</exception>
    public void AddInput(string name, OnnxElementType elementType, params OnnxDim[] dims)
    {
        ValueInfoProto input = CheckValueInfo("Graph input", name, elementType, dims);
        Define(name, "a graph input", "Graph input");
        _graph.Input.Add(input);
    }

    /// <summary>
    /// Declares a graph output. It may be declared before the node that produces it;
    /// <see cref="ToBytes"/> checks that something does.
    /// </summary>
    /// <param name="name">A name not yet declared as an output.</param>
    /// <param name="elementType">The element type.</param>
    /// <param name="dims">The shape; a dimension may be symbolic.</param>
    /// <exception cref="ArgumentException">A blank or already declared name, or a default dim.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined element type.</exception>
    public void AddOutput(string name, OnnxElementType elementType, params OnnxDim[] dims)
    {
        ValueInfoProto output = CheckValueInfo("Graph output", name, elementType, dims);
        if (_graph.Output.Any(o => o.Name == name))
            throw new ArgumentException($"Graph output '{name}' is already declared.", nameof(name));
        _graph.Output.Add(output);
    }

    /// <summary>Adds a float constant (an initializer), its values copied now as little-endian raw_data.</summary>
    /// <param name="name">A name not yet defined.</param>
    /// <param name="dims">The shape (each ≥ 0; empty for a scalar).</param>
    /// <param name="values">Exactly the product of <paramref name="dims"/> values, row-major.</param>
    /// <returns><paramref name="name"/>, to use as a node input.</returns>
    /// <exception cref="ArgumentException">A blank or already defined name, a negative dim, or a value count that does not match the dims.</exception>
    public string AddInitializer(string name, ReadOnlySpan<int> dims, ReadOnlySpan<float> values)
    {
        CheckNewValue("Initializer", name);
        return AddInitializer(OnnxTensor.Float(name, dims, values));
    }

    /// <summary>Adds an int64 constant (an initializer), such as the target shape of a Reshape.</summary>
    /// <param name="name">A name not yet defined.</param>
    /// <param name="dims">The shape (each ≥ 0; empty for a scalar).</param>
    /// <param name="values">Exactly the product of <paramref name="dims"/> values, row-major.</param>
    /// <returns><paramref name="name"/>, to use as a node input.</returns>
    /// <exception cref="ArgumentException">A blank or already defined name, a negative dim, or a value count that does not match the dims.</exception>
    public string AddInt64Initializer(string name, ReadOnlySpan<int> dims, ReadOnlySpan<long> values)
    {
        CheckNewValue("Initializer", name);
        return AddInitializer(OnnxTensor.Int64(name, dims, values));
    }

    /// <summary>Adds a node of the default ai.onnx domain.</summary>
    /// <param name="opType">The operator, e.g. "Conv".</param>
    /// <param name="inputs">Names already defined; "" stands for an omitted optional input.</param>
    /// <param name="outputs">New names (at least one), which the node defines.</param>
    /// <param name="name">The node's name, unique among nodes; <see cref="UniqueName"/>(<paramref name="opType"/>) when null.</param>
    /// <param name="attributes">The node's attributes, each name at most once.</param>
    /// <returns>The node's name.</returns>
    /// <exception cref="ArgumentException">
    /// A blank op type, a duplicate node name, an input that is not defined, an output that is already
    /// defined or repeated, no output, or a repeated attribute name; the message names the node.
    /// </exception>
    public string AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs,
        string? name = null, params AttributeProto[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(attributes);
        if (name is not null)
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string node = name ?? UniqueName(opType);
        CheckNode(node, opType, inputs, outputs);
        CheckNodeAttributes(node, opType, attributes);

        foreach (string output in outputs)
            _definitions.Add(output, $"the output of node '{node}' ({opType})");
        _nodeNames.Add(node);
        var proto = new NodeProto { Name = node, OpType = opType };
        proto.Input.AddRange(inputs);
        proto.Output.AddRange(outputs);
        // Cloned: the node keeps the attribute as it is now, even if the caller reuses the message.
        proto.Attribute.AddRange(attributes.Select(a => a.Clone()));
        _graph.Node.Add(proto);
        return node;
    }

    /// <summary>The model as ONNX protobuf bytes (a ModelProto). The same graph gives the same bytes.</summary>
    /// <exception cref="InvalidOperationException">No output is declared, or an output is not defined by any input, initializer or node.</exception>
    public byte[] ToBytes()
    {
        if (_graph.Output.Count == 0)
            throw new InvalidOperationException($"Graph '{GraphName}' declares no output: call AddOutput.");
        foreach (ValueInfoProto output in _graph.Output)
            if (!_definitions.ContainsKey(output.Name))
                throw new InvalidOperationException(
                    $"Graph output '{output.Name}' is not a graph input, an initializer or the output of any node.");

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            Graph = _graph,
        };
        if (ProducerVersion.Length > 0)
            model.ProducerVersion = ProducerVersion;
        // The default domain is the empty string, written out as ONNX's own exporters do.
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        return model.ToByteArray();
    }

    /// <summary>Writes <see cref="ToBytes"/> to <paramref name="stream"/> (left open).</summary>
    /// <exception cref="InvalidOperationException">As <see cref="ToBytes"/>.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes());
    }

    /// <summary>Writes <see cref="ToBytes"/> to the file at <paramref name="path"/>, replacing it.</summary>
    /// <exception cref="InvalidOperationException">As <see cref="ToBytes"/>.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllBytes(path, ToBytes());
    }

    private string AddInitializer(TensorProto tensor)
    {
        Define(tensor.Name, "an initializer", "Initializer");
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    private void CheckNewValue(string what, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_definitions.TryGetValue(name, out string? definition))
            throw new ArgumentException($"{what} '{name}' is already defined as {definition}.", nameof(name));
    }

    private void Define(string name, string definition, string what)
    {
        CheckNewValue(what, name);
        _definitions.Add(name, definition);
    }

    private static ValueInfoProto CheckValueInfo(string what, string name, OnnxElementType elementType, OnnxDim[] dims)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Guard.Defined(elementType);
        ArgumentNullException.ThrowIfNull(dims);
        for (int i = 0; i < dims.Length; i++)
            if (!dims[i].IsSymbolic && dims[i].Size < 1)
                throw new ArgumentException(
                    $"{what} '{name}': dims[{i}] is neither a size ≥ 1 nor a symbolic name (a default OnnxDim).", nameof(dims));
        return OnnxValueInfo.Tensor(name, elementType, dims);
    }

    /// <summary>
    /// The checks of <see cref="AddNode"/> on a node's name, inputs and outputs, without adding it: the
    /// emitters of <see cref="OnnxOps"/> run them before adding initializers, so a mistake leaves the graph unchanged.
    /// </summary>
    internal void CheckNode(string node, string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
    {
        if (_nodeNames.Contains(node))
            throw new ArgumentException($"Node '{node}' ({opType}): another node already has this name.", "name");
        CheckNodeInputs(node, opType, inputs);
        CheckNodeOutputs(node, opType, outputs);
    }

    private void CheckNodeInputs(string node, string opType, IReadOnlyList<string> inputs)
    {
        foreach (string input in inputs)
        {
            if (input is null)
                throw new ArgumentException($"Node '{node}' ({opType}): an input name is null; use \"\" for an omitted optional input.", nameof(inputs));
            if (input.Length > 0 && !_definitions.ContainsKey(input))
                throw new ArgumentException(
                    $"Node '{node}' ({opType}): input '{input}' is not a graph input, an initializer or the output of an earlier node.",
                    nameof(inputs));
        }
    }

    private void CheckNodeOutputs(string node, string opType, IReadOnlyList<string> outputs)
    {
        if (outputs.Count == 0)
            throw new ArgumentException($"Node '{node}' ({opType}) has no output.", nameof(outputs));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string output in outputs)
        {
            if (string.IsNullOrWhiteSpace(output))
                throw new ArgumentException($"Node '{node}' ({opType}): an output name is blank.", nameof(outputs));
            if (_definitions.TryGetValue(output, out string? definition))
                throw new ArgumentException($"Node '{node}' ({opType}): output '{output}' is already defined as {definition}.", nameof(outputs));
            if (!seen.Add(output))
                throw new ArgumentException($"Node '{node}' ({opType}): output '{output}' is listed twice.", nameof(outputs));
        }
    }

    private static void CheckNodeAttributes(string node, string opType, AttributeProto[] attributes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (AttributeProto attribute in attributes)
        {
            if (attribute is null)
                throw new ArgumentException($"Node '{node}' ({opType}): an attribute is null.", nameof(attributes));
            if (!seen.Add(attribute.Name))
                throw new ArgumentException($"Node '{node}' ({opType}): attribute '{attribute.Name}' is given twice.", nameof(attributes));
        }
    }
}
