using MlNetSparse.Cli;
using MlNetSparse.Cli.Data;

namespace MlNetSparse.Tests.Cli;

/// <summary>Separator, header and column-type inference on small files, and the one-line errors of bad files.</summary>
public sealed class DataFileInferenceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnet-sparse-datafile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string text, string name = "data.csv")
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("a,b,c\n1,2,3\n4,5,6\n", ',')]
    [InlineData("a;b;c\n1,5;2;3\n4;5;6\n", ';')]          // a decimal comma inside fields does not fool it: ; splits every line evenly
    [InlineData("a\tb\tc\n1\t2\t3\n", '\t')]
    [InlineData("a|b\n1|2\n3|4\n", '|')]
    [InlineData("name,\"x;y\"\n\"Smith, J\",2\n\"Doe, A\",3\n", ',')]   // quoted separators do not count
    public void Separator_is_the_one_that_splits_every_line_evenly(string text, char expected)
        => Assert.Equal(expected, DataFileInference.Infer(Write(text)).Separator);

    [Theory]
    [InlineData("x,y,label\n1,2,a\n3,4,b\n", true)]     // text above numbers
    [InlineData("1,2,a\n3,4,b\n5,6,a\n", false)]         // the first row looks like the others
    [InlineData("city,country\nParis,France\nLyon,France\n", true)]   // all text, no value repeated below
    [InlineData("Paris,France\nLyon,France\nNice,France\n", false)]    // all text, "France" repeats below
    [InlineData(",2\n3,4\n", false)]                     // a missing field is never a header
    public void Header_is_detected(string text, bool expected)
    {
        DataFileSchema schema = DataFileInference.Infer(Write(text));
        Assert.Equal(expected, schema.HasHeader);
        if (!expected)
            Assert.Equal("Column1", schema.Columns[0].Name);
    }

    [Fact]
    public void Header_override_reads_the_first_line_as_data()
    {
        DataFileSchema schema = DataFileInference.Infer(Write("x,y\n1,2\n"), new DataFileOverrides(HasHeader: false));
        Assert.Equal(2, schema.RowCount);
        Assert.All(schema.Columns, c => Assert.Equal(ColumnKind.Text, c.Kind));
    }

    [Fact]
    public void Column_types_are_numbers_where_every_value_parses_missing_values_included()
    {
        DataFileSchema schema = DataFileInference.Infer(Write("n,t,m,code\n1.5,a,,7\n-2e3,b,?,8\n3,c,NaN,9\n"),
            new DataFileOverrides(ColumnKinds: new Dictionary<string, ColumnKind> { ["code"] = ColumnKind.Text }));
        Assert.Equal([ColumnKind.Number, ColumnKind.Text, ColumnKind.Number, ColumnKind.Text], schema.Columns.Select(c => c.Kind));
        Assert.Equal(3, schema.Columns[2].MissingCount);
        Assert.Equal(["7", "8", "9"], schema.Columns[3].DistinctValues);
    }

    [Fact]
    public void Bundled_files_are_read_as_their_readme_says()
    {
        DataFileSchema iris = DataFileInference.Infer(Path.Combine(AppContext.BaseDirectory, "data", "iris.csv"));
        Assert.Equal((',', true, 150), (iris.Separator, iris.HasHeader, iris.RowCount));
        Assert.Equal(["SepalLength", "SepalWidth", "PetalLength", "PetalWidth", "Species"], iris.Columns.Select(c => c.Name));
        Assert.Equal(ColumnKind.Text, iris.Columns[4].Kind);
        Assert.All(iris.Columns.Take(4), c => Assert.Equal(ColumnKind.Number, c.Kind));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("\n  \n", "is empty")]
    [InlineData("a,b\n", "has a header but no data rows")]
    [InlineData("a,b,c\n1,2,3\n4,5\n", "line 3: 2 fields, but the header has 3")]
    [InlineData("a,b\n1,2\n3,4\n5,x\n6,7\n8,9\n10,11\n12,13\n14,15\n16,17\n18,19\n", "line 4, column 'b' (2): 'x' is not a number")]
    [InlineData("a,a\n1,2\n", "the column name 'a' appears twice")]
    public void Bad_files_fail_with_the_file_line_and_column(string text, string expected)
    {
        string path = Write(text);
        var error = Assert.Throws<UserErrorException>(() => DataFileInference.Infer(path));
        Assert.Contains(expected, error.Message);
        Assert.Contains("data.csv", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_forced_number_column_reports_its_first_text_value()
    {
        string path = Write("a,b\n1,x\n2,y\n");
        var error = Assert.Throws<UserErrorException>(() => DataFileInference.Infer(path,
            new DataFileOverrides(ColumnKinds: new Dictionary<string, ColumnKind> { ["b"] = ColumnKind.Number })));
        Assert.Contains("line 2, column 'b' (2): 'x' is not a number", error.Message);
    }

    [Fact]
    public void Missing_file_and_unknown_override_column_are_user_errors()
    {
        Assert.Contains("does not exist", Assert.Throws<UserErrorException>(() => DataFileInference.Infer(Path.Combine(_folder, "none.csv"))).Message);
        string path = Write("alpha,beta\n1,2\n");
        var error = Assert.Throws<UserErrorException>(() => DataFileInference.Infer(path,
            new DataFileOverrides(ColumnKinds: new Dictionary<string, ColumnKind> { ["btea"] = ColumnKind.Text })));
        Assert.Contains("did you mean 'beta'?", error.Message);
    }
}
