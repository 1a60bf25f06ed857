using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Cli;
using MlNetSparse.Cli.Data;
using MlNetSparse.DataFiles;

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
    [InlineData("note,x\n\"a;b\nc;d\",1\n\"e\",2\n", ',')]             // nor do those of a quoted line break
    public void Separator_is_the_one_that_splits_every_line_evenly(string text, char expected)
        => Assert.Equal(expected, DataFileInference.InferSeparator(Write(text)));

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
        var error = Assert.Throws<DataFileException>(() => DataFileInference.Infer(path));
        Assert.Contains(expected, error.Message);
        Assert.Contains("data.csv", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_forced_number_column_reports_its_first_text_value()
    {
        string path = Write("a,b\n1,x\n2,y\n");
        var error = Assert.Throws<DataFileException>(() => DataFileInference.Infer(path,
            new DataFileOverrides(ColumnKinds: new Dictionary<string, ColumnKind> { ["b"] = ColumnKind.Number })));
        Assert.Contains("line 2, column 'b' (2): 'x' is not a number", error.Message);
    }

    [Fact]
    public void Missing_file_and_unknown_override_column_are_user_errors()
    {
        Assert.Contains("does not exist", Assert.Throws<DataFileException>(() => DataFileInference.Infer(Path.Combine(_folder, "none.csv"))).Message);
        string path = Write("alpha,beta\n1,2\n");
        var error = Assert.Throws<DataFileException>(() => DataFileInference.Infer(path,
            new DataFileOverrides(ColumnKinds: new Dictionary<string, ColumnKind> { ["btea"] = ColumnKind.Text })));
        Assert.Contains("did you mean 'beta'?", error.Message);
    }

    [Fact]
    public void A_quoted_field_may_hold_line_breaks_and_later_errors_name_the_file_line()
    {
        string path = Write("note,x,y\n\"two\nlines\",1,2\n\"a \"\"quote\"\"\r\nand more\",3,4\nplain,5,6\n7,8\n");

        string message = Assert.Throws<DataFileException>(() => DataFileInference.Infer(path)).Message;

        // Four records on seven lines: the ragged one starts on line 7, not on the fourth line.
        Assert.Contains("line 7: 2 fields, but the header has 3", message);
        File.WriteAllText(path, "note,x,y\n\"two\nlines\",1,2\n\"a \"\"quote\"\"\r\nand more\",3,4\nplain,5,6\n");
        DataFileSchema schema = DataFileInference.Infer(path);
        Assert.Equal(3, schema.RowCount);
        Assert.Equal(["two\nlines", "a \"quote\"\nand more", "plain"], schema.Columns[0].DistinctValues);
        Assert.All(schema.Columns.Skip(1), c => Assert.Equal(ColumnKind.Number, c.Kind));
    }

    [Fact]
    public void ML_NETs_loader_reads_the_same_rows_as_the_inference()
    {
        string path = Write("note,x\n\"two\nlines\",1\n\n\"three\n\nlines\",NA\nplain,inf\n\"a,b\",4\n");
        DataFileSchema schema = DataFileInference.Infer(path);
        var ml = new MLContext();
        IDataView data = schema.CreateLoader(ml).Load(path);

        Assert.Equal(4, schema.RowCount);
        Assert.Equal(["two\nlines", "three\n\nlines", "plain", "a,b"], data.GetColumn<ReadOnlyMemory<char>>("note").Select(v => v.ToString()));
        float[] x = [.. data.GetColumn<float>("x")];
        Assert.Equal(1f, x[0]);
        Assert.True(float.IsNaN(x[1]) && float.IsNaN(x[2]), "NA and inf are missing values");
        Assert.Equal(4f, x[3]);
    }

    [Fact]
    public void A_quote_never_closed_names_the_line_it_opens_on()
    {
        string message = Assert.Throws<DataFileException>(() => DataFileInference.Infer(Write("a,b\n1,2\n\"open,3\n4,5\n"))).Message;
        Assert.Contains("data.csv, line 3: a quoted field that starts on this line is never closed", message);
    }

    [Theory]
    [InlineData("NA")]
    [InlineData("na")]
    [InlineData("inf")]
    [InlineData("-inf")]
    [InlineData("+Inf")]
    [InlineData("INFINITY")]
    [InlineData("-Infinity")]
    [InlineData("∞")]
    [InlineData("1e39")]
    [InlineData("NaN")]
    [InlineData("?")]
    [InlineData("")]
    public void Missing_and_infinite_words_are_missing_values_of_a_number_column(string word)
    {
        DataFileSchema schema = DataFileInference.Infer(Write($"x,y\n1,0\n{word},1\n2.5,0\n{word},1\n"));
        DataColumn x = schema.Columns[0];
        Assert.Equal(ColumnKind.Number, x.Kind);
        Assert.Equal(2, x.MissingCount);
        Assert.Equal(["1", "2.5"], x.DistinctValues);
    }

    [Fact]
    public void A_word_in_a_number_column_says_how_to_write_a_missing_value_and_what_text_does()
    {
        string message = Assert.Throws<DataFileException>(() => DataFileInference.Infer(
            Write("a,b\n" + string.Concat(Enumerable.Range(1, 9).Select(i => $"{i},{i}\n")) + "n/a,1\n"))).Message;
        Assert.Contains("line 11, column 'a' (1): 'n/a' is not a number (the column is numeric in 9 of 10 rows)", message);
        Assert.Contains("A missing value may be written empty, ?, NaN, NA, inf or Infinity", message);
        Assert.Contains("pass --column-type a=text (a text column is not a feature)", message);
    }

    [Theory]
    [InlineData("x1;x2;y\n0,5;1;0\n1,5;2;1\n2,25;3;0\n", "line 2, column 'x1' (1): '0,5' looks like a number with a decimal comma")]
    [InlineData("x1;y\n1;0\n2;1\n3;0\n4;1\n5;0\n6;1\n7;0\n8;1\n9;0\n1,5;1\n", "line 11, column 'x1' (1): '1,5' is not a number (a decimal comma?")]
    public void Decimal_commas_are_an_error_that_says_so(string text, string expected)
    {
        string message = Assert.Throws<DataFileException>(() => DataFileInference.Infer(Write(text))).Message;
        Assert.Contains(expected, message);
        Assert.Contains("decimal point", message);
    }

    [Fact]
    public void A_decimal_comma_column_read_as_text_on_request_is_no_error()
    {
        DataFileSchema schema = DataFileInference.Infer(Write("x1;y\n0,5;0\n1,5;1\n"),
            new DataFileOverrides(ColumnKinds: new Dictionary<string, ColumnKind> { ["x1"] = ColumnKind.Text }));
        Assert.Equal(ColumnKind.Text, schema.Columns[0].Kind);
    }

    [Fact]
    public void A_binary_file_is_not_a_text_file()
    {
        string path = Path.Combine(_folder, "data.csv");
        File.WriteAllBytes(path, [(byte)'P', (byte)'K', 3, 4, 20, 0, 6, 0, 8, 0, .. "x,y\n1,2\n"u8.ToArray()]);
        string message = Assert.Throws<DataFileException>(() => DataFileInference.Infer(path)).Message;
        Assert.Equal($"{path} is not a text file (it holds binary data, such as a zip, a spreadsheet or an image); save the data as CSV or TSV.", message);

        File.WriteAllText(path, "x,y\n1,2\n3,4\n", new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true));   // UTF-16: NULs, but text
        Assert.Equal(2, DataFileInference.Infer(path).RowCount);
    }
}
