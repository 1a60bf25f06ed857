using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSparse.Examples.SparsityComparison;

/// <summary>
/// One exact train/test split, standardized with the training rows' statistics only (so nothing
/// about the test rows leaks into training), with a Boolean or key "Label" ready for either trainer.
/// </summary>
public sealed record PreparedSplit(IDataView Train, IDataView Test, bool IsBinary)
{
    public const double TestFraction = 0.2;

    public static PreparedSplit Create(MLContext ml, ComparisonDataset dataset, LabeledRow[] rows, int seed)
    {
        // ML.NET's TrainTestSplit only approximates the fraction; a seeded shuffle is exact and reproducible.
        LabeledRow[] shuffled = [.. rows];
        new Random(seed).Shuffle(shuffled);
        int testCount = (int)Math.Round(rows.Length * TestFraction);

        var schema = SchemaDefinition.Create(typeof(LabeledRow));
        schema[nameof(LabeledRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, rows[0].Features.Length);
        IDataView train = ml.Data.LoadFromEnumerable(shuffled[testCount..], schema);
        IDataView test = ml.Data.LoadFromEnumerable(shuffled[..testCount], schema);

        ITransformer preparation = Preparation(ml, dataset, rows).Fit(train);
        // Cached and read once here, so neither trainer's timing includes normalising the rows.
        IDataView preparedTrain = ml.Data.Cache(preparation.Transform(train));
        using (var cursor = preparedTrain.GetRowCursor(preparedTrain.Schema))
            while (cursor.MoveNext()) { }
        return new PreparedSplit(preparedTrain, preparation.Transform(test), dataset.IsBinary);
    }

    private static IEstimator<ITransformer> Preparation(MLContext ml, ComparisonDataset dataset, LabeledRow[] rows)
    {
        // fixZero: false centres the features too, as the sparse IHT trainers require.
        var standardize = ml.Transforms.NormalizeMeanVariance(nameof(LabeledRow.Features), fixZero: false);
        if (dataset.PositiveClass is not string positive)
            return standardize.Append(ml.Transforms.Conversion.MapValueToKey("Label", nameof(LabeledRow.Class)));
        var isPositive = rows.Select(r => r.Class).Distinct().ToDictionary(c => c, c => c == positive);
        return standardize.Append(ml.Transforms.Conversion.MapValue("Label", isPositive, nameof(LabeledRow.Class)));
    }
}
