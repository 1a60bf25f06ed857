using Microsoft.ML.Data;

namespace MlNetSparse.Examples.BinarizedCnn;

/// <summary>One image, pixels scaled to [0, 1] in row-major order, and its class.</summary>
public sealed class ImageRow
{
    /// <summary>The pixels (the vector size is set per dataset through the schema).</summary>
    public float[] Pixels { get; set; } = [];

    /// <summary>The class, 0–9.</summary>
    public float Digit { get; set; }
}

/// <summary>A loaded dataset: its train and test rows and the image side.</summary>
public sealed record ImageDataset(string Name, ImageRow[] Train, ImageRow[] Test, int Side)
{
    /// <summary>The schema with the pixel vector's known size, which the trainer needs.</summary>
    public SchemaDefinition Schema()
    {
        SchemaDefinition schema = SchemaDefinition.Create(typeof(ImageRow));
        schema[nameof(ImageRow.Pixels)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Side * Side);
        return schema;
    }
}
