using MlNetSparse.DataFiles;
using MlNetSparse.Experiments.Data;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Experiments;

public class DatasetTests
{
    [Fact]
    public void Iris_ReadsAs150RowsOf4FeaturesAnd3Classes()
    {
        var iris = CsvClassificationReader.Read(BundledData.PathOf("iris.csv"), "Species", out int skipped);
        Assert.Equal(0, skipped);
        Assert.Equal((150, 4, 3, 15), (iris.RowCount, iris.FeatureCount, iris.ClassCount, iris.ParameterCount));
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames);
        Assert.Equal(["SepalLength", "SepalWidth", "PetalLength", "PetalWidth"], iris.FeatureNames);
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], iris.Features[..4]);
    }

    [Fact]
    public void Split_HoldsOutExactlyTheTestCount_AndStandardizesWithTrainingStatistics()
    {
        var iris = CsvClassificationReader.Read(BundledData.PathOf("iris.csv"), "Species", out _);
        DataSplit split = DataSplit.Create(iris, testCount: 30, seed: 42);
        Assert.Equal((120, 30), (split.TrainCount, split.TestCount));
        for (int j = 0; j < 4; j++)
        {
            double[] column = [.. Enumerable.Range(0, 120).Select(i => (double)split.TrainFeatures[i * 4 + j])];
            double mean = column.Average(), deviation = Math.Sqrt(column.Average(v => (v - mean) * (v - mean)));
            Assert.Equal(0, mean, 5);
            Assert.Equal(1, deviation, 5);
        }
        Assert.Equal(split.TestFeatures, DataSplit.Create(iris, 30, 42).TestFeatures);
        Assert.NotEqual(split.TestLabels, DataSplit.Create(iris, 30, 43).TestLabels);
    }

    [Fact]
    public void BadFiles_GiveOneClearError_NamingLineAndColumn()
    {
        string folder = Directory.CreateTempSubdirectory("mlnetsparse-csv-").FullName;
        try
        {
            string Write(string name, string text)
            {
                string path = Path.Combine(folder, name);
                File.WriteAllText(path, text);
                return path;
            }

            var missing = Assert.Throws<ArgumentException>(() => CsvClassificationReader.Read(Write("a.csv", "x,Specie\n1,a\n2,b\n"), "Species", out _));
            Assert.Contains("Label column 'Species' is not in", missing.Message);
            Assert.Contains("Did you mean 'Specie'?", missing.Message);
            var text = Assert.Throws<DataFileException>(() => CsvClassificationReader.Read(Write("b.csv", "x,y\n1,a\nfoo,b\n"), "y", out _));
            Assert.Contains("line 3, column 'x' (1): 'foo' is not a number", text.Message);
            var ragged = Assert.Throws<DataFileException>(() => CsvClassificationReader.Read(Write("c.csv", "x,y\n1,a,3\n"), "y", out _));
            Assert.Contains("line 2: 3 fields, but the header has 2", ragged.Message);
            Assert.Contains("is empty", Assert.Throws<DataFileException>(() => CsvClassificationReader.Read(Write("d.csv", ""), "y", out _)).Message);
            var single = Assert.Throws<DataFileException>(() => CsvClassificationReader.Read(Write("e.csv", "x,y\n1,a\n2,a\n"), "y", out _));
            Assert.Contains("only one class", single.Message);
            Assert.Contains("does not exist", Assert.Throws<DataFileException>(() => CsvClassificationReader.Read(Path.Combine(folder, "none.csv"), "y", out _)).Message);

            var data = CsvClassificationReader.Read(Write("f.csv", "x;z;y\n1;;a\n2;3;b\n4;5;a\n"), "y", out int skipped);
            Assert.Equal((1, 2), (skipped, data.RowCount));

            // What the tool's commands accept, the study accepts: quoted fields, a | separator, R's NA.
            var quoted = CsvClassificationReader.Read(Write("g.csv", "x|\"the, class\"\n1|\"a|b\"\nNA|c\n3|c\n"), "the, class", out skipped);
            Assert.Equal((1, 2), (skipped, quoted.RowCount));
            Assert.Equal(["a|b", "c"], quoted.ClassNames);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
