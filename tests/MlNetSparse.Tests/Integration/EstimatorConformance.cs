using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Internals;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// The checks every trainer goes through: its declared output schema agrees with what the fitted
/// model produces; the fitted pipeline saves, loads in a fresh MLContext as plain ML.NET types and
/// gives bit-identical outputs.
/// </summary>
public static class EstimatorConformance
{
    public static ITransformer Check<TTransformer>(MLContext ml, IEstimator<ITransformer> preparation, IEstimator<TTransformer> trainer,
        IDataView data, params string[] outputColumns)
        where TTransformer : class, ITransformer
    {
        ITransformer prepared = preparation.Fit(data);
        IDataView trainingInput = prepared.Transform(data);
        TTransformer fitted = trainer.Fit(trainingInput);
        var model = new TransformerChain<ITransformer>(prepared, fitted);

        SchemaShape declared = trainer.GetOutputSchema(SchemaShapes.Create(trainingInput.Schema));
        DataViewSchema actual = model.Transform(data).Schema;
        foreach (string name in outputColumns)
            AssertAgree(declared, actual[name]);

        ITransformer loaded = SaveAndLoad(ml, model, data.Schema);
        Assert.DoesNotContain(((IEnumerable<ITransformer>)loaded), t => t.GetType().Assembly.GetName().Name!.StartsWith("MlNetSparse"));
        IDataView original = model.Transform(data), reloaded = loaded.Transform(data);
        foreach (string name in outputColumns)
            Assert.Equal(ColumnValues.Read(original, name), ColumnValues.Read(reloaded, name));
        return model;
    }

    /// <summary>Saves to a zip in memory and loads it in a new MLContext.</summary>
    public static ITransformer SaveAndLoad(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, inputSchema, stream);
        stream.Position = 0;
        return new MLContext().Model.Load(stream, out _);
    }

    private static void AssertAgree(SchemaShape declared, DataViewSchema.Column actual)
    {
        var column = declared.Single(c => c.Name == actual.Name);
        DataViewType itemType = actual.Type is VectorDataViewType vector ? vector.ItemType : actual.Type;
        bool isKey = itemType is KeyDataViewType;
        Assert.Equal(isKey, column.IsKey);
        Assert.Equal(actual.Type is VectorDataViewType ? SchemaShape.Column.VectorKind.Vector : SchemaShape.Column.VectorKind.Scalar, column.Kind);
        Assert.Equal(isKey ? NumberDataViewType.UInt32 : itemType, column.ItemType);
        var actualAnnotations = actual.Annotations.Schema.Select(a => a.Name).ToHashSet();
        foreach (var annotation in column.Annotations)
            Assert.Contains(annotation.Name, actualAnnotations);
    }
}
