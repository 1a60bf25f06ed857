using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Cli;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Cli;

/// <summary>`mlnet-sparse train` end to end, in process, on the bundled data; and every bad input it can meet.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnet-sparse-train-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Bundled(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    private string InFolder(string name) => Path.Combine(_folder, name);

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(["train", .. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static IDataView Predict(string zip, string data, out DataViewSchema input)
    {
        var fresh = new MLContext(seed: 7);
        ITransformer model = fresh.Model.Load(zip, out input);
        IDataView rows = fresh.Data.CreateTextLoader(input.Select(c => new TextLoader.Column(c.Name,
            c.Type == TextDataViewType.Instance ? DataKind.String : DataKind.Single, c.Index)).ToArray(), ',', hasHeader: true).Load(data);
        return model.Transform(rows);
    }

    [Fact]
    public void Iris_trains_a_multiclass_model_whose_zip_loads_in_a_fresh_context()
    {
        string zip = InFolder("iris.zip");
        var (code, output, error) = Run("--data", Bundled("iris.csv"), "--label", "Species", "--sparsity", "7", "--output", zip);
        Assert.True(code == 0, error);
        Assert.Equal("", error);
        Assert.Contains("Species → multiclass (inferred", output);
        Assert.Contains("MicroAccuracy", output);
        Assert.Contains("7 nonzero of 15 parameters (s = 7)", output);
        Assert.Contains("PetalLength", output);
        Assert.Contains("certificate", output);
        Assert.Contains(zip, output);

        IDataView scored = Predict(zip, Bundled("iris.csv"), out DataViewSchema input);
        Assert.Equal(["SepalLength", "SepalWidth", "PetalLength", "PetalWidth", "Species"], input.Select(c => c.Name));
        string[] truth = scored.GetColumn<ReadOnlyMemory<char>>("Species").Select(v => v.ToString()).ToArray();
        string[] predicted = scored.GetColumn<ReadOnlyMemory<char>>("PredictedValue").Select(v => v.ToString()).ToArray();
        Assert.True(truth.Zip(predicted).Count(p => p.First == p.Second) >= 0.9 * truth.Length);
    }

    [Fact]
    public void Breast_cancer_is_binary_with_the_second_sorted_value_true()
    {
        string zip = InFolder("bc.zip");
        var (code, output, error) = Run("--data", Bundled("breast_cancer.csv"), "--label", "Diagnosis", "--sparsity", "6", "--output", zip, "--json");
        Assert.True(code == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal("binary", root.GetProperty("task").GetString());
        Assert.Equal("benign", root.GetProperty("binaryLabel").GetProperty("falseValue").GetString());
        Assert.Equal("malignant", root.GetProperty("binaryLabel").GetProperty("trueValue").GetString());
        Assert.True(root.GetProperty("metrics").GetProperty("AreaUnderRocCurve").GetProperty("mean").GetDouble() > 0.9);
        Assert.InRange(root.GetProperty("support").GetArrayLength(), 1, 6);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("certificate").GetProperty("verdict").GetString()));
        Assert.Equal(Path.GetFullPath(zip), root.GetProperty("zip").GetString());

        IDataView scored = Predict(zip, Bundled("breast_cancer.csv"), out _);
        bool[] label = scored.GetColumn<bool>("Label").ToArray();
        bool[] predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
        Assert.True(label.Zip(predicted).Count(p => p.First == p.Second) >= 0.9 * label.Length);
    }

    [Fact]
    public void Diabetes_is_regression_and_folds_give_mean_and_sd()
    {
        string zip = InFolder("diabetes.zip");
        var (code, output, error) = Run("--data", Bundled("diabetes.csv"), "--label", "Progression", "--sparsity", "4", "--folds", "3",
            "--output", zip, "--json");
        Assert.True(code == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal("regression", root.GetProperty("task").GetString());
        JsonElement r2 = root.GetProperty("metrics").GetProperty("RSquared");
        Assert.InRange(r2.GetProperty("mean").GetDouble(), 0.3, 0.7);
        Assert.True(r2.GetProperty("standardDeviation").GetDouble() > 0);
        Assert.Equal(442, root.GetProperty("rows").GetProperty("read").GetInt32());   // the zip's model: all rows after cross-validation

        IDataView scored = Predict(zip, Bundled("diabetes.csv"), out _);
        Assert.All(scored.GetColumn<float>("Score"), s => Assert.True(float.IsFinite(s)));
    }

    [Fact]
    public void Auto_chooses_s_on_the_sparsity_path_and_plots_it()
    {
        string zip = InFolder("auto.zip");
        var (code, output, error) = Run("--data", Bundled("iris.csv"), "--label", "Species", "--sparsity", "auto", "--output", zip, "--plot", _folder);
        Assert.True(code == 0, error);
        Assert.Contains("chosen by the sparsity path", output);
        Assert.Contains("5-fold cross-validation", output);
        Assert.Contains("CV loss", output);
        foreach (string png in new[] { "loss.png", "weights.png", "sparsity-path.png" })
            PngFile.AssertSize(InFolder(png), 800, 500);
    }

    [Fact]
    public void Auto_json_carries_the_cross_validation_curve_and_the_rule()
    {
        var (code, output, error) = Run("--data", Bundled("diabetes.csv"), "--label", "Progression", "--sparsity", "auto", "--path-folds", "3",
            "--path-selection", "OneStandardError", "--output", InFolder("cv.zip"), "--json");
        Assert.True(code == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var path = json.RootElement.GetProperty("sparsityPath");
        Assert.Equal(3, path.GetProperty("folds").GetInt32());
        Assert.Equal("OneStandardError", path.GetProperty("selectionRule").GetString());
        Assert.Equal(path.GetProperty("chosen").GetInt32(), path.GetProperty("oneStandardError").GetInt32());
        Assert.Equal(path.GetProperty("chosen").GetInt32(), json.RootElement.GetProperty("sparsity").GetInt32());
        Assert.False(path.GetProperty("biasOnly").GetBoolean());
        var curve = path.GetProperty("crossValidation").EnumerateArray().ToArray();
        Assert.Equal(path.GetProperty("steps").GetArrayLength(), curve.Length);
        Assert.All(curve, e => Assert.True(e.GetProperty("lossStandardError").GetDouble() >= 0));
        Assert.All(curve, e => Assert.Equal(System.Text.Json.JsonValueKind.Null, e.GetProperty("accuracy").ValueKind));
        Assert.True(curve.Max(e => e.GetProperty("rSquared").GetDouble()) > 0.4);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, path.GetProperty("extendedBic").ValueKind);
    }

    [Fact]
    public void Cross_validation_reports_the_pooled_r_squared_not_the_mean_of_the_folds()
    {
        // Fold A: labels 1, 2 scored 1, 1; fold B: labels 3, 5 scored 4, 4. ȳ_train(A) = (3 + 5)/2 = 4, ȳ_train(B) = 1.5.
        // Errors 0 + 1 and 1 + 1; deviations 9 + 4 and 2.25 + 12.25: R² = 1 − 3/27.5.
        var ml = new Microsoft.ML.MLContext(seed: 1);
        Microsoft.ML.IDataView Fold(params (float Label, float Score)[] rows) => ml.Data.LoadFromEnumerable(rows.Select(r => new ScoredRow { Target = r.Label, Score = r.Score }));
        double pooled = MlNetSparse.Cli.Commands.TrainRun.PooledRSquared([Fold((1, 1), (2, 1)), Fold((3, 4), (5, 4))], "Target");
        Assert.Equal(1 - 3 / 27.5, pooled, 12);
    }

    private sealed class ScoredRow
    {
        public float Target { get; set; }

        public float Score { get; set; }
    }

    [Theory]
    [InlineData("breast_cancer.csv", "Diagnosis", "6", false)]
    [InlineData("breast_cancer.csv", "Diagnosis", "20", true)]
    [InlineData("iris.csv", "Species", "7", false)]
    public void Fixed_sparsity_plots_the_loss_and_the_weights_but_no_path(string file, string label, string sparsity, bool tall)
    {
        var (code, output, error) = Run("--data", Bundled(file), "--label", label, "--sparsity", sparsity, "--output", InFolder("m.zip"), "--plot", _folder);
        Assert.True(code == 0, error);
        Assert.Contains($"plot written to {InFolder("loss.png")}", output);
        Assert.Contains($"plot written to {InFolder("weights.png")}", output);
        PngFile.AssertSize(InFolder("loss.png"), 800, 500);
        (int width, int height) = PngFile.Size(InFolder("weights.png"));
        Assert.Equal(800, width);
        // A bar row per feature in the support: 20 rows need more than the usual 500 pixels, a handful fit in them.
        if (tall)
            Assert.InRange(height, 501, 2400);
        else
            Assert.Equal(500, height);
        Assert.False(File.Exists(InFolder("sparsity-path.png")));
    }

    [Theory]
    [InlineData("iris.csv", "Species", "--trainer iht --sparsity 7")]
    [InlineData("iris.csv", "Species", "--trainer iht --sparsity auto")]
    [InlineData("digits.csv", "Digit", "--trainer cnn --epochs 1")]
    public void An_existing_weights_plot_fails_before_training_without_force(string file, string label, string options)
    {
        File.WriteAllText(InFolder("weights.png"), "an older plot");
        string error = InspectTestModels.AssertUserError(Run(["--data", Bundled(file), "--label", label, .. options.Split(' '),
            "--output", InFolder("m.zip"), "--plot", _folder]));
        Assert.Contains("weights.png already exists; pass --force", error);
        Assert.Equal("an older plot", File.ReadAllText(InFolder("weights.png")));
        Assert.False(File.Exists(InFolder("m.zip")));
        Assert.False(File.Exists(InFolder("loss.png")));
    }

    [Fact]
    public void Path_tolerance_trades_validation_loss_for_fewer_parameters()
    {
        // IHT alone: polished, every s from 8 on reaches the same validation loss on IRIS, so both tolerances choose 8.
        int Chosen(string tolerance) => JsonDocument.Parse(Run("--data", Bundled("iris.csv"), "--label", "Species", "--path-tolerance", tolerance, "--polish", "false",
            "--output", InFolder($"tol{tolerance}.zip"), "--json").Out).RootElement.GetProperty("sparsity").GetInt32();
        Assert.True(Chosen("1") < Chosen("0"));
    }

    [Fact]
    public void Task_override_and_a_headerless_tsv_with_a_separator_override()
    {
        string tsv = InFolder("iris.tsv");
        File.WriteAllLines(tsv, File.ReadLines(Bundled("iris.csv")).Skip(1).Select(l => l.Replace(',', '\t')));
        var (code, output, error) = Run("--data", tsv, "--label", "Column5", "--separator", "tab", "--has-header", "false",
            "--sparsity", "5", "--output", InFolder("tsv.zip"), "--json");
        Assert.True(code == 0, error);
        Assert.Equal("multiclass", JsonDocument.Parse(output).RootElement.GetProperty("task").GetString());

        var (forced, forcedOutput, forcedError) = Run("--data", Bundled("wine.csv"), "--label", "Magnesium", "--task", "regression",
            "--sparsity", "3", "--output", InFolder("wine.zip"), "--json");
        Assert.True(forced == 0, forcedError);
        Assert.Equal("regression", JsonDocument.Parse(forcedOutput).RootElement.GetProperty("task").GetString());
    }

    [Fact]
    public void Same_seed_gives_the_same_model_and_metrics_bit_for_bit()
    {
        string[] Train(string zip) => [.. Run("--data", Bundled("wine.csv"), "--label", "Cultivar", "--seed", "3", "--output", InFolder(zip), "--json")
            .Out.Split('\n').Where(l => !l.Contains("\"zip\"") && !l.Contains("Seconds", StringComparison.OrdinalIgnoreCase))];
        string[] first = Train("a.zip");
        Assert.Contains(first, l => l.Contains("\"support\""));   // a run that failed would print nothing, equal to nothing
        Assert.Equal(first, Train("b.zip"));
    }

    [Fact]
    public void Polish_is_on_by_default_reported_in_the_json_and_turned_off_by_the_flag()
    {
        JsonElement Train(string zip, params string[] more)
        {
            var (code, output, error) = Run(["--data", Bundled("breast_cancer.csv"), "--label", "Diagnosis", "--sparsity", "6", "--seed", "4",
                "--max-iterations", "20", "--output", InFolder(zip), "--json", .. more]);
            Assert.True(code == 0, error);
            return JsonDocument.Parse(output).RootElement;
        }
        JsonElement polished = Train("polished.zip"), alone = Train("alone.zip", "--polish", "false");
        JsonElement polish = polished.GetProperty("polish");
        Assert.Equal("FixedPoint", polish.GetProperty("outcome").GetString());
        Assert.True(polish.GetProperty("passes").GetInt32() >= 2);
        Assert.True(polish.GetProperty("lossAfter").GetDouble() <= polish.GetProperty("lossBefore").GetDouble());
        Assert.Equal(JsonValueKind.Null, alone.GetProperty("polish").ValueKind);
        Assert.True(polished.GetProperty("training").GetProperty("finalLoss").GetDouble() <= alone.GetProperty("training").GetProperty("finalLoss").GetDouble());
    }

    [Fact]
    public void The_json_gives_each_phases_passes_over_the_data_and_their_total()
    {
        var (code, output, error) = Run("--data", Bundled("breast_cancer.csv"), "--label", "Diagnosis", "--sparsity", "6", "--seed", "4",
            "--output", InFolder("phases.zip"), "--json");
        Assert.True(code == 0, error);
        JsonElement phases = JsonDocument.Parse(output).RootElement.GetProperty("phases");
        int Passes(string phase) => phases.GetProperty(phase).GetProperty("passes").GetInt32();
        Assert.True(Passes("smoothness") > 0 && Passes("iterations") > 0, phases.ToString());
        Assert.Equal(0, Passes("denseReference"));   // not asked for
        Assert.Equal(Passes("smoothness") + Passes("iterations") + Passes("polish") + Passes("workingSet") + Passes("denseReference"), Passes("total"));
        Assert.True(phases.GetProperty("read").GetProperty("seconds").GetDouble() > 0);
    }

    [Fact]
    public void Polish_after_is_passed_to_the_trainer_and_zero_polishes_only_after_iht()
    {
        JsonElement Train(string zip, params string[] more)
        {
            var (code, output, error) = Run(["--data", Bundled("breast_cancer.csv"), "--label", "Diagnosis", "--sparsity", "4", "--seed", "4",
                "--output", InFolder(zip), "--json", .. more]);
            Assert.True(code == 0, error);
            return JsonDocument.Parse(output).RootElement;
        }
        // On these correlated features the early polished point fails the hand-over's checks: IHT resumes and is polished
        // again (two polishes counted), ending where the polish after IHT ends.
        JsonElement early = Train("early.zip"), late = Train("late.zip", "--polish-after", "0");
        int Rounds(JsonElement root) => root.GetProperty("polish").GetProperty("rounds").GetInt32();
        double Loss(JsonElement root) => root.GetProperty("training").GetProperty("finalLoss").GetDouble();
        Assert.True(Rounds(early) > Rounds(late), $"{Rounds(early)} vs {Rounds(late)} rounds");
        Assert.Equal(Loss(late), Loss(early));

        var (code, _, error) = Run("--data", Bundled("breast_cancer.csv"), "--label", "Diagnosis", "--sparsity", "6", "--polish-after", "-1",
            "--output", InFolder("bad.zip"));
        Assert.NotEqual(0, code);
        Assert.Contains("--polish-after", error);
    }

    [Fact]
    public void Text_columns_other_than_the_label_are_named_as_not_used()
    {
        string path = InFolder("mixed.csv");
        File.WriteAllLines(path, ["x,city,y", .. Enumerable.Range(0, 30).Select(i => $"{i},{(i % 3 == 0 ? "Paris" : "Lyon")},{i * 0.37 % 5}")]);
        var (code, output, error) = Run("--data", path, "--label", "y", "--sparsity", "1", "--output", InFolder("mixed.zip"));
        Assert.True(code == 0, error);
        Assert.Contains("text columns not used as features: city", output);
    }

    [Theory]
    [InlineData("no", "yes")]
    [InlineData("0", "1")]
    public void Binary_rows_with_a_missing_label_are_left_out_not_read_as_false(string negative, string positive)
    {
        string path = InFolder("missing-label.csv");
        File.WriteAllLines(path, ["x1,x2,y", .. Enumerable.Range(0, 40).Select(i =>
            $"{i},{i * 7 % 11},{(i is 5 or 30 ? (negative == "no" ? "" : "?") : i > 20 ? positive : negative)}")]);
        var (code, output, error) = Run("--data", path, "--label", "y", "--sparsity", "2", "--folds", "2", "--output", InFolder("m.zip"), "--json");
        Assert.True(code == 0, error);
        JsonElement rows = JsonDocument.Parse(output).RootElement.GetProperty("rows");
        Assert.Equal(2, rows.GetProperty("labelLeftOut").GetInt32());
        Assert.Equal(38, rows.GetProperty("read").GetInt32());
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "missing file", ["--data", "{folder}/none.csv", "--label", "y"], "does not exist" },
        { "empty file", ["--data", "{folder}/empty.csv", "--label", "y"], "is empty" },
        { "ragged row", ["--data", "{folder}/ragged.csv", "--label", "y"], "line 3: 2 fields, but the header has 3" },
        { "unknown label", ["--data", "{iris}", "--label", "Specie"], "did you mean 'Species'?" },
        { "non-numeric value", ["--data", "{folder}/text.csv", "--label", "y"], "line 11, column 'b' (2): 'oops' is not a number" },
        { "output folder missing", ["--data", "{iris}", "--label", "Species", "--output", "{folder}/no/such/m.zip"], "does not exist" },
        { "existing output", ["--data", "{iris}", "--label", "Species", "--output", "{folder}/existing.zip"], "already exists; pass --force" },
        { "bad sparsity", ["--data", "{iris}", "--label", "Species", "--sparsity", "many"], "--sparsity must be an integer ≥ 1 or auto" },
        { "sparsity too large", ["--data", "{iris}", "--label", "Species", "--sparsity", "99"], "--sparsity: must be in [1, 14] for this data: 3 output(s) × (4 features in 'Features' + 1 bias) = 15 parameters, and s must leave at least one out; got 99." },
        { "split and folds", ["--data", "{iris}", "--label", "Species", "--test-fraction", "0.3", "--folds", "3"], "exclude each other" },
        { "label named Features", ["--data", "{folder}/features.csv", "--label", "Features"], "rename the column" },
        { "negative path tolerance", ["--data", "{iris}", "--label", "Species", "--path-tolerance", "-1"], "--path-tolerance: must be a finite number ≥ 0" },
        { "negative iterations", ["--data", "{iris}", "--label", "Species", "--max-iterations", "-1"], "--max-iterations: must be an integer ≥ 0 (the iteration cap; 0 evaluates the start only); got -1." },
        { "bad test fraction", ["--data", "{iris}", "--label", "Species", "--test-fraction", "1.5"], "--test-fraction must be in (0, 1)" },
        { "bad column type", ["--data", "{iris}", "--label", "Species", "--column-type", "Species=date"], "--column-type must be Name=text or Name=number" },
        { "plot folder missing", ["--data", "{iris}", "--label", "Species", "--plot", "{folder}/no-plots"], "--plot: the folder" },
        { "existing plot", ["--data", "{iris}", "--label", "Species", "--plot", "{folder}"], "loss.png already exists; pass --force" },
        { "bad task", ["--data", "{iris}", "--label", "Species", "--task", "clustering"], "--task must be binary, multiclass or regression" },
        { "binary on 3 classes", ["--data", "{iris}", "--label", "Species", "--task", "binary"], "binary needs exactly 2" },
        { "binary file", ["--data", "{folder}/binary.csv", "--label", "y"], "binary.csv is not a text file (it holds binary data" },
        { "decimal commas", ["--data", "{folder}/commas.csv", "--label", "y"], "line 2, column 'x' (1): '0,5' looks like a number with a decimal comma" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_one_error_line_and_exit_code_1(string why, string[] args, string expected)
    {
        File.WriteAllText(InFolder("empty.csv"), "");
        File.WriteAllText(InFolder("ragged.csv"), "a,b,y\n1,2,3\n4,5\n");
        File.WriteAllText(InFolder("text.csv"), "a,b,y\n" + string.Concat(Enumerable.Range(1, 9).Select(i => $"{i},{i * 2},{i % 2}\n")) + "10,oops,1\n");
        File.WriteAllText(InFolder("existing.zip"), "keep me");
        File.WriteAllText(InFolder("loss.png"), "an older plot");
        File.WriteAllText(InFolder("features.csv"), "a,Features\n1,0\n2,1\n3,0\n");
        File.WriteAllBytes(InFolder("binary.csv"), [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00]);
        File.WriteAllText(InFolder("commas.csv"), "x;y\n0,5;0\n1,5;1\n2,5;0\n");
        string[] resolved = [.. args.Select(a => a.Replace("{folder}", _folder).Replace("{iris}", Bundled("iris.csv")))];
        if (!resolved.Contains("--output"))
            resolved = [.. resolved, "--output", InFolder("out.zip")];

        var (code, output, error) = Run(resolved);

        Assert.True(code == 1, $"{why}: exit code {code}");
        Assert.StartsWith("error: ", error);
        Assert.Contains(expected, error);
        Assert.Single(error.TrimEnd('\n', '\r').Split('\n'));
        Assert.DoesNotContain("(Parameter '", error);   // .NET's ArgumentException tail: the message already names the option
        Assert.Equal("", output);
        Assert.Equal("keep me", File.ReadAllText(InFolder("existing.zip")));
        Assert.False(File.Exists(InFolder("out.zip")));
    }

    [Fact]
    public void The_data_file_is_never_the_output_even_with_force()
    {
        string data = InFolder("rows.csv");
        File.Copy(Bundled("iris.csv"), data);

        var (code, output, error) = Run("--data", data, "--label", "Species", "--sparsity", "5", "--output", data, "--force");

        Assert.Equal(1, code);
        Assert.Equal($"error: --output: {data} is the --data file; write the model zip to another file.", error.TrimEnd());
        Assert.Equal("", output);
        Assert.Equal(File.ReadAllText(Bundled("iris.csv")), File.ReadAllText(data));
    }

    [Theory]
    [InlineData("--data {folder}/loss.png --output {folder}/m.zip", "error: --plot: {folder}/loss.png is the --data file; write the plots to another folder.")]
    [InlineData("--data {folder}/rows.csv --output {folder}/weights.png", "error: --plot: {folder}/weights.png is the --output zip; write the plots to another folder.")]
    public void A_plot_is_never_an_input_or_the_zip(string files, string expected)
    {
        File.Copy(Bundled("iris.csv"), InFolder("loss.png"));
        File.Copy(Bundled("iris.csv"), InFolder("rows.csv"));

        var (code, _, error) = Run([.. files.Replace("{folder}", _folder).Split(' '), "--label", "Species", "--sparsity", "5", "--plot", _folder, "--force"]);

        Assert.Equal(1, code);
        Assert.Equal(expected.Replace("{folder}", _folder), error.TrimEnd());
        Assert.Equal(File.ReadAllText(Bundled("iris.csv")), File.ReadAllText(InFolder("loss.png")));
        Assert.Equal(["loss.png", "rows.csv"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [OnLinuxFact]
    public void An_unwritable_output_is_named_before_the_data_is_read()
    {
        var (code, _, error) = Run("--data", InFolder("none.csv"), "--label", "y", "--output", "/proc/o.zip");

        Assert.Equal(1, code);
        Assert.Equal("error: --output: cannot write /proc/o.zip (the folder does not accept new files).", error.TrimEnd());
    }

    [OnLinuxFact]
    public void An_unwritable_plot_folder_is_named_before_the_data_is_read()
    {
        var (code, _, error) = Run("--data", InFolder("none.csv"), "--label", "y", "--output", InFolder("m.zip"), "--plot", "/proc");

        Assert.Equal(1, code);
        Assert.Equal("error: --plot: cannot write /proc/loss.png (the folder does not accept new files).", error.TrimEnd());
    }

    [Fact]
    public void Force_overwrites_an_existing_zip()
    {
        string zip = InFolder("model.zip");
        File.WriteAllText(zip, "old");
        var (code, _, error) = Run("--data", Bundled("iris.csv"), "--label", "Species", "--sparsity", "5", "--output", zip, "--force");
        Assert.True(code == 0, error);
        Assert.NotEqual("old", File.ReadAllText(zip)[..3]);
        Assert.Single(Directory.GetFiles(_folder));   // no temporary file left beside it
    }
}
