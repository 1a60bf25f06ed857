using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSparse.Tests.TestData;

public static partial class DigitsData
{
    /// <summary>The digits as an IDataView: "Pixels" (64 floats, raw 0–16) and "Digit" (float).</summary>
    public static IDataView Load(MLContext ml)
        => ml.Data.LoadFromTextFile(BundledData.PathOf("digits.csv"), [
            new("Pixels", DataKind.Single, 0, Pixels - 1), new("Digit", DataKind.Single, Pixels)], separatorChar: ',', hasHeader: true);
}
